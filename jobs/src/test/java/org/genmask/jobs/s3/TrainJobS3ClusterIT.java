package org.genmask.jobs.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.genmask.jobs.cluster.SparkSubmitCommand;
import org.genmask.jobs.cluster.StandaloneCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training job through spark-submit on a standalone cluster (master + 2 workers on 127.0.0.1) with
 * {@code conf/spark/cpu-cluster.conf} as shipped, resized for this machine and pointed at a loopback S3Proxy: the
 * run directory and Spark's event log on {@code s3a://}. The workers' environment holds the credentials, as a node's
 * would, so the executors they launch read them through the template's provider chain; a second application
 * ({@link ParquetProbe}) has the executors write Parquet there through the template's magic committer. Neither key may
 * appear in the drivers' logs, the master's, workers' or executors' logs, the properties file, or any object in the
 * bucket.
 */
class TrainJobS3ClusterIT {
    private static final Path WORK = S3TestConf.REPO.resolve("jobs/target/it-s3-cluster");
    private static final String BUCKET = "genmask-cluster";
    private static final String RUN = "runs/cluster";
    private static final String ACCESS_KEY = "GMCL" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toUpperCase(java.util.Locale.ROOT);
    private static final String SECRET_KEY = "gmCl/" + UUID.randomUUID() + "+Zq";
    private static S3ProxyServer s3;
    private static StandaloneCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        s3 = S3ProxyServer.start(Path.of(System.getProperty("genmask.s3proxy.jar")), WORK.resolve("s3proxy.log"),
                ACCESS_KEY, SECRET_KEY);
        s3.createBucket(BUCKET);
        s3.createDirectory(BUCKET, "spark-events");
        cluster = StandaloneCluster.start(Path.of(System.getProperty("genmask.spark.home")), WORK, 2, 1, "3g",
                Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void trainsOnTheClusterWithItsRunOnS3AndNoCredentialLeaks() throws Exception {
        Map<String, String> sized = new LinkedHashMap<>();
        sized.put("spark.executor.cores", "1");
        sized.put("spark.task.cpus", "1");
        sized.put("spark.executorEnv.OMP_NUM_THREADS", "1");
        sized.put("spark.executor.memory", "2g");
        sized.put("spark.cores.max", "2");
        sized.put("spark.driver.memory", "2g");
        sized.put("spark.ui.enabled", "false");
        sized.put("spark.eventLog.enabled", "true");
        sized.put("spark.eventLog.dir", "s3a://" + BUCKET + "/spark-events");
        Path properties = S3TestConf.clusterPropertiesFile(WORK.resolve("spark-cluster-s3.conf"), s3.endpoint(),
                sized);
        String info = S3TestConf.REPO.resolve("jobs/src/test/resources/log4j2-it-info.properties").toString();
        List<String> command = SparkSubmitCommand.of(Path.of(System.getProperty("genmask.spark.home")), List.of(
                "--master", cluster.masterUrl(), "--deploy-mode", "client", "--verbose",
                "--properties-file", properties.toString(),
                "--driver-java-options", String.join(" ", StandaloneCluster.JAVA17_OPENS)
                        + " -Dlog4j2.configurationFile=" + info,
                "--class", "org.genmask.jobs.train.TrainJob", System.getProperty("genmask.jobs.jar"),
                "--run_dir=s3a://" + BUCKET + "/" + RUN, "--latents=synthetic:32", "--workers=2", "--rounds=2",
                "--averaging_period=2", "--batch_size=4", "--checkpoint_every=1", "--optimizer.warmup_steps=0"));
        Process p = cluster.launchCommand("submit", command);
        assertTrue(p.waitFor(8, TimeUnit.MINUTES), "spark-submit did not finish: see " + WORK.resolve("submit.log"));
        assertEquals(0, p.exitValue(), "spark-submit failed: see " + WORK.resolve("submit.log"));

        List<String> keys = s3.keys(BUCKET, RUN + "/");
        for (String f : List.of("metrics.jsonl", "ckpt-000002/model.safetensors", "ckpt-000002/state.json")) {
            assertTrue(keys.contains(RUN + "/" + f), RUN + "/" + f + " is not on S3; found " + keys);
        }
        assertEquals(2, new ObjectMapper().readTree(new String(s3.read(BUCKET, RUN + "/ckpt-000002/state.json"),
                StandardCharsets.UTF_8)).path("round").asInt());
        assertTrue(Files.readString(WORK.resolve("submit.log")).contains("genmask-train resolved config"));

        Process q = cluster.launchCommand("probe", SparkSubmitCommand.of(
                Path.of(System.getProperty("genmask.spark.home")), List.of("--master", cluster.masterUrl(),
                        "--properties-file", properties.toString(), // the template's driver options as they are
                        // the committer bindings, which genmask-jobs.jar carries and this small jar does not
                        "--jars", Path.of(org.apache.spark.internal.io.cloud.PathOutputCommitProtocol.class
                                .getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                        "--class", ParquetProbe.class.getName(), probeJar().toString(),
                        "s3a://" + BUCKET + "/tables/probe", "3000")));
        assertTrue(q.waitFor(5, TimeUnit.MINUTES) && q.exitValue() == 0, "the Parquet probe failed: see "
                + WORK.resolve("probe.log"));
        assertTrue(Files.readString(WORK.resolve("probe.log")).contains("parquet probe: 3000 rows"));
        assertEquals("magic", new ObjectMapper().readTree(new String(s3.read(BUCKET, "tables/probe/_SUCCESS"),
                StandardCharsets.UTF_8)).path("committer").asText(), "the executors' Parquet skipped the committer");

        List<String> places = new CredentialScan(SECRET_KEY, ACCESS_KEY).bucket(s3, BUCKET).files(WORK).places();
        assertTrue(places.isEmpty(), "credentials found in " + places);
    }

    /** A jar holding only {@link ParquetProbe}, from the test classes. */
    private static Path probeJar() throws Exception {
        String entry = ParquetProbe.class.getName().replace('.', '/') + ".class";
        Path jar = WORK.resolve("parquet-probe.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var in = ParquetProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
