#!/usr/bin/env bash
# The integration tests alone (no unit tests): the data path on a standalone cluster (precompute -> train, with an
# executor kill), the S3 tests (S3Proxy on 127.0.0.1, started and stopped by the tests; the whole pipeline on s3a://
# on the cluster among them), and the Airflow DAG drift check. Each test starts the services it needs and stops them.
# What each covers and how long it takes: docs/operations.md, "Integration tests".
#   bash ci/integration.sh [-Dit.test=TrainJobS3IT ...]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== local Spark distribution (ci/spark-dist: Spark 3.5.9 + hadoop-aws 3.3.4, from Maven Central)"
mvn -B -q -f ci/spark-dist/pom.xml package
echo "== integration tests (failsafe)"
# -am builds dit-model and data-prep from this tree (not whatever another checkout installed in ~/.m2)
mvn -B -pl jobs -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.failIfNoSpecifiedTests=false "$@"
