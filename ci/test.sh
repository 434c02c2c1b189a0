#!/usr/bin/env bash
# The README's test command: check that the GPU profile (ND4J CUDA 11.6 backend) resolves and compiles, then the
# whole build with every test on the default CPU backend: unit tests (conf templates and job configs included), then
# the integration tests (standalone cluster, S3 on a loopback S3Proxy, Airflow DAG drift); then a shortened quickstart
# (the whole pipeline on few images and rounds: it checks plumbing, not model quality) and the notebooks executed on
# its outputs. The same parts alone: ci/integration.sh, ci/s3-check.sh, ci/dag-check.sh, ci/quickstart.sh --smoke,
# ci/notebooks.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== mvn -Pcuda compile (GPU executor profile: resolve + compile only; first run downloads ~600 MB)"
mvn -B -q -Pcuda -DskipTests compile
echo "== local Spark distribution for the cluster and S3 integration tests (ci/spark-dist, from Maven Central)"
mvn -B -q -f ci/spark-dist/pom.xml package
echo "== mvn verify (CPU backend, all tests)"
mvn -B verify "$@"
echo "== quickstart, shortened (ci/quickstart.sh --smoke)"
bash ci/quickstart.sh --fresh --smoke
/usr/bin/python3 ci/check-quickstart.py runs/quickstart
echo "== notebooks on the quickstart's outputs (ci/notebooks.sh)"
bash ci/notebooks.sh --no-build
