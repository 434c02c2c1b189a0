package org.genmask.jobs.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.jobs.PrecomputeConfig;
import org.genmask.data.jobs.PrecomputeLatentsJob;
import org.genmask.data.jobs.PrecomputeSummary;
import org.genmask.data.latents.ExampleOptions;
import org.genmask.data.latents.LatentDataset;
import org.genmask.data.latents.LatentTable;
import org.genmask.data.latents.Posterior;
import org.genmask.data.manifest.Split;
import org.genmask.dit.Task;
import org.genmask.jobs.cluster.TinyPipeline;
import org.genmask.jobs.config.JobConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parquet written by Spark to {@code s3a://} goes through the S3A magic committer with the committer settings of
 * {@code conf/spark/cpu-cluster.conf}: the job's {@code _SUCCESS} is the committer's JSON manifest listing exactly the
 * files of the job, no {@code __magic} staging is left behind, an overwrite replaces the old files, and no credential
 * reaches a Parquet footer. The latent precomputation writes its partition to {@code s3a://} the same way; a rerun is
 * a no-op that writes nothing, and {@link LatentDataset} reads the partition back from there. In-process (Spark
 * local[2]); credentials from system properties of this JVM only.
 */
class ParquetS3CommitIT {
    private static final String BUCKET = "genmask-parquet";
    private static final String ACCESS_KEY = "GMPQ" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toUpperCase(java.util.Locale.ROOT);
    private static final String SECRET_KEY = "gmPq/" + UUID.randomUUID() + "+Zq";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3ProxyServer s3;
    private static SparkSession spark;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createDirectories(S3TestConf.REPO.resolve("jobs/target/it-s3-parquet"));
        s3 = S3ProxyServer.start(Path.of(System.getProperty("genmask.s3proxy.jar")), work.resolve("s3proxy.log"),
                ACCESS_KEY, SECRET_KEY);
        s3.createBucket(BUCKET);
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretKey", SECRET_KEY);
        SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("ParquetS3CommitIT")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2");
        for (Map.Entry<String, String> e : S3TestConf.s3(s3.endpoint()).entrySet()) {
            b.config(e.getKey(), e.getValue());
        }
        // this JVM has no credential environment: the SDK reads aws.accessKeyId / aws.secretKey instead
        b.config("spark.hadoop.fs.s3a.aws.credentials.provider",
                "com.amazonaws.auth.SystemPropertiesCredentialsProvider");
        spark = b.getOrCreate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (spark != null) {
            spark.stop();
        }
        FileSystem.closeAll(); // a cached S3A file system would point at the server stopped below
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretKey");
        if (s3 != null) {
            s3.close();
        }
    }

    private void write(String path, long rows) {
        spark.range(0, rows).selectExpr("id", "cast(id as float) * 0.5 as v").repartition(2).write()
                .mode(SaveMode.Overwrite).parquet(path);
    }

    private List<String> dataFiles(String prefix) {
        return s3.keys(BUCKET, prefix).stream().filter(k -> k.endsWith(".parquet")).sorted().toList();
    }

    @Test
    void parquetGoesThroughTheMagicCommitterAndOverwritesCleanly() throws Exception {
        String table = "tables/t";
        String path = "s3a://" + BUCKET + "/" + table;
        write(path, 2000);
        JsonNode success = JSON.readTree(new String(s3.read(BUCKET, table + "/_SUCCESS"), StandardCharsets.UTF_8));
        assertEquals("magic", success.path("committer").asText(), "_SUCCESS is not the magic committer's: " + success);
        List<String> first = dataFiles(table + "/");
        assertEquals(2, first.size(), "one file per task: " + first);
        assertEquals(2, success.path("filenames").size());
        assertEquals(2000, spark.read().parquet(path).count());

        write(path, 1000);
        List<String> second = dataFiles(table + "/");
        assertEquals(2, second.size(), "the overwrite left other files: " + second);
        assertTrue(second.stream().noneMatch(first::contains), "files of the first write survived the overwrite");
        assertEquals(1000, spark.read().parquet(path).count());

        for (String key : s3.keys(BUCKET, "")) {
            assertFalse(key.contains("__magic"), "magic committer staging left behind: " + key);
            String text = new String(s3.read(BUCKET, key), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(SECRET_KEY) || text.contains(ACCESS_KEY), "credentials in s3a://" + BUCKET
                    + "/" + key);
        }
    }

    @Test
    void precomputedLatentsLandOnS3AndARerunIsANoOp() throws Exception {
        Path dataset = TinyPipeline.dataset(work.resolve("data").resolve(TinyPipeline.DATASET));
        Path vae = TinyPipeline.vae(work.resolve("vae"));
        String output = "s3a://" + BUCKET + "/latents";
        Map<String, String> options = new HashMap<>();
        for (String arg : TinyPipeline.precomputeArgs(dataset.toString(), output, vae.toString())) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        PrecomputeSummary first = PrecomputeLatentsJob.run(spark, JobConfig.of(PrecomputeConfig.defaults(), options));
        assertFalse(first.noOp());
        assertEquals(TinyPipeline.IMAGES, first.counts().images());
        String partition = first.partition().path();
        assertTrue(partition.startsWith(output + "/dataset=" + TinyPipeline.DATASET + "/key="), partition);
        String prefix = partition.substring(("s3a://" + BUCKET + "/").length()) + "/";
        List<String> written = s3.keys(BUCKET, prefix).stream().sorted().toList();
        JsonNode success = JSON.readTree(new String(s3.read(BUCKET, prefix + "images/chunk=00000/_SUCCESS"),
                StandardCharsets.UTF_8));
        assertEquals("magic", success.path("committer").asText(), "latents skipped the magic committer");
        byte[] marker = s3.read(BUCKET, prefix + "_COMPLETE.json");

        PrecomputeSummary second = PrecomputeLatentsJob.run(spark, JobConfig.of(PrecomputeConfig.defaults(), options));
        assertTrue(second.noOp(), "the rerun over a complete partition recomputed it");
        assertEquals(0, second.imagesEncoded());
        assertEquals(written, s3.keys(BUCKET, prefix).stream().sorted().toList(), "the rerun changed the objects");
        assertEquals(new String(marker, StandardCharsets.UTF_8), new String(s3.read(BUCKET, prefix + "_COMPLETE.json"),
                StandardCharsets.UTF_8), "the rerun changed the marker");

        LatentDataset ds = LatentDataset.open(spark, partition, first.key());
        assertEquals(TinyPipeline.IMAGES, ds.table(LatentTable.IMAGES).count());
        long train = ds.examples(new ExampleOptions(Split.TRAIN, EnumSet.allOf(Task.class), false,
                Posterior.MEAN, 0, 0, 8)).count();
        assertEquals(TinyPipeline.captions(dataset, Split.TRAIN) + TinyPipeline.expressions(dataset, Split.TRAIN),
                train, "one generation example per train caption, one segmentation example per train expression");
        assertEquals(TinyPipeline.expressions(dataset, Split.TEST), ds.referringExamples(Split.TEST, 8).count());
        for (String key : s3.keys(BUCKET, prefix)) {
            String text = new String(s3.read(BUCKET, key), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(SECRET_KEY) || text.contains(ACCESS_KEY), "credentials in s3a://" + BUCKET
                    + "/" + key);
        }
    }
}
