"""GenMask pipeline: precompute latents -> validate -> train -> evaluate, one run per data interval.

Every task is a spark-submit of the project's shaded jar (jobs/target/genmask-jobs.jar) with the Spark template
conf/spark/cpu-cluster.conf; the Spark connection (``spark_default``: master, deploy mode, spark-home) chooses the
cluster, never this file. S3 credentials come from the Airflow workers' and the cluster's environment or roles,
never from this file or the connection's extras (README, "S3").

Each run owns exact paths keyed by its data interval and the latent cache key, so a retried or re-run task
overwrites or resumes its own output and never appends to another run's:

    <dataset_root>/interval=<start>-<end>/                       the interval's dataset (manifest.jsonl, images)
    <latents_root>/interval=<start>-<end>/dataset=<name>/key=<cache key>/   latents; _COMPLETE.json written last
    <runs_root>/interval=<start>-<end>/key=<cache key>/          checkpoints, metrics.jsonl
    <reports_root>/interval=<start>-<end>/key=<cache key>/       evaluation metrics and samples

- precompute: a complete partition makes a rerun a no-op; after a failure it resumes at the first unfinished chunk
  and rewrites that chunk (PrecomputeLatentsJob). The cache key (VAE config and weights, resolution, dtype) is a DAG
  parameter, pinned: a different VAE writes a different key=, which validate reports instead of training on it.
- validate: reads only the completion marker; writes nothing.
- train: resumes from the newest complete checkpoint in its run directory (TrainJob), so a retry continues where
  the failed attempt stopped and ends with the same parameters as an undisturbed run.
- evaluate: writes its report directory for this interval and key, replacing an earlier attempt's files.

Needs Airflow 2.6+ and apache-airflow-providers-apache-spark 4.6+ (properties_file). GENMASK_HOME is where the
repository, built with ``mvn -B -DskipTests package``, is checked out on the Airflow workers. CI checks this file
without Airflow: it compiles, and every class, jar, conf file and job key it names exists (AirflowDagDriftIT).
"""
from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models.param import Param
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

GENMASK_HOME = os.environ.get("GENMASK_HOME", "/opt/genmask")
JOBS_JAR = f"{GENMASK_HOME}/jobs/target/genmask-jobs.jar"
SPARK_PROPERTIES = f"{GENMASK_HOME}/conf/spark/cpu-cluster.conf"
PRECOMPUTE_CONFIG = f"{GENMASK_HOME}/conf/jobs/cluster-precompute.conf"
TRAIN_CONFIG = f"{GENMASK_HOME}/conf/jobs/cluster-train.conf"

# Jinja, rendered per run: the data interval and the pinned cache key make every path exact.
INTERVAL = "interval={{ data_interval_start | ts_nodash }}-{{ data_interval_end | ts_nodash }}"
KEY = "key={{ params.cache_key }}"
DATASET = "{{ params.dataset_root }}/" + INTERVAL
LATENTS_OUTPUT = "{{ params.latents_root }}/" + INTERVAL
PARTITION = LATENTS_OUTPUT + "/dataset={{ params.dataset_name }}/" + KEY
RUN_DIR = "{{ params.runs_root }}/" + INTERVAL + "/" + KEY
REPORT_DIR = "{{ params.reports_root }}/" + INTERVAL + "/" + KEY

with DAG(
    dag_id="genmask_pipeline",
    description="GenMask: precompute latents -> validate -> train -> evaluate",
    schedule="@weekly",
    start_date=datetime(2026, 1, 5),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "genmask",
        "retries": 2,
        "retry_delay": timedelta(minutes=10),
        "conn_id": "spark_default",
    },
    params={
        "dataset_root": Param("s3a://genmask-data/datasets/synthetic", type="string",
                              description="root of the per-interval dataset snapshots"),
        "dataset_name": Param("synthetic", type="string", pattern="^[A-Za-z0-9._-]+$"),
        "vae": Param("s3a://genmask-data/vae/default", type="string",
                     description="VAE directory (config.json, diffusion_pytorch_model.safetensors)"),
        "vae_local_dir": Param("/opt/genmask/vae/default", type="string",
                               description="the same VAE at a local path on every executor (evaluation)"),
        "cache_key": Param("0000000000000000", type="string", pattern="^[0-9a-f]{16}$",
                           description="latent cache key id that PrecomputeLatentsJob prints for this VAE,"
                                       " resolution and dtype"),
        "latents_root": Param("s3a://genmask-data/latents", type="string"),
        "runs_root": Param("s3a://genmask-data/runs", type="string"),
        "reports_root": Param("s3a://genmask-data/reports", type="string"),
    },
    tags=["genmask", "spark"],
) as dag:

    precompute = SparkSubmitOperator(
        task_id="precompute_latents",
        name="genmask-precompute-latents",
        java_class="org.genmask.data.jobs.PrecomputeLatentsJob",
        application=JOBS_JAR,
        properties_file=SPARK_PROPERTIES,
        application_args=[
            f"--config={PRECOMPUTE_CONFIG}",
            "--dataset=" + DATASET,
            "--dataset_name={{ params.dataset_name }}",
            "--vae={{ params.vae }}",
            "--output=" + LATENTS_OUTPUT,
        ],
    )

    validate = SparkSubmitOperator(
        task_id="validate_latents",
        name="genmask-validate-latents",
        java_class="org.genmask.jobs.validate.ValidateLatentsJob",
        application=JOBS_JAR,
        properties_file=SPARK_PROPERTIES,
        application_args=[
            "--partition=" + PARTITION,
        ],
        retries=0,
    )

    train = SparkSubmitOperator(
        task_id="train",
        name="genmask-train",
        java_class="org.genmask.jobs.train.TrainJob",
        application=JOBS_JAR,
        properties_file=SPARK_PROPERTIES,
        application_args=[
            f"--config={TRAIN_CONFIG}",
            "--latents=" + PARTITION,
            "--run_dir=" + RUN_DIR,
        ],
        retries=3,
        execution_timeout=timedelta(days=3),
    )

    evaluate = SparkSubmitOperator(
        task_id="evaluate",
        name="genmask-evaluate",
        java_class="org.genmask.jobs.eval.EvaluateJob",
        application=JOBS_JAR,
        properties_file=SPARK_PROPERTIES,
        application_args=[
            "--checkpoint=" + RUN_DIR,
            "--examples=latents:" + PARTITION + "?split=test",
            "--dataset=" + DATASET,
            "--vae_dir={{ params.vae_local_dir }}",
            "--out_dir=" + REPORT_DIR,
        ],
    )

    precompute >> validate >> train >> evaluate
