package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.image.ImageDecoder;
import org.genmask.data.latents.ExampleOptions;
import org.genmask.data.latents.LatentDataset;
import org.genmask.data.latents.Posterior;
import org.genmask.data.latents.TrainingExample;
import org.genmask.data.manifest.Split;
import org.genmask.data.text.TextEncoder;
import org.genmask.data.text.Vocabulary;
import org.genmask.dit.Task;
import org.genmask.dit.TextTokens;
import org.genmask.jobs.config.JobConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EvaluateJob over a split of a real Parquet latent partition ({@link TinyLatentPartition}: generated dataset,
 * precomputed latents, a one-round checkpoint trained on them), in Spark local mode.
 */
class EvaluateJobLatentsTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static TinyLatentPartition tiny;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("EvaluateJobLatentsTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        tiny = TinyLatentPartition.create(spark, dir);
    }

    @AfterAll
    static void stop() throws IOException {
        spark.stop();
        FileSystem.closeAll();
    }

    private static JobConfig config(String out, Map<String, String> changes) {
        Map<String, String> o = new HashMap<>(Map.of("checkpoint", tiny.run.toString(), "vae_dir",
                tiny.vae.toString(), "examples", tiny.testSource(), "dataset", tiny.root.toString(), "out_dir",
                dir.resolve(out).toString(), "samples", "2", "batch_size", "2"));
        o.putAll(changes);
        return JobConfig.of(EvaluateJobConfig.defaults(), o);
    }

    @Test
    void evaluatesEveryExpressionOfTheSplitAtTheMasksResolution() throws Exception {
        int expected = tiny.testExpressions.size();
        assertTrue(expected >= 4, "the fixture has a test split with expressions: " + expected);
        EvaluationTotals totals = EvaluateJob.run(spark, config("eval", Map.of()));
        assertEquals(expected, totals.examples());
        Path out = dir.resolve("eval");
        JsonNode m = new ObjectMapper().readTree(out.resolve(EvaluationWriter.METRICS).toFile());
        assertEquals(expected, m.path("one_step").path("samples").asLong());
        assertEquals(expected, m.path("expressions").asLong());
        assertEquals(0, m.path("skipped_expressions").asLong());
        assertEquals("test", m.path("split").asText());
        assertEquals(tiny.latents.key().id(), m.path("cache_key_id").asText());
        assertTrue(m.path("dataset").asText().endsWith("shapes"), m.path("dataset").asText());
        JsonNode samples = new ObjectMapper().readTree(out.resolve(EvaluationWriter.SAMPLES).toFile());
        assertEquals(2, samples.size());
        List<String> firstIds = tiny.testExpressions.keySet().stream().limit(2).toList();
        for (int i = 0; i < 2; i++) {
            assertEquals(firstIds.get(i), samples.get(i).path("id").asText());
            assertEquals(tiny.testExpressions.get(firstIds.get(i)), samples.get(i).path("expression").asText());
            for (String picture : List.of("truth", "prediction")) {
                var png = ImageIO.read(out.resolve(samples.get(i).path(picture).asText()).toFile());
                assertEquals(TinyLatentPartition.IMAGE_SIDE, png.getWidth(), picture + " at the mask's resolution");
            }
        }
        List<String> lines = Files.readAllLines(out.resolve(EvaluationWriter.EXPRESSIONS));
        assertEquals(expected, lines.size(), "one line per expression of the split");
        for (String line : lines) {
            JsonNode r = new ObjectMapper().readTree(line);
            assertEquals(tiny.testExpressions.get(r.path("id").asText()), r.path("expression").asText(), line);
        }
    }

    @Test
    void examplesHoldWhatTrainingSeesAndTheOriginalMask() throws Exception {
        LatentEvaluationExamples latents = LatentEvaluationExamples.open(spark,
                EvaluationSource.parse(tiny.testSource(), "test", false), tiny.root.toString(),
                TinyModels.ditConfig(), tiny.vae.toString());
        Map<String, EvaluationExample> byId = new TreeMap<>();
        latents.examples(3).collect().forEach(e -> byId.put(e.id(), e));
        assertEquals(tiny.testExpressions.keySet(), byId.keySet());
        assertEquals(List.copyOf(byId.keySet()), latents.ids().collect().stream().sorted().toList());
        LatentDataset ds = LatentDataset.open(spark, tiny.latents.partition().path());
        List<TrainingExample> training = ds.examples(new ExampleOptions(Split.TEST, EnumSet.of(Task.SEGMENTATION),
                false, Posterior.MEAN, 0, 0, TinyModels.TEXT_LENGTH)).collect();
        assertEquals(byId.size(), training.size());
        for (TrainingExample t : training) {
            EvaluationExample e = byId.get(t.id());
            assertArrayEquals(t.cond(), e.imageLatent(), "the scaled image latent training conditions on");
            assertArrayEquals(t.tokens(), e.tokens());
            assertEquals(t.tokenCount(), e.tokenCount());
            assertEquals(tiny.testExpressions.get(t.id()), e.expression());
            byte[] file = Files.readAllBytes(tiny.root.resolve(tiny.testMasks.get(t.id()).value()));
            assertEquals(PixelMask.of(ImageDecoder.decodeMask("mask", file)), e.truth());
            assertEquals(TinyLatentPartition.IMAGE_SIDE, e.truth().width());
            assertFalse(e.truth().isEmpty());
        }
    }

    @Test
    void expressionsAreTokenizedAgainWithTheVocabularyTheCheckpointWasTrainedWith() throws Exception {
        LatentEvaluationExamples latents = LatentEvaluationExamples.open(spark,
                EvaluationSource.parse(tiny.testSource(), "test", false), tiny.root.toString(),
                TinyModels.ditConfig(), tiny.vae.toString());
        Vocabulary own = latents.dataset().vocabulary();
        Map<String, EvaluationExample> stored = new TreeMap<>();
        latents.examples(2).collect().forEach(e -> stored.put(e.id(), e));
        // the partition's own vocabulary gives back the stored tokens
        for (EvaluationExample e : latents.examples(3, new TextEncoder(own, TinyModels.TEXT_LENGTH)).collect()) {
            assertArrayEquals(stored.get(e.id()).tokens(), e.tokens(), e.id());
            assertEquals(stored.get(e.id()).tokenCount(), e.tokenCount(), e.id());
        }
        // another run's vocabulary: the same words in reverse order, less one (read as <unk>)
        List<String> words = new ArrayList<>(own.words());
        Collections.reverse(words);
        String dropped = words.remove(words.size() - 1);
        Vocabulary other = new Vocabulary(words, new long[words.size()]);
        Path file = dir.resolve("other-vocabulary.json");
        Files.writeString(file, other.toJson());
        for (EvaluationExample e : latents.examples(2, new TextEncoder(other, TinyModels.TEXT_LENGTH)).collect()) {
            int[] ids = stored.get(e.id()).tokens();
            for (int i = 0; i < e.tokenCount(); i++) {
                String word = own.word(ids[i]);
                assertEquals(word.equals(dropped) ? TextTokens.UNKNOWN : other.id(word), e.tokens()[i], e.id());
            }
        }
        EvaluateJob.run(spark, config("vocab", Map.of("vocabulary", file.toString())));
        JsonNode m = new ObjectMapper().readTree(dir.resolve("vocab").resolve(EvaluationWriter.METRICS).toFile());
        assertTrue(m.path("retokenized").asBoolean(), m.toString());
        assertEquals(file.toString(), m.path("vocabulary").asText());
        EvaluateJob.run(spark, config("vocab-own", Map.of()));  // the run's own partition: stored tokens
        JsonNode own2 = new ObjectMapper().readTree(dir.resolve("vocab-own").resolve(EvaluationWriter.METRICS)
                .toFile());
        assertFalse(own2.has("retokenized"), own2.toString());
        assertTrue(own2.path("vocabulary").asText().contains("key="), own2.path("vocabulary").asText());
    }

    @Test
    void oneAndThreePartitionsGiveIdenticalNumbers() throws Exception {
        Map<String, String> exact = Map.of("batch_size", "1", "samples", "3");
        EvaluationTotals one = EvaluateJob.run(spark, config("p1", merged(exact, "partitions", "1")));
        EvaluationTotals three = EvaluateJob.run(spark, config("p3", merged(exact, "partitions", "3")));
        assertEquals(one.oneStep(), three.oneStep());
        assertEquals(one.samples().stream().map(PredictionSample::id).toList(),
                three.samples().stream().map(PredictionSample::id).toList());
        assertEquals(Files.readString(dir.resolve("p1").resolve(EvaluationWriter.METRICS)),
                Files.readString(dir.resolve("p3").resolve(EvaluationWriter.METRICS)));
    }

    @Test
    void aModelOrVaeThatDoesNotFitThePartitionOrAnEmptySplitIsAOneLineErrorNamingTheField() throws Exception {
        String shape = message(IllegalArgumentException.class, Map.of("checkpoint",
                checkpointWith("input4", "input_size", "4").toString()));
        assertTrue(shape.startsWith("config key 'examples'") && shape.contains("4x8x8")
                && shape.contains("input_size = 4"), shape);
        String vocab = message(IllegalArgumentException.class, Map.of("checkpoint",
                checkpointWith("vocab8", "text.vocab_size", "8").toString()));
        assertTrue(vocab.startsWith("config key 'examples'") && vocab.contains("text.vocab_size is 8"), vocab);
        Path otherVae = dir.resolve("vae-other");
        VaeTrainer.save(AutoencoderKL.create(TinyModels.vaeConfig(), VaeInitializer.random(TinyModels.vaeConfig(),
                4)), otherVae);
        String vae = message(IllegalArgumentException.class, Map.of("vae_dir", otherVae.toString()));
        assertTrue(vae.startsWith("config key 'vae_dir'") && vae.contains("vae_weights_sha256"), vae);
        String key = message(IllegalArgumentException.class, Map.of("examples",
                tiny.testSource() + "&key=ffffffffffffffff"));
        assertTrue(key.startsWith("config key 'examples'") && key.contains("cache key mismatch"), key);
        String empty = message(IllegalArgumentException.class, Map.of("examples",
                tiny.testSource().replace("split=test", "split=val"))); // the fixture has no val split
        assertTrue(empty.startsWith("config key 'examples': split val of ") && empty.contains("(0 in its texts"),
                empty);
    }

    @Test
    void aVaeOtherThanTheOneOfTheCheckpointsLatentsIsRefusedAndTheSameProceeds() throws Exception {
        // synthetic examples: no partition to check vae_dir against, only the checkpoint's record
        Path retrained = dir.resolve("vae-retrained");
        VaeTrainer.save(AutoencoderKL.create(TinyModels.vaeConfig(), VaeInitializer.random(TinyModels.vaeConfig(),
                5)), retrained);
        Map<String, String> synthetic = Map.of("examples", "synthetic:3", "dataset", "", "samples", "0");
        String m = message(IllegalArgumentException.class, merged(synthetic, "vae_dir", retrained.toString()));
        String checkpoint = tiny.run.resolve("ckpt-000001").toString();
        assertTrue(m.startsWith("config key 'vae_dir': " + retrained + " ") && m.contains(checkpoint)
                && m.contains(sha256(retrained).substring(0, 12))
                && m.contains(tiny.latents.key().vaeWeightsSha256().substring(0, 12))
                && m.contains(tiny.latents.key().id()), m);
        assertFalse(sha256(retrained).equals(tiny.latents.key().vaeWeightsSha256()), "the fixture's VAEs differ");
        assertEquals(3, EvaluateJob.run(spark, config("same-vae", synthetic)).examples(), "the checkpoint's VAE");
        // a checkpoint written before the record: not checked
        Path old = Files.createDirectories(dir.resolve("run-unrecorded").resolve("ckpt-000001"));
        for (String f : List.of("state.json", "ema.safetensors")) {
            Files.copy(tiny.run.resolve("ckpt-000001").resolve(f), old.resolve(f));
        }
        ObjectNode state = (ObjectNode) new ObjectMapper().readTree(old.resolve("state.json").toFile());
        assertTrue(state.remove("latents") != null, "the fixture's checkpoint records its latents");
        new ObjectMapper().writeValue(old.resolve("state.json").toFile(), state);
        Map<String, String> unrecorded = merged(merged(synthetic, "vae_dir", retrained.toString()), "checkpoint",
                old.toString());
        assertEquals(3, EvaluateJob.run(spark, config("unrecorded", unrecorded)).examples());
    }

    private static String sha256(Path vaeDir) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                Files.readAllBytes(vaeDir.resolve(AutoencoderKL.WEIGHTS_FILE))));
    }

    @Test
    void aMissingMaskFileIsNamed() throws Exception {
        Path broken = tiny.copyRoot(dir.resolve("shapes-broken"));
        String mask = tiny.testMasks.values().iterator().next().value();
        Files.delete(broken.resolve(mask));
        String m = message(IOException.class, Map.of("dataset", broken.toString(), "out_dir",
                dir.resolve("broken").toString()));
        assertTrue(m.startsWith("ground-truth mask ") && m.contains("shapes-broken/" + mask)
                && m.contains("file not found"), m);
        assertFalse(Files.exists(dir.resolve("broken").resolve(EvaluationWriter.METRICS)));
    }

    /**
     * A checkpoint directory holding only the fixture checkpoint's {@code state.json} with one training config key
     * changed: the job must refuse the data before it reads weights (there are none).
     */
    private static Path checkpointWith(String name, String key, String value) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = (ObjectNode) json.readTree(tiny.run.resolve("ckpt-000001/state.json").toFile());
        ((ObjectNode) state.get("config")).put(key, value);
        Path ckpt = Files.createDirectories(dir.resolve("run-" + name).resolve("ckpt-000001"));
        json.writeValue(ckpt.resolve("state.json").toFile(), state);
        return ckpt;
    }

    /** The one-line message of the error a run with these changes throws. */
    private static String message(Class<? extends Exception> type, Map<String, String> changes) {
        Exception e = assertThrows(type, () -> EvaluateJob.run(spark, config("failed", changes)));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static Map<String, String> merged(Map<String, String> a, String key, String value) {
        Map<String, String> m = new HashMap<>(a);
        m.put(key, value);
        return m;
    }
}
