package org.genmask.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training job on a real standalone cluster (master + 2 workers on 127.0.0.1) through SparkSubmit with the
 * shaded jar. A run whose executor is killed mid-training must end with exactly the parameters of an undisturbed run.
 */
class TrainJobClusterIT {
    private static final Path WORK = Path.of(System.getProperty("genmask.repo", "."), "jobs", "target", "it-cluster");
    private static StandaloneCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        cluster = StandaloneCluster.start(Path.of(System.getProperty("genmask.spark.home")), WORK, 2, 1, "3g");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Process submit(String name, Path runDir) throws Exception {
        String opens = String.join(" ", StandaloneCluster.JAVA17_OPENS);
        Path log4j = Path.of(System.getProperty("genmask.repo"), "conf", "log4j2.properties");
        List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
                "--master", cluster.masterUrl(), "--deploy-mode", "client",
                "--class", "org.genmask.jobs.train.TrainJob",
                "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                "--conf", "spark.executor.memory=2g", "--conf", "spark.task.maxFailures=4",
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.executor.extraJavaOptions=" + opens,
                "--conf", "spark.driver.extraJavaOptions=-Dlog4j2.configurationFile=" + log4j,
                "--conf", "spark.ui.enabled=false",
                System.getProperty("genmask.jobs.jar"),
                "--run_dir=" + runDir, "--latents=synthetic:64", "--workers=2", "--rounds=6",
                "--averaging_period=6", "--batch_size=4", "--checkpoint_every=3", "--optimizer.warmup_steps=0"));
        return cluster.launch(name, args);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** An executor whose CPU time grows by more than 150 ms in 250 ms: it is inside a training step. */
    private static ProcessHandle busyExecutor(long deadline, Process job) throws InterruptedException {
        while (System.nanoTime() < deadline && job.isAlive()) {
            for (ProcessHandle e : cluster.executors()) {
                long before = e.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
                Thread.sleep(250);
                long after = e.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
                if (after - before > 150) {
                    return e;
                }
            }
        }
        return null;
    }

    @Test
    void aKilledExecutorChangesNothing() throws Exception {
        Path clean = WORK.resolve("run-clean");
        Path killed = WORK.resolve("run-killed");
        deleteRecursively(clean); // a run directory left by an earlier build would make these runs resume
        deleteRecursively(killed);
        Process p = submit("submit-clean", clean);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0,
                "clean run failed: see " + WORK.resolve("submit-clean.log"));

        Process q = submit("submit-killed", killed);
        Path metrics = killed.resolve("metrics.jsonl");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while ((!Files.exists(metrics) || Files.readAllLines(metrics).isEmpty()) && System.nanoTime() < deadline
                && q.isAlive()) {
            Thread.sleep(100);
        }
        ProcessHandle busy = busyExecutor(deadline, q);
        assertTrue(busy != null, "no executor was seen training after round 1");
        busy.destroyForcibly(); // SIGKILL in the middle of a running training task
        assertTrue(q.waitFor(10, TimeUnit.MINUTES) && q.exitValue() == 0,
                "disturbed run failed: see " + WORK.resolve("submit-killed.log"));
        String log = Files.readString(WORK.resolve("submit-killed.log"));
        assertTrue(log.contains("Lost executor"), "the kill must have cost Spark an executor");
        assertTrue(log.contains("Lost task"), "the kill must have hit a running task");

        for (String f : List.of("model.safetensors", "ema.safetensors", "optimizer.safetensors")) {
            assertEquals(-1L, Files.mismatch(clean.resolve("ckpt-000006").resolve(f),
                    killed.resolve("ckpt-000006").resolve(f)), f + " differs after the executor kill");
        }
        assertEquals(6, Files.readAllLines(killed.resolve("metrics.jsonl")).size());
    }
}
