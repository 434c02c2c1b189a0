#!/usr/bin/env bash
# The README's first command: the whole GenMask pipeline on the embedded default, in Spark local mode on this machine:
#   1. generate the synthetic referring-segmentation dataset (coloured shapes, captions, referring expressions)
#   2. precompute VAE latents of images and masks into Parquet with the embedded default VAE
#   3. train the DiT on both tasks with parameter averaging over 2 local workers
#   4. evaluate single-step mask prediction on the test split (cIoU, gIoU, Prec@X)
#   5. analyse the mask latents against the image latents (the paper's motivation: PCA, linear probe under noise)
#   6. sample a few text -> image generations
#   7. write the self-contained HTML report (with runs/ablation's table when runs/ablation/ablation.json exists)
# Each stage is the same job class that spark-submit runs on a cluster (see docs/operations.md); the master is set
# here (-Dspark.master), never in code. Configs: conf/jobs/quickstart-*.conf. Outputs: runs/quickstart/.
# Options: --fresh (delete runs/quickstart first; otherwise finished stages are reused: precompute and training
# resume), --skip-build, --smoke (a shortened run for CI: fewer images and rounds), --images=N.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=runs/quickstart
IMAGES=1500
BUILD=1
TRAIN_ARGS=()
EVAL_ARGS=()
for arg in "$@"; do
    case "$arg" in
        --fresh) rm -rf "$RUN" ;;
        --skip-build) BUILD=0 ;;
        --smoke) IMAGES=240; TRAIN_ARGS+=(--rounds=2); EVAL_ARGS+=(--samples=4) ;;
        --images=*) IMAGES="${arg#--images=}" ;;
        *) echo "quickstart: unknown option $arg (use --fresh, --skip-build, --smoke, --images=N)" >&2; exit 2 ;;
    esac
done
T0=$(date +%s)
stamp() { echo "[quickstart $(( $(date +%s) - T0 ))s] $*"; }

if [ "$BUILD" = 1 ]; then
    stamp "building (mvn -DskipTests install)"
    mvn -q -B -DskipTests install
fi
if [ ! -s target/jobs.classpath ] || [ jobs/pom.xml -nt target/jobs.classpath ] || [ pom.xml -nt target/jobs.classpath ]; then
    mvn -q -B -pl jobs dependency:build-classpath -Dmdep.outputFile="$(pwd)/target/jobs.classpath"
fi
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
OPENS="$(sed -n 's/^spark.executor.extraJavaOptions *//p' conf/spark/local.conf)"
run_job() { # CLASS ARGS...: one stage, as spark-submit --master local[2] would run it
    java -Xmx3g -Djava.awt.headless=true -Dorg.bytedeco.javacpp.maxbytes=4G \
        -Dorg.bytedeco.javacpp.maxphysicalbytes=8G $OPENS -Dspark.master='local[2]' -Dspark.ui.enabled=false \
        -Dspark.serializer=org.apache.spark.serializer.JavaSerializer \
        -Dspark.rpc.message.maxSize=512 -Dspark.task.maxDirectResultSize=512m -Dspark.broadcast.compress=false \
        -Dlog4j2.configurationFile=conf/log4j2.properties \
        -cp "jobs/target/classes:$(cat target/jobs.classpath)" "$@"
}

if [ ! -s "$RUN/data/manifest.jsonl" ]; then
    stamp "1/7 generating the synthetic dataset ($IMAGES images, 32x32)"
    run_job org.genmask.data.synthetic.GenerateSyntheticDataset --out="$RUN/data" --images="$IMAGES" --size=32 \
        --seed=0 --threads=2
fi
stamp "2/7 precomputing latents (embedded default VAE)"
run_job org.genmask.data.jobs.PrecomputeLatentsJob --config=conf/jobs/quickstart-precompute.conf
stamp "3/7 training (2 local workers, parameter averaging)"
run_job org.genmask.jobs.train.TrainJob --config=conf/jobs/quickstart-train.conf "${TRAIN_ARGS[@]}"
stamp "4/7 evaluating on the test split"
run_job org.genmask.jobs.eval.EvaluateJob --config=conf/jobs/quickstart-evaluate.conf "${EVAL_ARGS[@]}"
stamp "5/7 analysing mask latents vs image latents"
run_job org.genmask.jobs.analysis.LatentAnalysisJob --config=conf/jobs/quickstart-analysis.conf
stamp "6/7 sampling text -> image"
run_job org.genmask.jobs.sample.SampleJob --config=conf/jobs/quickstart-sample.conf
stamp "7/7 writing the report"
REPORT_ARGS=(--samples="$RUN/samples" --latent_analysis="$RUN/analysis")
if [ -s runs/ablation/ablation.json ]; then
    REPORT_ARGS+=(--ablation=runs/ablation)
fi
run_job org.genmask.jobs.report.ReportJob --run_dir="$RUN/train" --eval_dirs="$RUN/eval" "${REPORT_ARGS[@]}" \
    --out="$RUN/report.html"
stamp "done: report $(pwd)/$RUN/report.html, metrics $(pwd)/$RUN/eval/metrics.json"
