#!/usr/bin/env bash
# The README's first command: build the project, then run the main job on its embedded default.
# Until the latent precomputation, training and evaluation jobs exist (issues 4-6), this trains the GenMask DiT on a
# fixed synthetic mixed batch (both tasks) with the real training step and prints the per-task losses and step times.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests install
mvn -q -B -pl dit-model dependency:build-classpath -Dmdep.outputFile=target/dit-model.classpath
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -Xmx2g -cp "dit-model/target/classes:$(cat target/dit-model.classpath)" \
  org.genmask.bench.DiTStepBenchmark --size=tiny --steps=30 --warmup=2 "$@"
