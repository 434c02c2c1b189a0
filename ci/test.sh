#!/usr/bin/env bash
# The README's test command: check that the GPU profile (ND4J CUDA 11.6 backend) resolves and compiles, then the
# whole build with every test on the default CPU backend.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== mvn -Pcuda compile (GPU executor profile: resolve + compile only; first run downloads ~600 MB)"
mvn -B -q -Pcuda -DskipTests compile
echo "== local Spark distribution for the standalone-cluster integration tests (ci/spark-dist, from Maven Central)"
mvn -B -q -f ci/spark-dist/pom.xml package
echo "== mvn verify (CPU backend, all tests)"
mvn -B verify "$@"
