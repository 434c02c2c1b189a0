package org.genmask.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.eval.TinyLatentPartition;
import org.genmask.jobs.eval.TinyModels;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LatentAnalysisJob on a real Parquet partition ({@link TinyLatentPartition#latentsOnly}: generated dataset of 32x32
 * scenes, a tiny random VAE, 4x8x8 latents), in Spark local mode.
 */
class LatentAnalysisJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static TinyLatentPartition tiny;

    @BeforeAll
    static void start() throws IOException {
        System.setProperty("java.awt.headless", "true");
        spark = SparkSession.builder().master("local[2]").appName("LatentAnalysisJobTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        tiny = TinyLatentPartition.latentsOnly(spark, dir);
    }

    @AfterAll
    static void stop() throws IOException {
        spark.stop();
        FileSystem.closeAll();
    }

    private static JobConfig config(String out, Map<String, String> changes) {
        Map<String, String> o = new HashMap<>(Map.of("latents", tiny.latents.partition().path() + "?split=train",
                "vae_dir", tiny.vae.toString(), "dataset", tiny.root.toString(), "out_dir",
                dir.resolve(out).toString()));
        o.putAll(changes);
        return JobConfig.of(LatentAnalysisConfig.defaults(), o);
    }

    private static JsonNode json(String out) throws IOException {
        return JSON.readTree(dir.resolve(out).resolve(AnalysisWriter.JSON).toFile());
    }

    @Test
    void writesSaneNumbersWithProvenanceAndTheSameJsonForTheSameSeed() throws Exception {
        LatentAnalysisJob.run(spark, config("a1", Map.of()));
        LatentAnalysisJob.run(spark, config("a2", Map.of()));
        assertEquals(Files.readString(dir.resolve("a1").resolve(AnalysisWriter.JSON)),
                Files.readString(dir.resolve("a2").resolve(AnalysisWriter.JSON)), "same seed, same JSON");
        JsonNode j = json("a1");
        assertEquals(tiny.latents.partition().path(), j.path("partition").asText());
        assertEquals(tiny.latents.key().id(), j.path("cache_key_id").asText());
        assertEquals("train", j.path("split").asText());
        assertEquals(0, j.path("seed").asLong());
        assertEquals("4x8x8", j.path("latent_shape").asText());
        assertTrue(j.path("labels").asText().startsWith("the mask files under "), j.path("labels").asText());
        int samples = j.path("samples").asInt();
        assertTrue(samples >= 6 && samples <= 64, "every train mask once: " + samples);
        double fg = j.path("foreground_share").asDouble();
        assertTrue(fg > 0 && fg < 1, "foreground share " + fg);
        for (String kind : List.of("mask", "image")) {
            JsonNode ch = j.path("channels").path(kind);
            assertEquals(4, ch.path("mean").size());
            ch.path("std").forEach(s -> assertTrue(s.asDouble() >= 0));
            JsonNode pca = j.path("pca").path(kind);
            double sum = 0;
            for (JsonNode s : pca.path("spectrum")) {
                assertTrue(s.asDouble() >= 0 && s.asDouble() <= 1);
                sum += s.asDouble();
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(pca.path("spectrum").get(0).asDouble(), pca.path("pc1_share").asDouble());
            for (String f : List.of("pc1_share_per_map", "pc1_iou", "pc1_iou_positive", "pc1_iou_negative")) {
                double v = pca.path(f).asDouble(-1);
                assertTrue(v >= 0 && v <= 1, kind + " " + f + " = " + v);
            }
            int sign = pca.path("pc1_sign").asInt();
            assertEquals(pca.path(sign > 0 ? "pc1_iou_positive" : "pc1_iou_negative").asDouble(),
                    pca.path("pc1_iou").asDouble());
            JsonNode probe = j.path("probe").path(kind);
            assertEquals(11, probe.path("accuracy").size());
            for (String f : List.of("accuracy", "balanced_accuracy")) {
                probe.path(f).forEach(a -> assertTrue(a.asDouble() >= 0 && a.asDouble() <= 1, kind + " " + f));
            }
            double atOne = probe.path("balanced_accuracy").get(10).asDouble();   // s = 1: pure noise
            assertTrue(Math.abs(atOne - 0.5) < 0.2, kind + " probe at s=1 near chance: " + atOne);
        }
        assertEquals(1.0, j.path("probe").path("levels").get(10).asDouble());
        for (String png : List.of(AnalysisWriter.PROBE_CHART, AnalysisWriter.SPECTRUM_CHART)) {
            BufferedImage img = ImageIO.read(dir.resolve("a1").resolve(png).toFile());
            assertTrue(img.getWidth() > 100, png);
        }
    }

    @Test
    void readsAStoreAndDecodesLabelsWithTheVaeWhenNoDatasetIsGiven() throws Exception {
        Path store = dir.resolve("latents");
        LatentAnalysis a = LatentAnalysisJob.run(spark, config("decoded", Map.of("latents", store + "?split=train",
                "dataset", "", "samples", "4", "seed", "3")));
        assertEquals(4, a.samples());
        JsonNode j = json("decoded");
        assertTrue(j.path("labels").asText().startsWith("the mask latents decoded by "), j.path("labels").asText());
        assertEquals(tiny.latents.partition().path(), j.path("partition").asText());
        assertEquals(3, j.path("seed").asLong());
    }

    @Test
    void aVaeThatDoesNotMatchThePartitionIsAOneLineErrorNamingVaeDir() throws Exception {
        Path other = dir.resolve("vae-other");
        VaeTrainer.save(AutoencoderKL.create(TinyModels.vaeConfig(), VaeInitializer.random(TinyModels.vaeConfig(),
                4)), other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatentAnalysisJob.run(spark,
                config("mismatch", Map.of("vae_dir", other.toString()))));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("config key 'vae_dir': ") && e.getMessage().contains("vae-other")
                && e.getMessage().contains("vae_weights_sha256"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("mismatch").resolve(AnalysisWriter.JSON)));
        IllegalArgumentException embedded = assertThrows(IllegalArgumentException.class,
                () -> LatentAnalysisJob.run(spark, config("mismatch", Map.of("vae_dir", "default"))));
        assertTrue(embedded.getMessage().startsWith("config key 'vae_dir': "), embedded.getMessage());
    }

    @Test
    void badConfigurationIsAOneLineErrorNamingTheKey() {
        Map<String, String> cases = Map.of("samples", "1", "levels", "0,0.5,0.4", "probe_lr", "0",
                "latents", "", "vae_dir", " ");
        cases.forEach((key, value) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LatentAnalysisConfig.from(config("x", Map.of(key, value))));
            assertTrue(e.getMessage().contains("'" + key + "'"), key + ": " + e.getMessage());
        });
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> config("x", Map.of("sample", "3")));
        assertTrue(unknown.getMessage().contains("unknown config key 'sample'"), unknown.getMessage());
        IllegalArgumentException flips = assertThrows(IllegalArgumentException.class,
                () -> LatentAnalysisJob.run(spark, config("x", Map.of("latents",
                        tiny.latents.partition().path() + "?flips=true"))));
        assertTrue(flips.getMessage().startsWith("config key 'latents': option 'flips'"), flips.getMessage());
    }
}
