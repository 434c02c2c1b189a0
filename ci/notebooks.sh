#!/usr/bin/env bash
# Executes the analysis notebooks (notebooks/*.ipynb) headless, as CI does: Jupyter's nbconvert runs each one on the
# project's Java kernel (notebooks/kernel: JShell in a JVM with jobs/target/genmask-jobs.jar, Spark and the Java 17
# --add-opens flags) and writes the executed copy to target/notebooks/; any cell that raises fails the script.
#
# Debian packages it needs (it installs nothing itself):
#   jupyter-nbconvert jupyter-client   nbconvert --execute and the kernel client (no IPython kernel is needed)
#   fontconfig fonts-dejavu-core       a font for the charts' text (XChart, Java2D)
#
# usage: bash ci/notebooks.sh [--run-dir=DIR] [--eval-dir=DIR] [--latents=PATH|synthetic] [--vae-dir=DIR]
#                             [--make-inputs] [--no-build] [NOTEBOOK.ipynb ...]
#   --run-dir, --eval-dir, --latents, --vae-dir  the inputs (else GENMASK_RUN_DIR, GENMASK_EVAL_DIR, GENMASK_LATENTS,
#                  GENMASK_VAE_DIR from the environment, else each notebook's defaults: the quickstart's outputs)
#   --make-inputs  first write small inputs into target/notebook-inputs/ and use them: an untrained VAE
#                  (ci/RandomVae.java), a 2-round TrainJob run, an EvaluateJob output on synthetic:16 and a latent
#                  partition of 24 synthetic images (GenerateSyntheticDataset + PrecomputeLatentsJob)
#   --no-build     use the existing jobs/target/genmask-jobs.jar (e.g. right after `mvn verify`) instead of
#                  running `mvn -DskipTests package` on the reactor first
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
APT_PACKAGES="jupyter-nbconvert jupyter-client fontconfig fonts-dejavu-core"
JUPYTER=/usr/bin/jupyter   # Debian's; the python3 first on PATH may be another interpreter without Jupyter

build=1
make_inputs=0
notebooks=()
for arg in "$@"; do
  case "$arg" in
    --run-dir=*) export GENMASK_RUN_DIR="${arg#*=}" ;;
    --eval-dir=*) export GENMASK_EVAL_DIR="${arg#*=}" ;;
    --latents=*) export GENMASK_LATENTS="${arg#*=}" ;;
    --vae-dir=*) export GENMASK_VAE_DIR="${arg#*=}" ;;
    --make-inputs) make_inputs=1 ;;
    --no-build) build=0 ;;
    -*) echo "ci/notebooks.sh: unknown option $arg (see the usage at the top of the script)" >&2; exit 2 ;;
    *) notebooks+=("$arg") ;;
  esac
