package org.genmask.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.genmask.data.latents.PartitionMarker;
import org.genmask.data.manifest.Split;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data path on a real standalone cluster (master + 2 workers on 127.0.0.1), every job through spark-submit with
 * the shaded jar: {@code PrecomputeLatentsJob} encodes a generated dataset ({@link TinyPipeline}) into a Parquet latent
 * partition, then {@code TrainJob} trains on its train split, twice: undisturbed, and with an executor killed
 * (SIGKILL) in the middle of a training task. The disturbed run must end with exactly the parameters of the
 * undisturbed one.
 */
class PipelineClusterIT {
    private static final Path WORK = Path.of(System.getProperty("genmask.repo", "."), "jobs", "target", "it-cluster");
    private static final Path JAR = Path.of(System.getProperty("genmask.jobs.jar", "jobs/target/genmask-jobs.jar"));
    private static StandaloneCluster cluster;
    private static Path dataset;
    private static Path vae;

    @BeforeAll
    static void start() throws Exception {
        TinyPipeline.deleteRecursively(WORK); // an earlier build's runs would make the jobs resume
        Files.createDirectories(WORK);
        dataset = TinyPipeline.dataset(WORK.resolve("data").resolve(TinyPipeline.DATASET));
        vae = TinyPipeline.vae(WORK.resolve("vae"));
        cluster = StandaloneCluster.start(Path.of(System.getProperty("genmask.spark.home")), WORK, 2, 1, "3g");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Two single-core executors of 2 GB, the driver logging through conf/log4j2.properties (warnings, progress). */
    private static List<String> sparkOptions() {
        String opens = String.join(" ", StandaloneCluster.JAVA17_OPENS);
        Path log4j = Path.of(System.getProperty("genmask.repo"), "conf", "log4j2.properties");
        return List.of("--driver-memory", "1g", "--driver-java-options", opens + " -Dlog4j2.configurationFile=" + log4j,
                "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                "--conf", "spark.executor.memory=2g", "--conf", "spark.task.maxFailures=4",
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.executor.extraJavaOptions=" + opens,
                "--conf", "spark.serializer=org.apache.spark.serializer.JavaSerializer",
                "--conf", "spark.ui.enabled=false");
    }

    private static Process train(String name, Path runDir, String latents) throws Exception {
        return cluster.submit(name, sparkOptions(), "org.genmask.jobs.train.TrainJob", JAR, List.of(
                "--run_dir=" + runDir, "--latents=" + latents, "--workers=2", "--rounds=6", "--averaging_period=48",
                "--batch_size=4", "--checkpoint_every=3", "--optimizer.warmup_steps=0"));
    }

    @Test
    void precomputesThenTrainsAndAKilledExecutorChangesNothing() throws Exception {
        Path latents = WORK.resolve("latents");
        Path clean = WORK.resolve("run-clean");

        long t0 = System.nanoTime();
        cluster.awaitSuccess("precompute", cluster.submit("precompute", sparkOptions(),
                "org.genmask.data.jobs.PrecomputeLatentsJob", JAR,
                TinyPipeline.precomputeArgs(dataset.toString(), latents.toString(), vae.toString())),
                Duration.ofMinutes(5));
        Path partition;
        try (Stream<Path> keys = Files.list(latents.resolve("dataset=" + TinyPipeline.DATASET))) {
            List<Path> all = keys.toList();
            assertEquals(1, all.size(), "one key= partition: " + all);
            partition = all.get(0);
        }
        PartitionMarker marker = PartitionMarker.fromJson("_COMPLETE.json",
                Files.readString(partition.resolve("_COMPLETE.json")));
        assertEquals(TinyPipeline.IMAGES, marker.counts().images(), "every image encoded");
        assertEquals("4x8x8", marker.shape().toString());
        assertTrue(Files.readString(cluster.log("precompute")).contains("precompute: "),
                "the precompute job's summary is in its log");
        long precompute = System.nanoTime();

        String train = TinyPipeline.latents(latents.toString(), Split.TRAIN);
        cluster.awaitSuccess("train-clean", train("train-clean", clean, train), Duration.ofMinutes(8));
        assertTrue(Files.isRegularFile(clean.resolve("ckpt-000006").resolve("state.json")), "no final checkpoint");
        JsonNode state = new ObjectMapper().readTree(clean.resolve("ckpt-000006").resolve("state.json").toFile());
        assertEquals(train, state.path("config").path("latents").asText());
        assertTrue(Files.readString(cluster.log("train-clean")).contains("examples from"),
                "the run read the latent partition: see " + cluster.log("train-clean"));
        long cleanRun = System.nanoTime();

        // The kill must land inside a training task. After round 1 a task computes for ~0.4-0.8 s here (48 steps) of a
        // ~0.7-1 s round, so a kill can still fall between two tasks; then the run is repeated (every run must equal
        // the clean one).
        boolean hitTask = false;
        for (int attempt = 1; attempt <= 3 && !hitTask; attempt++) {
            String name = "train-killed-" + attempt;
            Path dir = WORK.resolve("run-killed-" + attempt);
            Process q = train(name, dir, train);
            Path metrics = dir.resolve("metrics.jsonl");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while ((!Files.exists(metrics) || Files.readAllLines(metrics).isEmpty()) && System.nanoTime() < deadline
                    && q.isAlive()) {
                Thread.sleep(100);
            }
            ProcessHandle busy = cluster.busyExecutor(deadline, q);
            assertTrue(busy != null, "no executor was seen training after round 1");
            busy.destroyForcibly(); // SIGKILL, meant for the middle of a running training task
            cluster.awaitSuccess(name, q, Duration.ofMinutes(8));
            String log = Files.readString(cluster.log(name));
            assertTrue(log.contains("Lost executor"), "the kill must have cost Spark an executor: "
                    + cluster.log(name));
            hitTask = log.contains("Lost task");
            for (String f : List.of("model.safetensors", "ema.safetensors", "optimizer.safetensors")) {
                assertEquals(-1L, Files.mismatch(clean.resolve("ckpt-000006").resolve(f),
                        dir.resolve("ckpt-000006").resolve(f)), f + " differs after the executor kill (" + name + ")");
            }
            assertEquals(6, Files.readAllLines(metrics).size());
        }
        assertTrue(hitTask, "in three runs, no kill hit a running task");
        System.out.printf("PipelineClusterIT: precompute %.0f s, clean training %.0f s, disturbed training %.0f s%n",
                (precompute - t0) / 1e9, (cleanRun - precompute) / 1e9, (System.nanoTime() - cleanRun) / 1e9);
    }
}
