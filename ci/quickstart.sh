#!/usr/bin/env bash
# The README's first command: build the project, then run the main job on its embedded default in Spark local mode.
# Until the latent precomputation and evaluation jobs exist (issues 4 and 6), the training job runs on synthetic
# learnable latents (conf/jobs/quickstart-train.conf): parameter averaging over 2 local workers, checkpoints and
# metrics.jsonl in runs/quickstart. Extra --key=value arguments override the config.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests install
mvn -q -B -pl jobs dependency:build-classpath -Dmdep.outputFile="$(pwd)/target/jobs.classpath"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
--add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
# The master is chosen here, as spark-submit would, never in code.
rm -rf runs/quickstart   # the quickstart always starts a fresh run; real runs resume
java -Xmx3g -Dorg.bytedeco.javacpp.maxbytes=3G -Dorg.bytedeco.javacpp.maxphysicalbytes=6G $OPENS -Dspark.master='local[2]' -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "jobs/target/classes:$(cat target/jobs.classpath)" \
  org.genmask.jobs.train.TrainJob --config=conf/jobs/quickstart-train.conf "$@"
echo "run directory: $(pwd)/runs/quickstart (metrics.jsonl, ckpt-*/model.safetensors)"
