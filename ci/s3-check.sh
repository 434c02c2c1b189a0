#!/usr/bin/env bash
# S3 end to end on loopback: S3Proxy (org.gaul:s3proxy jar-with-dependencies, its own JVM, in-memory store) started
# and stopped by the tests; no credentials needed or written anywhere (the tests make fresh ones).
#   TrainJobS3IT         spark-submit --master local[2] with conf/spark/local.conf + the S3 part of cpu-cluster.conf:
#                        run_dir on s3a://, rerun resumes from the S3 checkpoint, no credential in logs/files/objects
#   ParquetS3CommitIT    Parquet through the S3A magic committer with the template's committer settings; the latent
#                        precomputation (in-process) to s3a://, rerun = no-op, read back with LatentDataset
#   PipelineS3ClusterIT  standalone cluster, cpu-cluster.conf: precompute -> train -> evaluate, all on s3a://;
#                        credentials only in the environment, found in no log, object, footer or header
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash ci/integration.sh -Dit.test='TrainJobS3IT,ParquetS3CommitIT,PipelineS3ClusterIT' "$@"
