#!/usr/bin/env bash
# Benchmarks (not tests): prints measured figures; docs/benchmarks.md records them with this command.
#   bash ci/bench.sh [dit|vae|averaging|compare|all]
# compare: the project against the PyTorch mirrors in ci/bench/ (same shapes, same threads, one run; needs
# `apt-get install python3-torch libopenblas0-pthread`), a Markdown table for docs/benchmarks.md
# Run on an otherwise idle machine: every figure is wall-clock time on this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
mkdir -p target
mvn -q -B -DskipTests install
mvn -q -B -pl jobs dependency:build-classpath -Dmdep.outputFile="$(pwd)/target/jobs.classpath"
CP="jobs/target/classes:data-prep/target/classes:dit-model/target/classes:$(cat target/jobs.classpath)"
# (mvn -q can prefix its output with a colour reset code even without a terminal: strip it)
OPENS="$(mvn -q -B help:evaluate -Dexpression=java17.opens -DforceStdout </dev/null | sed 's/\x1b\[[0-9;]*m//g')"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# javacpp limits bound ND4J off-heap memory: without them it is freed only when the small Java heap is collected
# (measured: 8.4 GB RSS after 12 bench steps unbounded; 4.3 GB and a faster step with maxphysicalbytes=4G)
run() { java -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=3G -Dorg.bytedeco.javacpp.maxphysicalbytes=5G $OPENS -Dlog4j2.configurationFile=conf/log4j2.properties -cp "$CP" "$@"; }

if [[ "$what" == compare ]]; then
  if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "bench compare: PyTorch is missing: apt-get install python3-torch libopenblas0-pthread" >&2; exit 1
  fi
  JAVA_CMD="java -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=3G -Dorg.bytedeco.javacpp.maxphysicalbytes=5G $OPENS -Dlog4j2.configurationFile=conf/log4j2.properties -cp $CP" \
    /usr/bin/python3 -B ci/bench/compare.py --threads="$OMP_NUM_THREADS" --out=target/bench-compare.json
  exit 0
fi
if [[ "$what" == dit || "$what" == all ]]; then
  echo "== DiT training step, bench config (OMP_NUM_THREADS=$OMP_NUM_THREADS)"
  run org.genmask.bench.DiTStepBenchmark --size=bench --steps=10 --warmup=2 | tail -1
fi
if [[ "$what" == vae || "$what" == all ]]; then
  echo "== VAE encode, SD-sized VAE at 256x256, batch 2"
  run org.genmask.vae.VaeEncodeBenchmark --arch sd --size 256 --batch 2 --batches 3 --warmup 1 | tail -2
fi
if [[ "$what" == averaging || "$what" == all ]]; then
  BENCH="--config=conf/jobs/bench-train.conf"
  # AVERAGING_PERIODS="8" bash ci/bench.sh averaging: only those periods (2 workers; 1 worker runs with period 4)
  for workers in 1 2; do
    for period in ${AVERAGING_PERIODS:-1 4 8 16}; do
      [[ $workers == 1 && $period != 4 ]] && continue
      rounds=$(( period >= 16 ? 3 : (period >= 4 ? 4 : 8) ))
      dir="target/bench-averaging-w$workers-p$period"
      rm -rf "$dir"
      echo "== averaging: $workers worker(s), period $period, $rounds rounds (first round excluded: graph build)"
      java -Xmx3g -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=10G $OPENS -Dspark.master="local[$workers]" -Dspark.ui.enabled=false \
        -Dspark.rpc.message.maxSize=512 -Dspark.task.maxDirectResultSize=512m -Dspark.broadcast.compress=false \
        -Dlog4j2.configurationFile=conf/log4j2.properties -cp "$CP" org.genmask.jobs.train.TrainJob $BENCH \
        --workers=$workers --averaging_period=$period --rounds=$rounds --run_dir="$dir" > "$dir.log" 2>&1
      python3 - "$dir/metrics.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])][1:]
sps = sum(r["samples_per_s"] for r in rows) / len(rows)
out = sum(r["outside_compute_s"] for r in rows) / sum(r["wall_s"] for r in rows)
step = sum(r["compute_s"] for r in rows) / sum(1 for r in rows)
print(f"samples/s {sps:.2f}   outside compute {100*out:.1f}% of round time   compute per round {step:.2f} s")
PY
    done
  done
fi
