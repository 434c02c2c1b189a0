package org.genmask.jobs.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.genmask.jobs.cluster.SparkSubmitCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training job through spark-submit ({@code --master local[2]}, {@code conf/spark/local.conf} plus the S3 part of
 * the cluster template) with its run directory on {@code s3a://} of a loopback S3Proxy. Credentials reach the job only
 * through the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by the template's provider chain); the test
 * checks that checkpoints and metrics land on S3, that a rerun resumes from the S3 checkpoint, and that neither key
 * appears in the job's log (INFO level, --verbose), the properties file, or any object in the bucket, Spark's event
 * log included.
 */
class TrainJobS3IT {
    private static final Path WORK = S3TestConf.REPO.resolve("jobs/target/it-s3");
    private static final String BUCKET = "genmask-it";
    private static final String RUN = "runs/train-s3";
    /**
     * Distinctive, fresh each run, so a hit can only be a leak; free of the words Spark's redaction matches (secret,
     * password, token), so that redaction by value cannot hide a leak by key.
     */
    private static final String ACCESS_KEY = "GMIT" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toUpperCase(java.util.Locale.ROOT);
    private static final String SECRET_KEY = "gmS3it/" + UUID.randomUUID() + "+Zq";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3ProxyServer s3;
    private static Path properties;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        s3 = S3ProxyServer.start(Path.of(System.getProperty("genmask.s3proxy.jar")), WORK.resolve("s3proxy.log"),
                ACCESS_KEY, SECRET_KEY);
        s3.createBucket(BUCKET);
        s3.createDirectory(BUCKET, "spark-events"); // Spark refuses an event log directory that does not exist
        Map<String, String> extra = new java.util.LinkedHashMap<>(S3TestConf.s3(s3.endpoint()));
        extra.put("spark.eventLog.enabled", "true");
        extra.put("spark.eventLog.dir", "s3a://" + BUCKET + "/spark-events");
        // Spark, Hadoop and the AWS SDK at INFO: a leak into any log line is caught
        properties = S3TestConf.localPropertiesFile(WORK.resolve("spark-s3.conf"), extra,
                S3TestConf.REPO.resolve("jobs/src/test/resources/log4j2-it-info.properties"));
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    private static Path submit(String name, int rounds) throws Exception {
        List<String> args = new ArrayList<>(List.of("--master", "local[2]", "--verbose",
                "--properties-file", properties.toString(),
                "--class", "org.genmask.jobs.train.TrainJob", System.getProperty("genmask.jobs.jar"),
                "--run_dir=s3a://" + BUCKET + "/" + RUN, "--latents=synthetic:32", "--workers=2",
                "--rounds=" + rounds, "--averaging_period=2", "--batch_size=4", "--checkpoint_every=1",
                "--optimizer.warmup_steps=0"));
        Path log = WORK.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(SparkSubmitCommand.of(Path.of(System.getProperty("genmask.spark.home")),
                args)).directory(S3TestConf.REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(8, TimeUnit.MINUTES), name + " did not finish in 8 minutes: see " + log);
        assertEquals(0, p.exitValue(), name + " failed: see " + log);
        return log;
    }

    private static JsonNode json(String key) throws Exception {
        return JSON.readTree(new String(s3.read(BUCKET, key), StandardCharsets.UTF_8));
    }

    @Test
    void checkpointsAndMetricsLandOnS3AndARerunResumesWithoutLeakingCredentials() throws Exception {
        Path first = submit("train-1", 2);
        List<String> keys = s3.keys(BUCKET, RUN + "/");
        for (String f : List.of("metrics.jsonl", "ckpt-000002/model.safetensors", "ckpt-000002/ema.safetensors",
                "ckpt-000002/optimizer.safetensors", "ckpt-000002/state.json")) {
            assertTrue(keys.contains(RUN + "/" + f), RUN + "/" + f + " is not on S3; found " + keys);
        }
        assertEquals(2, json(RUN + "/ckpt-000002/state.json").path("round").asInt());

        Path second = submit("train-2", 3);
        String log = Files.readString(second);
        assertTrue(log.contains("resuming s3a://" + BUCKET + "/" + RUN + " from round 2"), "the rerun did not resume"
                + " from the S3 checkpoint: see " + second);
        JsonNode state = json(RUN + "/ckpt-000003/state.json");
        assertEquals(3, state.path("round").asInt());
        assertEquals(6, state.path("step").asLong());
        assertEquals("s3a://" + BUCKET + "/" + RUN, state.path("config").path("run_dir").asText());
        String[] metrics = new String(s3.read(BUCKET, RUN + "/metrics.jsonl"), StandardCharsets.UTF_8).split("\n");
        assertEquals(3, metrics.length);
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, JSON.readTree(metrics[i]).path("round").asInt(), "metrics.jsonl line " + (i + 1));
        }
        assertFalse(Files.exists(S3TestConf.REPO.resolve("s3a:")), "a local directory named s3a: was created");

        assertTrue(s3.keys(BUCKET, "spark-events/").size() >= 2, "Spark's event logs were not written to S3");
        List<String> places = new CredentialScan(SECRET_KEY, ACCESS_KEY).bucket(s3, BUCKET).files(WORK).places();
        assertTrue(places.isEmpty(), "credentials found in " + places);
        assertTrue(Files.readString(first).contains("spark.hadoop.fs.s3a.aws.credentials.provider"),
                "--verbose lists the properties, the log checked is the real one: see " + first);
    }
}
