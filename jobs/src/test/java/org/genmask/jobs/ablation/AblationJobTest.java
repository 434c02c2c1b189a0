package org.genmask.jobs.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.eval.TinyLatentPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ablation over a real latent partition, two one-round arms, in Spark local mode. */
class AblationJobTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static TinyLatentPartition tiny;
    private static Path trainConf;
    private static Path evalConf;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("AblationJobTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        tiny = TinyLatentPartition.create(spark, dir);
        trainConf = Files.writeString(dir.resolve("train.conf"), String.join("\n",
                "latents = " + tiny.latents.partition().path() + "?split=train", "rounds = 1", "workers = 1",
                "batch_size = 4", "averaging_period = 1", "checkpoint_every = 1", ""));
        evalConf = Files.writeString(dir.resolve("eval.conf"), String.join("\n", "vae_dir = " + tiny.vae,
                "examples = " + tiny.testSource(), "dataset = " + tiny.root, "samples = 1", "batch_size = 4", ""));
    }

    @AfterAll
    static void stop() throws IOException {
        spark.stop();
        FileSystem.closeAll();
    }

    private static JobConfig config(String out, String variants) {
        return JobConfig.of(AblationJobConfig.defaults(), Map.of("train_config", trainConf.toString(),
                "evaluate_config", evalConf.toString(), "out_dir", dir.resolve(out).toString(), "variants", variants));
    }

    @Test
    void everyArmIsTrainedAndEvaluatedAndTheTableHasARowEach() throws IOException {
        AblationTable table = AblationJob.run(spark, config("ablation",
                "a0.05: sampler.mask=genmask(a=0.05) | lognorm: sampler.mask=logit_normal(mean=0,std=1)"));
        assertEquals(2, table.rows().size());
        Path out = dir.resolve("ablation");
        String md = Files.readString(out.resolve("ablation.md"));
        assertTrue(md.contains("| a0.05 | `sampler.mask=genmask(a=0.05)` |"), md);
        assertTrue(md.contains("| lognorm | `sampler.mask=logit_normal(mean=0,std=1)` |"), md);
        JsonNode json = new ObjectMapper().readTree(out.resolve("ablation.json").toFile());
        assertEquals(2, json.path("arms").size());
        for (JsonNode arm : json.path("arms")) {
            assertEquals(tiny.testExpressions.size(), arm.path("metrics").path("samples").asInt(), arm.toString());
            String name = arm.path("name").asText();
            assertTrue(Files.isDirectory(out.resolve(name).resolve("train").resolve("ckpt-000001")), name);
            assertTrue(Files.isRegularFile(out.resolve(name).resolve("eval").resolve("metrics.json")), name);
        }
        JsonNode state = new ObjectMapper().readTree(out.resolve("lognorm/train/ckpt-000001/state.json").toFile());
        assertTrue(state.toString().contains("logit_normal(mean=0,std=1)"), "the arm's override reached training");
    }

    @Test
    void aBadArmIsRefusedBeforeAnyArmTrains() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AblationJob.run(spark,
                config("bad", "good: sampler.mask=genmask(a=0.1) | broken: sampler.maks=uniform")));
        assertTrue(e.getMessage().startsWith("ablation arm 'broken':") && e.getMessage().contains("sampler.maks"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad").resolve("good")), "no arm ran");
    }

    @Test
    void variantSpecsParseAndMalformedOnesNameTheKey() {
        assertEquals(5, AblationVariant.parseAll(AblationJobConfig.PAPER_VARIANTS).size());
        assertEquals(Map.of("sampler.mask", "genmask(a=0.05)", "segmentation_share", "1"),
                AblationVariant.parseAll(AblationJobConfig.PAPER_VARIANTS).get(4).overrides());
        for (String bad : new String[] {"", "noname", "x: novalue", "a b: k=v", "x: k=v | x: k=w"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AblationVariant.parseAll(bad), bad);
            assertTrue(e.getMessage().startsWith("config key 'variants'"), e.getMessage());
        }
    }
}
