package org.genmask.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.latents.SyntheticTrainingExamples;
import org.genmask.data.latents.TrainingExample;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.jobs.config.JobConfig;
import org.genmask.safetensors.SafetensorsFile;
import org.genmask.train.FlatParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter averaging in Spark local mode with two worker threads. */
class ParameterAveragingTest {
    private static SparkSession spark;
    private static JavaSparkContext sc;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("ParameterAveragingTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private JobConfig config(String run, Map<String, String> changes) {
        Map<String, String> o = new HashMap<>(Map.of("run_dir", dir.resolve(run).toString(), "averaging_period", "2",
                "optimizer.lr", "2e-3", "optimizer.warmup_steps", "0", "checkpoint_every", "2", "batch_size", "4"));
        o.putAll(changes);
        return JobConfig.of(TrainJobConfig.defaults(), o);
    }

    private static List<TrainingExample> data(int n, long seed) {
        return SyntheticTrainingExamples.generate(n, 4, 8, 8, 64, seed);
    }

    @Test
    void shardsAreAFunctionOfTheExamplesOrderNotOfTheirPartitioning() {
        List<TrainingExample> examples = data(23, 4);
        List<List<String>> expected = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        for (int i = 0; i < examples.size(); i++) {
            expected.get(i % 3).add(examples.get(i).id());
        }
        for (int partitions : new int[] {1, 2, 5, 23}) {
            // a shuffle before: the examples' order is fixed (sorted), the arrival order of shuffle blocks is not
            var sorted = sc.parallelize(examples, partitions).mapToPair(e -> new scala.Tuple2<>(e.id(), e))
                    .sortByKey(true, partitions).values();
            List<String> order = sorted.map(TrainingExample::id).collect();
            var shards = ParameterAveraging.shards(sorted, 3);
            assertEquals(3, shards.getNumPartitions());
            List<List<String>> got = shards.map(TrainingExample::id).glom().collect();
            List<List<String>> want = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>()));
            for (int i = 0; i < order.size(); i++) {
                want.get(i % 3).add(order.get(i));
            }
            assertEquals(want, got, partitions + " input partitions");
        }
        List<List<String>> direct = ParameterAveraging.shards(sc.parallelize(examples, 4), 3)
                .map(TrainingExample::id).glom().collect();
        assertEquals(expected, direct, "example i goes to shard i mod 3, in order");
    }

    @Test
    void twoWorkersOnIdenticalDataEqualOneWorkerBitForBit() throws Exception {
        List<TrainingExample> shard = data(16, 1);
        List<TrainingExample> twice = new ArrayList<>(shard);
        twice.addAll(shard);
        Map<String, String> common = Map.of("rounds", "3", "replica_seed", "shared");
        Map<String, String> one = new HashMap<>(common);
        one.put("workers", "1");
        Checkpoint single = ParameterAveraging.train(sc, sc.parallelize(shard, 1), config("one", one));
        Map<String, String> two = new HashMap<>(common);
        two.put("workers", "2");
        Checkpoint pair = ParameterAveraging.train(sc, sc.parallelize(twice, 2), config("two", two));
        assertEquals(6, single.step());
        assertArrayEquals(single.params(), pair.params());
        assertArrayEquals(single.moments(), pair.moments());
        assertArrayEquals(single.ema(), pair.ema());
    }

    @Test
    void bfloat16MomentsTrainLikeFloat32Moments() throws Exception {
        List<TrainingExample> examples = data(32, 5);
        Checkpoint f32 = ParameterAveraging.train(sc, sc.parallelize(examples, 2),
                config("f32", Map.of("rounds", "3", "moments_dtype", "float32")));
        Checkpoint bf16 = ParameterAveraging.train(sc, sc.parallelize(examples, 2),
                config("bf16", Map.of("rounds", "3", "moments_dtype", "bfloat16")));
        TrainJobConfig c = TrainJobConfig.from(config("init", Map.of()));
        float[] init = new FlatParameters(GenMaskDiT.create(c.ditConfig(), EnumSet.allOf(Task.class), c.seed())
                .stateDict()).get().toFloatVector();
        double update = 0;
        double apart = 0;
        for (int i = 0; i < init.length; i++) {
            update = Math.max(update, Math.abs(f32.params()[i] - init[i]));
            apart = Math.max(apart, Math.abs(bf16.params()[i] - f32.params()[i]));
        }
        assertTrue(apart > 0, "the setting takes effect");
        assertTrue(apart < 0.05 * update, "bfloat16 moments moved a parameter " + apart + " away from float32's, "
                + "against updates of up to " + update);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainJobConfig.from(config("bad", Map.of("moments_dtype", "float16"))));
        assertTrue(e.getMessage().contains("'moments_dtype'") && e.getMessage().contains("float16"), e.getMessage());
    }

    @Test
    void lossFallsAndMetricsAreWritten() throws Exception {
        JobConfig c = config("falls", Map.of("rounds", "12", "workers", "2"));
        ParameterAveraging.train(sc, sc.parallelize(data(64, 2), 2), c);
        List<JsonNode> m = metrics(dir.resolve("falls"));
        assertEquals(12, m.size());
        for (String task : List.of("gen", "seg")) {
            double first = m.get(0).path("loss").path(task).asDouble();
            double last = (m.get(10).path("loss").path(task).asDouble() + m.get(11).path("loss").path(task).asDouble())
                    / 2;
            assertTrue(last < 0.7 * first, task + ": " + first + " -> " + last);
        }
        assertTrue(m.get(0).path("loss_per_bucket").path("seg").has("[0.90,1.00]"), m.get(0).toString());
        assertTrue(m.get(3).path("samples_per_s").asDouble() > 0);
    }

    @Test
    void aResumedRunReproducesTheUninterruptedLossCurve() throws Exception {
        List<TrainingExample> examples = data(32, 3);
        Checkpoint straight = ParameterAveraging.train(sc, sc.parallelize(examples, 2),
                config("straight", Map.of("rounds", "6")));
        ParameterAveraging.train(sc, sc.parallelize(examples, 2), config("resumed", Map.of("rounds", "3")));
        assertTrue(Files.isDirectory(dir.resolve("resumed/ckpt-000003")));
        Checkpoint resumed = ParameterAveraging.train(sc, sc.parallelize(examples, 2),
                config("resumed", Map.of("rounds", "6")));
        List<JsonNode> a = metrics(dir.resolve("straight"));
        List<JsonNode> b = metrics(dir.resolve("resumed"));
        assertEquals(6, b.size());
        for (int r = 0; r < 6; r++) {
            assertEquals(a.get(r).path("loss"), b.get(r).path("loss"), "round " + (r + 1));
            assertEquals(a.get(r).path("loss_per_bucket"), b.get(r).path("loss_per_bucket"));
        }
        assertArrayEquals(straight.params(), resumed.params());
        assertArrayEquals(straight.ema(), resumed.ema());
        // keep_checkpoints = 3: rounds 2, 4, 6 remain of the straight run
        assertTrue(Files.isDirectory(dir.resolve("straight/ckpt-000006")));
        assertTrue(Files.exists(dir.resolve("straight/ckpt-000006/model.safetensors")));
    }

    @Test
    void aCheckpointOfAnotherModelShapeIsRefused() throws Exception {
        List<TrainingExample> examples = data(16, 4);
        ParameterAveraging.train(sc, sc.parallelize(examples, 2), config("shape", Map.of("rounds", "2")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterAveraging.train(sc,
                sc.parallelize(examples, 2), config("shape", Map.of("rounds", "4", "text.width", "32"))));
        assertTrue(e.getMessage().contains("text.width = 64") && e.getMessage().contains("32"), e.getMessage());
    }

    @Test
    void aClassConditionalDiTInitialisesTheModel() throws Exception {
        Path golden = Path.of(System.getProperty("genmask.shared", "../../shared"), "golden", "dit",
                "dit_weights.safetensors");
        JobConfig c = config("init", Map.of("rounds", "1", "init_from", golden.toString(), "optimizer.lr", "1e-12"));
        ParameterAveraging.train(sc, sc.parallelize(data(16, 5), 2), c);
        try (SafetensorsFile ref = SafetensorsFile.open(golden);
             SafetensorsFile ours = SafetensorsFile.open(dir.resolve("init/ckpt-000001/model.safetensors"))) {
            String name = "blocks.1.mlp.fc2.weight";
            double diff = ref.read(name).sub(ours.read(name)).amaxNumber().doubleValue();
            assertTrue(diff < 1e-6, name + " differs from the pretrained tensor by " + diff);
        }
    }

    @Test
    void anotherRunsCheckpointInitialisesTheModelThroughAFileUri() throws Exception {
        List<TrainingExample> examples = data(16, 6);
        ParameterAveraging.train(sc, sc.parallelize(examples, 2), config("source", Map.of("rounds", "2")));
        Path ema = dir.resolve("source/ckpt-000002/ema.safetensors");
        JobConfig c = config("target", Map.of("rounds", "1", "init_from", ema.toUri().toString(),
                "optimizer.lr", "1e-12"));
        ParameterAveraging.train(sc, sc.parallelize(examples, 2), c);
        try (SafetensorsFile ref = SafetensorsFile.open(ema);
             SafetensorsFile ours = SafetensorsFile.open(dir.resolve("target/ckpt-000001/model.safetensors"))) {
            for (String name : List.of("blocks.0.attn.qkv.weight", "final_layer.linear.weight")) {
                double diff = ref.read(name).sub(ours.read(name)).amaxNumber().doubleValue();
                assertTrue(diff < 1e-6, name + " differs from the source run's EMA tensor by " + diff);
            }
        }
    }

    @Test
    void aMissingOrTruncatedInitFileIsOneLineNamingTheKeyAndTheFile() throws Exception {
        List<TrainingExample> examples = data(16, 7);
        Path missing = dir.resolve("nowhere/ema.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterAveraging.train(sc,
                sc.parallelize(examples, 2), config("missing", Map.of("init_from", missing.toString()))));
        assertTrue(e.getMessage().startsWith("config key 'init_from': " + missing), e.getMessage());

        ParameterAveraging.train(sc, sc.parallelize(examples, 2), config("whole", Map.of("rounds", "1")));
        byte[] bytes = Files.readAllBytes(dir.resolve("whole/ckpt-000001/ema.safetensors"));
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(IllegalArgumentException.class, () -> ParameterAveraging.train(sc,
                sc.parallelize(examples, 2), config("truncated", Map.of("init_from", truncated.toString()))));
        assertTrue(e.getMessage().startsWith("config key 'init_from': ") && e.getMessage().contains(
                truncated.toString()) && !e.getMessage().contains("genmask-init"), e.getMessage());
        if (Files.exists(dir.resolve("truncated"))) {
            try (var files = Files.list(dir.resolve("truncated"))) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("ckpt-")),
                        "a refused run wrote a checkpoint");
            }
        }
    }

    private static List<JsonNode> metrics(Path run) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(json.readTree(line));
        }
        return out;
    }
}
