package org.genmask.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.RelativePath;
import org.genmask.data.image.PngWriter;
import org.genmask.data.jobs.PrecomputeConfig;
import org.genmask.data.jobs.PrecomputeLatentsJob;
import org.genmask.data.jobs.PrecomputeSummary;
import org.genmask.data.manifest.DatasetImage;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.ManifestWriter;
import org.genmask.data.manifest.Split;
import org.genmask.jobs.config.JobConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.AutoencoderKLConfig;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training job reads a precomputed latent partition ({@code latents=PATH}); its checkpoints record the
 * partition's cache key, and a run is not resumed on the latents of another VAE.
 */
class TrainJobLatentsTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static PrecomputeSummary latents;
    /** The same images' latents from another VAE (same config, other weights): another cache key. */
    private static PrecomputeSummary otherLatents;

    @BeforeAll
    static void precompute() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("TrainJobLatentsTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        Path data = dir.resolve("shapes");
        Files.createDirectories(data.resolve("images"));
        Files.createDirectories(data.resolve("masks"));
        List<String> lines = new ArrayList<>();
        String[] words = {"red", "green", "blue", "white"};
        for (int i = 0; i < 4; i++) {
            float[] chw = new float[3 * 16 * 16];
            boolean[] bits = new boolean[16 * 16];
            for (int p = 0; p < 256; p++) {
                bits[p] = (p % 16 < 8) == (i % 2 == 0);
                chw[(i % 3) * 256 + p] = bits[p] ? 0.8f : -0.8f;
            }
            Files.write(data.resolve("images/" + i + ".png"), PngWriter.rgb(16, 16, chw));
            Files.write(data.resolve("masks/" + i + ".png"), PngWriter.mask(16, 16, bits));
            lines.add(ManifestWriter.line(new DatasetImage("s" + i, new RelativePath("images/" + i + ".png"),
                    Split.TRAIN, List.of("a " + words[i] + " half"), List.of(new DatasetObject("s" + i + "_0",
                    new RelativePath("masks/" + i + ".png"), List.of("the " + (i % 2 == 0 ? "left" : "right")
                    + " half"))))));
        }
        Files.writeString(data.resolve("manifest.jsonl"), String.join("\n", lines) + "\n");
        latents = precompute(data, "vae", 3, "latents");
        otherLatents = precompute(data, "vae-other", 4, "latents-other");
    }

    /** The dataset's latents in {@code dir/output}, computed with a random VAE of this seed saved in dir/vae. */
    private static PrecomputeSummary precompute(Path data, String vae, long seed, String output) throws Exception {
        AutoencoderKLConfig c = new AutoencoderKLConfig(3, 3, List.of(AutoencoderKLConfig.DOWN_BLOCK,
                AutoencoderKLConfig.DOWN_BLOCK), List.of(AutoencoderKLConfig.UP_BLOCK, AutoencoderKLConfig.UP_BLOCK),
                List.of(8, 16), 1, "silu", 4, 4, 16, 0.5, 0.0, true, true);
        VaeTrainer.save(AutoencoderKL.create(c, VaeInitializer.random(c, seed)), dir.resolve(vae));
        return PrecomputeLatentsJob.run(spark, JobConfig.of(PrecomputeConfig.defaults(), Map.of("dataset",
                data.toString(), "output", dir.resolve(output).toString(), "vae", dir.resolve(vae).toString(),
                "resolution", "16", "partitions", "2")));
    }

    @AfterAll
    static void stop() throws Exception {
        spark.stop();
        FileSystem.closeAll();
    }

    private static JobConfig config(String latentsValue, Map<String, String> more) {
        Map<String, String> o = new java.util.HashMap<>(Map.of("run_dir", dir.resolve("run").toString(), "latents",
                latentsValue, "workers", "1", "batch_size", "4", "rounds", "2", "averaging_period", "2",
                "checkpoint_every", "2"));
        o.putAll(more);
        return JobConfig.of(TrainJobConfig.defaults(), o);
    }

    @Test
    void trainsOnAPrecomputedPartition() throws Exception {
        String path = latents.partition().path() + "?posterior=sample&key=" + latents.key().id();
        Checkpoint done = TrainJob.run(spark, config(path, Map.of()));
        assertEquals(2, done.round());
        assertTrue(Files.exists(dir.resolve("run/metrics.jsonl")));
        JsonNode state = state("run", 2);
        JsonNode recorded = state.path(CheckpointLatents.FIELD);
        assertEquals(latents.key().id(), recorded.path("cache_key").asText(), state.toString());
        assertEquals(latents.key().vaeWeightsSha256(), recorded.path("vae_weights_sha256").asText());
        assertEquals(0.5, recorded.path("scaling_factor").asDouble());
        assertEquals(Optional.of(CheckpointLatents.of(latents.key())), CheckpointLatents.read(state, "state.json"));
        assertFalse(recorded.toString().contains(dir.toString()), "no path in the record: " + recorded);
    }

    @Test
    void aRunIsNotResumedOnTheLatentsOfAnotherVae() throws Exception {
        String original = latents.partition().path();
        TrainJob.run(spark, config(original, Map.of("run_dir", dir.resolve("switch").toString())));
        String other = otherLatents.partition().path();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainJob.run(spark,
                config(other, Map.of("run_dir", dir.resolve("switch").toString(), "rounds", "4"))));
        String m = e.getMessage();
        assertTrue(m.startsWith("config key 'latents': run_dir " + dir.resolve("switch")), m);
        assertTrue(m.contains("ckpt-000002") && m.contains(latents.key().id()) && m.contains(otherLatents.key().id())
                && m.contains(latents.key().vaeWeightsSha256().substring(0, 12))
                && m.contains(otherLatents.key().vaeWeightsSha256().substring(0, 12)) && m.contains("new run_dir"), m);
        assertFalse(m.contains("\n"), m);
        assertEquals(2, Files.readAllLines(dir.resolve("switch/metrics.jsonl")).size(), "refused before training");
        // the original latents resume
        assertEquals(4, TrainJob.run(spark, config(original, Map.of("run_dir", dir.resolve("switch").toString(),
                "rounds", "4"))).round());
    }

    @Test
    void aCheckpointWrittenBeforeTheRecordResumesWithAWarning() throws Exception {
        TrainJob.run(spark, config(latents.partition().path(), Map.of("run_dir", dir.resolve("old").toString())));
        Path stateFile = dir.resolve("old/ckpt-000002/state.json");
        ObjectNode state = (ObjectNode) new ObjectMapper().readTree(stateFile.toFile());
        assertTrue(state.remove(CheckpointLatents.FIELD) != null);
        new ObjectMapper().writeValue(stateFile.toFile(), state);
        Files.deleteIfExists(stateFile.resolveSibling(".state.json.crc")); // Hadoop's local checksum of the old text
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Checkpoint resumed;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            resumed = TrainJob.run(spark, config(otherLatents.partition().path(),
                    Map.of("run_dir", dir.resolve("old").toString(), "rounds", "4")));
        } finally {
            System.setOut(stdout);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertEquals(4, resumed.round());
        assertTrue(log.contains("resuming " + dir.resolve("old") + " from round 2"), log);
        assertEquals(1, log.lines().filter(l -> l.contains("WARNING checkpoint " + dir.resolve("old/ckpt-000002")
                + " does not record which latents")).count(), log);
        assertEquals(otherLatents.key().id(), state("old", 4).path(CheckpointLatents.FIELD).path("cache_key")
                .asText(), "the new checkpoints record the latents they were trained on");
    }

    private static JsonNode state(String run, int round) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(run).resolve(String.format("ckpt-%06d", round))
                .resolve("state.json").toFile());
    }

    @Test
    void badSourcesShapesAndVocabulariesAreRefusedNamingTheKey() {
        String path = latents.partition().path();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> TrainJob.run(spark, config(path, Map.of("run_dir", dir.resolve("x").toString(),
                        "input_size", "16"))));
        assertTrue(shape.getMessage().startsWith("config key 'latents'") && shape.getMessage().contains("4x8x8"),
                shape.getMessage());
        IllegalArgumentException vocab = assertThrows(IllegalArgumentException.class,
                () -> TrainJob.run(spark, config(path, Map.of("run_dir", dir.resolve("y").toString(),
                        "text.vocab_size", "5"))));
        assertTrue(vocab.getMessage().startsWith("config key 'text.vocab_size'"), vocab.getMessage());
        IllegalArgumentException where = assertThrows(IllegalArgumentException.class,
                () -> TrainJob.run(spark, config(dir.resolve("nowhere").toString(), Map.of())));
        assertTrue(where.getMessage().startsWith("config key 'latents': latent partition path must end in"),
                where.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> TrainJob.run(spark, config(path + "?key=ffffffffffffffff", Map.of())));
        assertTrue(key.getMessage().contains("cache key mismatch") && key.getMessage().contains(latents.key().id()),
                key.getMessage());
    }
}
