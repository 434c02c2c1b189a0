package org.genmask.jobs.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.genmask.data.manifest.Split;
import org.genmask.jobs.cluster.StandaloneCluster;
import org.genmask.jobs.cluster.TinyPipeline;
import org.genmask.jobs.conf.SparkDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole data path on {@code s3a://} of a loopback S3Proxy, on a standalone cluster (master + 2 workers on
 * 127.0.0.1), every job through spark-submit with {@code conf/spark/cpu-cluster.conf} as shipped, resized for this
 * machine: a generated dataset and a VAE directory uploaded to the bucket; {@code PrecomputeLatentsJob} reads both
 * there and writes the latent partition there (the executors' Parquet through the template's magic committer);
 * {@code TrainJob} trains on its train split with its run directory there; {@code EvaluateJob} scores the test split
 * against the dataset there (VAE from a local directory, the same path on every worker of this one machine) and
 * writes its metrics there; {@code ReportJob} reads the run and the evaluation there and writes the HTML report there.
 * Spark's event logs go there too.
 *
 * <p>The credentials exist only in the environment of the cluster's processes (the drivers, and the workers, whose
 * executors inherit it, as a node's would), read by the template's provider chain. Neither key may appear in any
 * object in the bucket (Parquet files and their footers, checkpoints and their safetensors headers, {@code state.json},
 * {@code metrics.json}, the report, event logs) or any file under the test's directory (the drivers' logs at INFO with
 * {@code --verbose}, the master's, workers' and executors' logs, the properties file); footers and headers are also
 * read back as such, to be sure the check looked at them.
 */
class PipelineS3ClusterIT {
    private static final Path WORK = S3TestConf.REPO.resolve("jobs/target/it-s3-cluster");
    private static final Path JAR = Path.of(System.getProperty("genmask.jobs.jar", "jobs/target/genmask-jobs.jar"));
    private static final String BUCKET = "genmask-cluster";
    private static final String S3 = "s3a://" + BUCKET;
    private static final String DATASET = "datasets/" + TinyPipeline.DATASET;
    private static final String LATENTS = "latents";
    private static final String RUN = "runs/pipeline";
    private static final String EVAL = "eval/pipeline";
    private static final String REPORT = "reports/pipeline/report.html";
    private static final String ACCESS_KEY = "GMCL" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toUpperCase(java.util.Locale.ROOT);
    private static final String SECRET_KEY = "gmCl/" + UUID.randomUUID() + "+Zq";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3ProxyServer s3;
    private static StandaloneCluster cluster;
    private static Path dataset;
    private static Path vae;

