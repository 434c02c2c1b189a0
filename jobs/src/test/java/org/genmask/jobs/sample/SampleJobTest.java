package org.genmask.jobs.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.eval.TinyModels;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job end to end on a tiny run (see {@link TinyRun}): output files, partition independence, captions. */
class SampleJobTest {
    private static SparkSession spark;
    private static TinyRun tiny;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("SampleJobTest").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        tiny = TinyRun.create(spark, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        spark.stop();
        FileSystem.closeAll();
    }

    static JobConfig config(String out, Map<String, String> changes) {
        Map<String, String> o = new HashMap<>(Map.of("checkpoint", tiny.run.toString(), "vae_dir",
                tiny.vae.toString(), "out_dir", dir.resolve(out).toString(), "steps", "3", "batch_size", "2"));
        o.putAll(changes);
        return JobConfig.of(SampleJobConfig.defaults(), o);
    }

    static JsonNode samplesJson(String out) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(out).resolve(SampleWriter.SAMPLES).toFile());
    }

    static BufferedImage image(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void writesOnePngPerPromptAGridAndSamplesJson() throws Exception {
        String prompts = "a red square|A blue circle!|purple hexagon|green";
        List<GeneratedImage> images = SampleJob.run(spark, config("basic", Map.of("prompts", prompts,
                "partitions", "2", "seed", "5")));
        assertEquals(4, images.size());
        Path out = dir.resolve("basic");
        JsonNode s = samplesJson("basic");
        assertTrue(s.path("checkpoint").asText().endsWith("ckpt-000001"), s.path("checkpoint").asText());
        assertEquals(1, s.path("round").asInt());
        assertEquals("ema", s.path("weights").asText());
        assertEquals(tiny.partition, s.path("vocabulary").asText());
        assertEquals("3", s.path("config").path("steps").asText());
        assertEquals(4.0, s.path("cfg_scale").asDouble());
        String[] texts = prompts.split("\\|");
        for (int i = 0; i < 4; i++) {
            JsonNode one = s.path("samples").get(i);
            assertEquals(texts[i], one.path("prompt").asText());
            assertEquals(SampleWriter.file(i), one.path("file").asText());
            assertEquals(5, one.path("seed").asLong());
            assertEquals(3, one.path("steps").asInt());
            assertEquals(4.0, one.path("cfg").asDouble());
            byte[] png = Files.readAllBytes(out.resolve(one.path("file").asText()));
            assertArrayEquals(images.get(i).png(), png);
            BufferedImage img = image(png);
            assertEquals(16, img.getWidth());
            assertEquals(16, img.getHeight());
        }
        assertEquals("[\"purple\",\"hexagon\"]", s.path("samples").get(2).path("unknown_words").toString());
        assertEquals("[]", s.path("samples").get(0).path("unknown_words").toString());
        // the grid: 2 x 2 tiles of 16 px with 2 px gaps; tile (row 1, column 1) is prompt 3, pixel for pixel
        BufferedImage grid = image(Files.readAllBytes(out.resolve(SampleWriter.GRID)));
        assertEquals(2 * 18 + 2, grid.getWidth());
        assertEquals(2 * 18 + 2, grid.getHeight());
        assertEquals(1, s.path("samples").get(3).path("grid_row").asInt());
        assertEquals(1, s.path("samples").get(3).path("grid_column").asInt());
        BufferedImage last = image(images.get(3).png());
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(last.getRGB(x, y), grid.getRGB(20 + x, 20 + y), "grid pixel " + x + "," + y);
            }
        }
        assertEquals(0xffffffff, grid.getRGB(0, 0));
    }

    @Test
    void sameSeedGivesByteIdenticalPngsWithOneAndTwoPartitions() throws Exception {
        String prompts = "a red square|a blue circle|a green square|a white circle|red";
        List<GeneratedImage> one = SampleJob.run(spark, config("p1", Map.of("prompts", prompts, "partitions", "1")));
        List<GeneratedImage> two = SampleJob.run(spark, config("p2", Map.of("prompts", prompts, "partitions", "2")));
        List<GeneratedImage> other = SampleJob.run(spark, config("p3", Map.of("prompts", prompts, "partitions", "2",
                "seed", "1")));
        for (int i = 0; i < 5; i++) {
            String f = SampleWriter.file(i);
            assertArrayEquals(Files.readAllBytes(dir.resolve("p1").resolve(f)),
                    Files.readAllBytes(dir.resolve("p2").resolve(f)), f);
            assertArrayEquals(one.get(i).png(), two.get(i).png(), f);
            assertFalse(Arrays.equals(one.get(i).png(), other.get(i).png()), "seed 1 changes " + f);
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("p1").resolve(SampleWriter.GRID)),
                Files.readAllBytes(dir.resolve("p2").resolve(SampleWriter.GRID)));
    }

    @Test
    void captionsOfAValSplitAreThePrompts() throws Exception {
        SampleJob.run(spark, config("val", Map.of("captions", tiny.partition + "?split=val", "count", "1")));
        JsonNode s = samplesJson("val");
        assertEquals(1, s.path("samples").size());
        assertEquals(TinyRun.VAL_CAPTIONS[0], s.path("samples").get(0).path("prompt").asText());
        assertEquals("v4", s.path("samples").get(0).path("image_id").asText());
        assertEquals("val", s.path("captions").path("split").asText());
        assertTrue(Files.exists(dir.resolve("val").resolve(SampleWriter.file(0))));
        SampleJob.run(spark, config("val", Map.of("captions", tiny.partition + "?split=val", "count", "9")));
        JsonNode all = samplesJson("val");
        assertEquals(2, all.path("samples").size());
        assertEquals(TinyRun.VAL_CAPTIONS[1], all.path("samples").get(1).path("prompt").asText());
    }

    /** Largest difference of any 8-bit channel value between two same-size PNGs. */
    static int maxDifference(byte[] a, byte[] b) throws Exception {
        BufferedImage x = image(a);
        BufferedImage y = image(b);
        int max = 0;
        for (int row = 0; row < x.getHeight(); row++) {
            for (int col = 0; col < x.getWidth(); col++) {
                int p = x.getRGB(col, row);
                int q = y.getRGB(col, row);
                for (int shift = 0; shift <= 16; shift += 8) {
                    max = Math.max(max, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
                }
            }
        }
        return max;
    }

    @Test
    void cfgScaleOneIsTheConditionalOnlySampler() throws Exception {
        List<String> prompts = List.of("a red square", "a white circle", "blue");
        List<byte[]> reference = ConditionalReference.pngs(spark, tiny, prompts, 3, 4);
        Map<String, String> run = Map.of("prompts", String.join("|", prompts), "seed", "3", "steps", "4");
        List<GeneratedImage> plain = SampleJob.run(spark, config("cfg1", with(run, "cfg_scale", "1")));
        List<GeneratedImage> guided = SampleJob.run(spark, config("cfg4", with(run, "cfg_scale", "4")));
        for (int i = 0; i < prompts.size(); i++) {
            // one batch of 3 there, batches of 2 here: float results may differ in the last bits, so +-1 level
            int same = maxDifference(reference.get(i), plain.get(i).png());
            assertTrue(same <= 1, "cfg_scale 1 differs from the conditional sampler by " + same + " levels");
            int apart = maxDifference(reference.get(i), guided.get(i).png());
            assertTrue(apart >= 8, "cfg_scale 4 should move the image, moved " + apart + " levels");
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void badValuesGiveOneLineErrorsNamingTheKey() throws Exception {
        Files.createDirectories(dir.resolve("empty-run"));
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("steps", Map.of("prompts", "red", "steps", "0"));
        cases.put("cfg_scale", Map.of("prompts", "red", "cfg_scale", "-1"));
        cases.put("batch_size", Map.of("prompts", "red", "batch_size", "0"));
        cases.put("count", Map.of("captions", tiny.partition, "count", "0"));
        cases.put("weights", Map.of("prompts", "red", "weights", "best"));
        cases.put("vae_dir", Map.of("prompts", "red", "vae_dir", " "));
        cases.put("prompts", Map.of("prompts", "", "captions", ""));
        cases.put("checkpoint", Map.of("prompts", "red", "checkpoint", dir.resolve("nowhere").toString()));
        cases.put("vocabulary", Map.of("prompts", "red", "vocabulary", dir.resolve("v.json").toString()));
        cases.put("captions", Map.of("captions", tiny.partition + "?split=dev"));
        String[][] messages = {
            {"prompts", "prompts", "red", "captions", tiny.partition, "both set"},
            {"prompts", "prompts", "red||blue", "prompt 1 is empty"},
            {"prompts", "prompts", "red|?!", "prompt 1: no words"},
            {"checkpoint", "prompts", "red", "checkpoint", dir.resolve("empty-run").toString(), "neither state.json"},
        };
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            assertOneLine(c.getKey(), c.getValue(), null);
        }
        for (String[] m : messages) {
            Map<String, String> changes = new HashMap<>();
            for (int i = 1; i + 1 < m.length; i += 2) {
                changes.put(m[i], m[i + 1]);
            }
            assertOneLine(m[0], changes, m[m.length - 1]);
        }
    }

    @Test
    void aVaeOtherThanTheOneOfTheCheckpointsLatentsIsRefused() throws Exception {
        Path other = dir.resolve("vae-other");
        VaeTrainer.save(AutoencoderKL.create(TinyModels.vaeConfig(), VaeInitializer.random(TinyModels.vaeConfig(),
                4)), other);
        assertOneLine("vae_dir", Map.of("prompts", "red", "vae_dir", other.toString()), tiny.run.resolve("ckpt-000001")
                + " was trained with");
        assertOneLine("vae_dir", Map.of("prompts", "red", "vae_dir", "default"), "is not the VAE checkpoint");
    }

    private static void assertOneLine(String key, Map<String, String> changes, String detail) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleJob.run(spark, config("bad", changes)), key + " " + changes);
        String m = e.getMessage();
        assertTrue(m.startsWith("config key '" + key + "'"), m);
        assertFalse(m.contains("\n"), m);
        assertTrue(detail == null || m.contains(detail), m);
    }
}