done
if [ ${#notebooks[@]} -eq 0 ]; then
  notebooks=(notebooks/*.ipynb)
fi

if [ ! -x "$JUPYTER" ] || ! "$JUPYTER" nbconvert --version >/dev/null 2>&1; then
  echo "error: $JUPYTER with nbconvert is missing; install it with:" >&2
  echo "  apt-get update && apt-get install -y $APT_PACKAGES" >&2
  exit 1
fi
if ! command -v fc-list >/dev/null || [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
  echo "error: no font known to fontconfig (charts need one); install: apt-get install -y fontconfig fonts-dejavu-core" >&2
  exit 1
fi

JAR=jobs/target/genmask-jobs.jar
if [ "$build" = 1 ]; then
  echo "== mvn -DskipTests package (reactor: the shaded jar $JAR)"
  mvn -q -B -DskipTests package
elif [ ! -f "$JAR" ]; then
  echo "error: --no-build but $JAR does not exist (run mvn -DskipTests package)" >&2
  exit 1
fi
SPARK_JARS=ci/spark-dist/target/spark-home/jars
if [ ! -d "$SPARK_JARS" ]; then
  echo "== Spark for the kernel's class path (ci/spark-dist, as the integration tests use it)"
  mvn -q -B -f ci/spark-dist/pom.xml package
fi
echo "== notebook kernel (notebooks/kernel: build and its unit tests)"
mvn -q -B -f notebooks/kernel/pom.xml package

# The JVM flags every Java process here gets: the parent pom's Java 17 --add-opens list (one owner), headless AWT,
# ND4J's off-heap limits, Spark local mode with 2 threads, the project's log4j2 configuration.
read -r -a OPENS <<< "$(sed -n 's:.*<java17.opens>\(.*\)</java17.opens>.*:\1:p' pom.xml)"
if [ ${#OPENS[@]} -eq 0 ]; then
  echo "error: no <java17.opens> in pom.xml" >&2
  exit 1
fi
JAVA="$(command -v java)"
JAVA="$(readlink -f "$JAVA")"
JVM_FLAGS=(-Xmx3g -Djava.awt.headless=true -Dorg.bytedeco.javacpp.maxbytes=3G
  -Dorg.bytedeco.javacpp.maxphysicalbytes=6G "${OPENS[@]}" "-Dspark.master=local[2]" -Dspark.ui.enabled=false
  "-Dlog4j2.configurationFile=$REPO/conf/log4j2.properties")
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
JOB_CP="$REPO/$JAR:$REPO/$SPARK_JARS/*"

# Jupyter's own state stays under target/ (never the home directory): kernelspec, runtime (connection files), config.
JUPYTER_DIR="$REPO/target/jupyter"
rm -rf "$JUPYTER_DIR"
mkdir -p "$JUPYTER_DIR/kernels/genmask-java" "$JUPYTER_DIR/runtime" "$JUPYTER_DIR/config"
export JUPYTER_PATH="$JUPYTER_DIR" JUPYTER_DATA_DIR="$JUPYTER_DIR" JUPYTER_RUNTIME_DIR="$JUPYTER_DIR/runtime" \
  JUPYTER_CONFIG_DIR="$JUPYTER_DIR/config" JUPYTER_PLATFORM_DIRS=0
# Class path: the kernel and its protocol library first (newer gson/slf4j patch versions than Spark's), then the
# project's shaded jar and Spark, as spark-submit would put them.
KERNEL_CP="$REPO/notebooks/kernel/target/genmask-notebook-kernel.jar:$REPO/notebooks/kernel/target/lib/*:$JOB_CP"
/usr/bin/python3 - "$JUPYTER_DIR/kernels/genmask-java/kernel.json" "$JAVA" "$KERNEL_CP" "$REPO" "${JVM_FLAGS[@]}" <<'EOF'
import json, sys
out, java, cp, repo, flags = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
spec = {
    "argv": [java, *flags, "-cp", cp, "org.genmask.notebooks.kernel.GenMaskKernel", "{connection_file}"],
    "display_name": "Java 17 (GenMask)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"GENMASK_REPO": repo},
}
with open(out, "w") as f:
    json.dump(spec, f, indent=1)
EOF
echo "kernelspec: $JUPYTER_DIR/kernels/genmask-java/kernel.json"

if [ "$make_inputs" = 1 ]; then
  IN=target/notebook-inputs
  echo "== inputs in $IN"
  rm -rf "$IN"
  mkdir -p "$IN"
  run_java() { "$JAVA" "${JVM_FLAGS[@]}" -cp "$JOB_CP" "$@"; }
  t0=$SECONDS
  run_java ci/RandomVae.java "$IN/vae" 1
  run_java org.genmask.jobs.train.TrainJob --latents=synthetic:512 --rounds=2 --run_dir="$IN/run"
  run_java org.genmask.jobs.eval.EvaluateJob --checkpoint="$IN/run" --vae_dir="$IN/vae" --examples=synthetic:16 \
    --out_dir="$IN/eval"
  run_java org.genmask.data.synthetic.GenerateSyntheticDataset --out="$IN/dataset" --images=24 --size=32 --threads=2
  run_java org.genmask.data.jobs.PrecomputeLatentsJob --dataset="$IN/dataset" --output="$IN/latents" \
    --vae="$IN/vae" --resolution=32 --partitions=2 --progress_interval_s=60
  echo "inputs written in $((SECONDS - t0)) s"
  export GENMASK_RUN_DIR="$IN/run" GENMASK_EVAL_DIR="$IN/eval" GENMASK_LATENTS="$IN/latents" GENMASK_VAE_DIR="$IN/vae"
fi
for v in GENMASK_RUN_DIR GENMASK_EVAL_DIR GENMASK_LATENTS GENMASK_VAE_DIR; do
  echo "$v=${!v:-(notebook default)}"
done

echo "== kernel start"
/usr/bin/python3 - <<'EOF'
import time
from jupyter_client.manager import start_new_kernel
t = time.time()
km, kc = start_new_kernel(kernel_name="genmask-java", startup_timeout=120)
ready = time.time() - t
reply = kc.execute_interactive("Runtime.version().toString()", timeout=120, output_hook=lambda msg: None)
if reply["content"]["status"] != "ok":
    raise SystemExit("kernel check failed: " + str(reply["content"]))
print(f"kernel ready in {ready:.1f} s, first cell after {time.time() - t:.1f} s")
kc.stop_channels()
km.shutdown_kernel(now=False)
EOF

OUT=target/notebooks
rm -rf "$OUT"
mkdir -p "$OUT"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
since() { local d=$(( $(now_ms) - $1 )); printf '%d.%d' $((d / 1000)) $(((d % 1000) / 100)); }
failed=0
passed=0
# execute NOTEBOOK OUTPUT_NAME: runs it into $OUT/OUTPUT_NAME.ipynb (log: $OUT/OUTPUT_NAME.log); 0 when no cell failed
execute() {
  "$JUPYTER" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
    --ExecutePreprocessor.startup_timeout=120 --ExecutePreprocessor.kernel_name=genmask-java \
    --output-dir "$OUT" --output "$2.ipynb" "$1" > "$OUT/$2.log" 2>&1
}
# check NOTEBOOK OUTPUT_NAME: a notebook that must run through
check() {
  local t0
  t0=$(now_ms)
  if execute "$1" "$2"; then
    passed=$((passed + 1))
    echo "$2: ok in $(since "$t0") s -> $OUT/$2.ipynb"
  else
    failed=$((failed + 1))
    echo "$2: FAILED after $(since "$t0") s (log: $OUT/$2.log)"
    # the end of the cell that raised, its traceback and error, as nbconvert reports them
    tail -n 30 "$OUT/$2.log" >&2
  fi
}
# check_refused NOTEBOOK OUTPUT_NAME TEXT: a notebook on a bad input must fail, with TEXT in its error
check_refused() {
  local t0
  t0=$(now_ms)
  if execute "$1" "$2"; then
    failed=$((failed + 1))
    echo "$2: FAILED: ran through on a bad input (log: $OUT/$2.log)"
  elif grep -qF -- "$3" "$OUT/$2.log"; then
    passed=$((passed + 1))
    echo "$2: ok, refused the bad input in $(since "$t0") s: $(grep -m1 -F -- "$3" "$OUT/$2.log")"
  else
    failed=$((failed + 1))
    echo "$2: FAILED: failed without naming the bad input ('$3'; log: $OUT/$2.log)"
  fi
}
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb")"
  check "$nb" "${name%.ipynb}"
done
if [ "$make_inputs" = 1 ]; then
  # the other source of latent-statistics, and the failure path: a malformed metrics.jsonl must fail the notebook
  GENMASK_LATENTS=synthetic check notebooks/latent-statistics.ipynb latent-statistics-synthetic
  bad="$IN/bad-run"
  cp -r "$IN/run" "$bad"
  sed -i '1s/.*/{"round": 1, "loss": /' "$bad/metrics.jsonl"
  GENMASK_RUN_DIR="$bad" check_refused notebooks/run-analysis.ipynb run-analysis-bad-input "metrics.jsonl line 1: not JSON"
fi
echo "notebooks: $passed passed, $failed failed"
[ "$failed" = 0 ]