    @BeforeAll
    static void start() throws Exception {
        TinyPipeline.deleteRecursively(WORK); // every file below it is scanned for the (fresh) credentials
        Files.createDirectories(WORK);
        dataset = TinyPipeline.dataset(WORK.resolve("data").resolve(TinyPipeline.DATASET));
        vae = TinyPipeline.vae(WORK.resolve("vae"));
        s3 = S3ProxyServer.start(Path.of(System.getProperty("genmask.s3proxy.jar")), WORK.resolve("s3proxy.log"),
                ACCESS_KEY, SECRET_KEY);
        s3.createBucket(BUCKET);
        s3.createDirectory(BUCKET, "spark-events");
        s3.upload(BUCKET, DATASET, dataset);
        s3.upload(BUCKET, "vae/tiny", vae);
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

    /** cpu-cluster.conf with its S3 part pointed at the server, sized for 2 single-core executors. */
    private static Path properties() throws Exception {
        Map<String, String> sized = new LinkedHashMap<>();
        sized.put("spark.executor.cores", "1");
        sized.put("spark.task.cpus", "1");
        sized.put("spark.executorEnv.OMP_NUM_THREADS", "1");
        sized.put("spark.executor.memory", "2g");
        sized.put("spark.cores.max", "2");
        sized.put("spark.driver.memory", "2g");
        sized.put("spark.ui.enabled", "false");
        sized.put("spark.eventLog.enabled", "true");
        sized.put("spark.eventLog.dir", S3 + "/spark-events");
        // the executors' copy of the remote VAE (java.io.tmpdir/genmask-vae/<sha256>) below WORK, where it is checked
        String executor = SparkDefaults.read(S3TestConf.REPO.resolve("conf/spark/cpu-cluster.conf"))
                .get("spark.executor.extraJavaOptions");
        sized.put("spark.executor.extraJavaOptions", executor + " -Djava.io.tmpdir="
                + Files.createDirectories(WORK.resolve("executor-tmp")));
        return S3TestConf.clusterPropertiesFile(WORK.resolve("spark-cluster-s3.conf"), s3.endpoint(), sized);
    }

    private static void submit(String name, Path properties, String mainClass, List<String> args) throws Exception {
        String info = S3TestConf.REPO.resolve("jobs/src/test/resources/log4j2-it-info.properties").toString();
        List<String> options = List.of("--verbose", "--properties-file", properties.toString(),
                "--driver-java-options", String.join(" ", StandaloneCluster.JAVA17_OPENS)
                        + " -Dlog4j2.configurationFile=" + info);
        long t0 = System.nanoTime();
        cluster.awaitSuccess(name, cluster.submit(name, options, mainClass, JAR, args), Duration.ofMinutes(6));
        System.out.printf("PipelineS3ClusterIT: %s %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
    }

    private static JsonNode json(String key) throws Exception {
        return JSON.readTree(new String(s3.read(BUCKET, key), StandardCharsets.UTF_8));
    }

    @Test
    void precomputesTrainsEvaluatesAndReportsOnS3WithoutLeakingCredentials() throws Exception {
        Path properties = properties();

        submit("precompute", properties, "org.genmask.data.jobs.PrecomputeLatentsJob", TinyPipeline.precomputeArgs(
                S3 + "/" + DATASET, S3 + "/" + LATENTS, S3 + "/vae/tiny"));
        List<String> markers = s3.keys(BUCKET, LATENTS + "/").stream().filter(k -> k.endsWith("/_COMPLETE.json"))
                .toList();
        assertEquals(1, markers.size(), "one complete partition: " + markers);
        String partition = markers.get(0).substring(0, markers.get(0).lastIndexOf('/'));
        assertTrue(partition.startsWith(LATENTS + "/dataset=" + TinyPipeline.DATASET + "/key="), partition);
        JsonNode marker = json(markers.get(0));
        String keyId = marker.path("cache_key_id").asText();
        assertEquals(TinyPipeline.IMAGES, marker.path("counts").path("images").asLong(), "every image encoded");
        JsonNode success = json(partition + "/images/chunk=00000/_SUCCESS");
        assertEquals("magic", success.path("committer").asText(), "the executors' Parquet skipped the magic"
                + " committer: " + success);
        assertTrue(s3.keys(BUCKET, "").stream().noneMatch(k -> k.contains("__magic")), "magic staging left behind");
        try (var copies = Files.walk(WORK.resolve("executor-tmp"))) {
            assertTrue(copies.anyMatch(p -> p.endsWith("diffusion_pytorch_model.safetensors")),
                    "the executors did not copy the VAE from S3");
        }

        submit("train", properties, "org.genmask.jobs.train.TrainJob", List.of(
                "--latents=" + TinyPipeline.latents(S3 + "/" + LATENTS, Split.TRAIN), "--run_dir=" + S3 + "/" + RUN,
                "--workers=2", "--rounds=2", "--averaging_period=2", "--batch_size=4", "--checkpoint_every=1",
                "--optimizer.warmup_steps=0"));
        List<String> run = s3.keys(BUCKET, RUN + "/");
        for (String f : List.of("metrics.jsonl", "ckpt-000002/model.safetensors", "ckpt-000002/ema.safetensors",
                "ckpt-000002/optimizer.safetensors", "ckpt-000002/state.json")) {
            assertTrue(run.contains(RUN + "/" + f), RUN + "/" + f + " is not on S3; found " + run);
        }
        JsonNode state = json(RUN + "/ckpt-000002/state.json");
        assertEquals(2, state.path("round").asInt());
        assertEquals(TinyPipeline.latents(S3 + "/" + LATENTS, Split.TRAIN), state.path("config").path("latents")
                .asText());
        assertTrue(Files.readString(cluster.log("train")).contains("examples from"), "trained on the partition");

        int expressions = TinyPipeline.expressions(dataset, Split.TEST);
        submit("evaluate", properties, "org.genmask.jobs.eval.EvaluateJob", List.of(
                "--checkpoint=" + S3 + "/" + RUN, "--vae_dir=" + vae,
                "--examples=latents:" + TinyPipeline.latents(S3 + "/" + LATENTS, Split.TEST),
                "--dataset=" + S3 + "/" + DATASET, "--out_dir=" + S3 + "/" + EVAL, "--samples=2",
                "--batch_size=4"));
        JsonNode metrics = json(EVAL + "/metrics.json");
        assertEquals(expressions, metrics.path("one_step").path("samples").asLong(), "every test expression scored");
        assertEquals(keyId, metrics.path("cache_key_id").asText());
        assertEquals(2, metrics.path("round").asInt());
        assertEquals(S3 + "/" + DATASET, metrics.path("dataset").asText());
        assertTrue(metrics.path("one_step").path("union").asLong() > 0, "masks were compared: " + metrics);
        assertEquals(2, json(EVAL + "/samples.json").size());

        // the report reads the run and the evaluation on S3 and lands there too (driver only: no event log)
        submit("report", properties, "org.genmask.jobs.report.ReportJob", List.of("--run_dir=" + S3 + "/" + RUN,
                "--eval_dirs=" + S3 + "/" + EVAL, "--out=" + S3 + "/" + REPORT));
        String html = new String(s3.read(BUCKET, REPORT), StandardCharsets.UTF_8);
        assertTrue(html.contains("Newest checkpoint: ckpt-000002") && html.contains("alt=\"Loss per task\""),
                "the report has the training section read from S3");
        assertTrue(html.contains(S3 + "/" + EVAL + "<") && html.contains(S3 + "/" + RUN + "<"),
                "the Inputs table names the S3 locations");
        assertTrue(html.contains("data:image/png;base64,") && !html.contains("genmask-report-"),
                "pictures embedded, no staging path shown");
        assertTrue(Files.readString(cluster.log("report")).contains("genmask-report wrote " + S3 + "/" + REPORT),
                Files.readString(cluster.log("report")));

        List<String> events = s3.keys(BUCKET, "spark-events/").stream().filter(k -> !k.endsWith("/")).toList();
        assertEquals(3, events.size(), "the three applications' event logs are on S3: " + events);
        checkNoCredentials(partition);
    }

    /** Every object and file scanned as bytes; footers, headers and JSON files also read back as such. */
    private static void checkNoCredentials(String partition) throws Exception {
        List<String> found = new ArrayList<>(new CredentialScan(SECRET_KEY, ACCESS_KEY).bucket(s3, BUCKET)
                .files(WORK).places());
        int footers = 0;
        for (String key : s3.keys(BUCKET, partition + "/")) {
            if (key.endsWith(".parquet")) {
                Map<String, String> footer = StoredFormats.parquetFooter(s3.read(BUCKET, key),
                        WORK.resolve("footer.parquet"));
                assertTrue(footer.getOrDefault("org.apache.spark.sql.parquet.row.metadata", "")
                        .contains("genmask.cache_key"), "no genmask metadata in the footer of " + key + ": " + footer);
                footer.forEach((k, v) -> {
                    if (k.contains(ACCESS_KEY) || v.contains(ACCESS_KEY) || k.contains(SECRET_KEY)
                            || v.contains(SECRET_KEY)) {
                        found.add("Parquet footer of s3a://" + BUCKET + "/" + key + " (key " + k + ")");
                    }
                });
                footers++;
            }
        }
        assertTrue(footers >= 5, "the latent tables' Parquet files: " + footers);
        for (String f : List.of("model.safetensors", "ema.safetensors", "optimizer.safetensors")) {
            JsonNode header = StoredFormats.safetensorsHeader(s3.read(BUCKET, RUN + "/ckpt-000002/" + f));
            assertTrue(header.has("__metadata__"), f + " has no metadata");
            String text = header.toString();
            if (text.contains(ACCESS_KEY) || text.contains(SECRET_KEY)) {
                found.add("safetensors header of " + RUN + "/ckpt-000002/" + f);
            }
        }
        for (String key : List.of(RUN + "/ckpt-000002/state.json", EVAL + "/metrics.json", partition
                + "/_COMPLETE.json", REPORT)) {
            String text = new String(s3.read(BUCKET, key), StandardCharsets.UTF_8);
            if (text.contains(ACCESS_KEY) || text.contains(SECRET_KEY)) {
                found.add(key);
            }
        }
        assertTrue(found.isEmpty(), "credentials found in " + found);
        assertTrue(Files.readString(cluster.log("precompute")).contains("spark.hadoop.fs.s3a.aws.credentials.provider"),
                "--verbose lists the properties, the log checked is the real one");
    }
}
