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
# Options: --fresh (delete the run's directory first; otherwise finished stages are reused: precompute and training
# resume), --skip-build, --smoke (a shortened run for CI: fewer images and rounds), --images=N, --long (the longer
# configuration instead: 15,000 images, conf/jobs/long-train.conf, outputs in runs/long/; ~50-60 min on 2 cores).
# A run directory that holds latents of another VAE too (e.g. of an older embedded default) stops the script after
# the precomputation: its training would resume from checkpoints of the other latents; --fresh starts over.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=runs/quickstart
IMAGES=1500
SEED=0
TRAIN_CONF=conf/jobs/quickstart-train.conf
BUILD=1
FRESH=0
TRAIN_ARGS=()
EVAL_ARGS=()
for arg in "$@"; do
    case "$arg" in
        --fresh) FRESH=1 ;;
        --skip-build) BUILD=0 ;;
        --smoke) IMAGES=240; TRAIN_ARGS+=(--rounds=2 --optimizer.warmup_steps=4); EVAL_ARGS+=(--samples=4) ;;
        --images=*) IMAGES="${arg#--images=}" ;;
        --long) RUN=runs/long; IMAGES=15000; SEED=1; TRAIN_CONF=conf/jobs/long-train.conf ;;
        *) echo "quickstart: unknown option $arg (use --fresh, --skip-build, --smoke, --images=N, --long)" >&2; exit 2 ;;
    esac
done
if [ "$FRESH" = 1 ]; then
    rm -rf "$RUN"
fi
LATENTS="$RUN/latents/dataset=synthetic"
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
        --seed="$SEED" --threads=2
fi
stamp "2/7 precomputing latents (embedded default VAE)"
run_job org.genmask.data.jobs.PrecomputeLatentsJob --config=conf/jobs/quickstart-precompute.conf \
    --dataset="$RUN/data" --output="$RUN/latents"
KEYS=("$LATENTS"/key=*) # one per VAE (cache key); the stages below read the only one and resume $RUN/train
if [ "${#KEYS[@]}" -gt 1 ]; then
    echo "quickstart: $LATENTS holds latents of ${#KEYS[@]} VAEs ($(IFS=,; echo "${KEYS[*]##*/}")): the run" \
        "directory $RUN holds latents of another VAE (e.g. from an older embedded default VAE), and its training" \
        "may have used them; rerun with --fresh to start over (it deletes $RUN)" >&2
    exit 1
fi
stamp "3/7 training (2 local workers, parameter averaging)"
run_job org.genmask.jobs.train.TrainJob --config="$TRAIN_CONF" --run_dir="$RUN/train" \
    --latents="$LATENTS?split=train&flips=true" "${TRAIN_ARGS[@]}"
stamp "4/7 evaluating on the test split"
run_job org.genmask.jobs.eval.EvaluateJob --config=conf/jobs/quickstart-evaluate.conf --checkpoint="$RUN/train" \
    --examples="latents:$LATENTS?split=test" --dataset="$RUN/data" --out_dir="$RUN/eval" "${EVAL_ARGS[@]}"
stamp "5/7 analysing mask latents vs image latents"
run_job org.genmask.jobs.analysis.LatentAnalysisJob --config=conf/jobs/quickstart-analysis.conf \
    --latents="$LATENTS?split=train" --dataset="$RUN/data" --out_dir="$RUN/analysis"
stamp "6/7 sampling text -> image"
run_job org.genmask.jobs.sample.SampleJob --config=conf/jobs/quickstart-sample.conf --checkpoint="$RUN/train" \
    --captions="$LATENTS?split=val" --out_dir="$RUN/samples"
stamp "7/7 writing the report"
REPORT_ARGS=(--samples="$RUN/samples" --latent_analysis="$RUN/analysis")
if [ -s runs/ablation/ablation.json ]; then
    REPORT_ARGS+=(--ablation=runs/ablation)
fi
run_job org.genmask.jobs.report.ReportJob --run_dir="$RUN/train" --eval_dirs="$RUN/eval" "${REPORT_ARGS[@]}" \
    --out="$RUN/report.html"
stamp "done: report $(pwd)/$RUN/report.html, metrics $(pwd)/$RUN/eval/metrics.json"
