package org.genmask.data.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.jobs.PrecomputeConfig;
import org.genmask.data.jobs.PrecomputeLatentsJob;
import org.genmask.data.jobs.PrecomputeSummary;
import org.genmask.data.jobs.TinyDatasets;
import org.genmask.data.manifest.Split;
import org.genmask.dit.Task;
import org.genmask.jobs.config.JobConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Reading a precomputed partition back as training examples; dtypes; cache-key checks. */
class LatentDatasetTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static final Map<LatentDType, PrecomputeSummary> RUNS = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("LatentDatasetTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        TinyDatasets.writeVae(dir.resolve("vae"), 11);
        TinyDatasets.clean(dir.resolve("tiny"));
        for (LatentDType t : LatentDType.values()) {
            Map<String, String> o = Map.of("dataset", dir.resolve("tiny").toString(), "output",
                    dir.resolve("latents").toString(), "vae", dir.resolve("vae").toString(), "resolution", "32",
                    "dtype", t.configName(), "partitions", "2");
            RUNS.put(t, PrecomputeLatentsJob.run(spark, JobConfig.of(PrecomputeConfig.defaults(), o)));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        spark.stop();
        FileSystem.closeAll();
    }

    private static LatentDataset open(LatentDType t) throws IOException {
        return LatentDataset.open(spark, RUNS.get(t).partition().path());
    }

    private static Map<String, TrainingExample> byId(List<TrainingExample> examples) {
        return examples.stream().collect(Collectors.toMap(TrainingExample::id, e -> e));
    }

    @Test
    void trainExamplesAreTheScaledLatentsWithTheirTexts() throws IOException {
        LatentDataset ds = open(LatentDType.FLOAT32);
        assertEquals(new LatentShape(4, 16, 16), ds.shape());
        List<TrainingExample> all = ds.examples(ExampleOptions.training(6, 1)).collect();
        assertEquals(18, all.size()); // train: 3 captions + 6 expressions, each also mirrored
        Map<String, TrainingExample> ex = byId(all);
        assertEquals(all.size(), ex.size());

        Map<String, ImageLatentRow> images = new HashMap<>();
        for (Row r : ds.table(LatentTable.IMAGES).collectAsList()) {
            ImageLatentRow row = ImageLatentRow.fromRow(r, LatentDType.FLOAT32, ds.shape());
            images.put(row.imageId(), row);
        }
        MaskLatentRow mask = ds.table(LatentTable.MASKS).collectAsList().stream()
                .map(r -> MaskLatentRow.fromRow(r, LatentDType.FLOAT32, ds.shape()))
                .filter(m -> m.objectId().equals("a_1")).findFirst().orElseThrow();

        TrainingExample gen = ex.get("gen/a/c0");
        assertEquals(Task.GENERATION, gen.task());
        assertNull(gen.cond());
        assertArrayEquals(scaled(ds, images.get("a").original().mean()), gen.target(), 1e-6f);
        assertArrayEquals(scaled(ds, images.get("a").flipped().mean()), ex.get("gen/a/c0/flip").target(), 1e-6f);
        assertEquals(6, gen.tokens().length); // "a red square on the left of a circle": 9 tokens cut to 6
        assertEquals(6, gen.tokenCount());

        TrainingExample seg = ex.get("seg/a/a_1/e0"); // "the circle on the right"
        assertEquals(Task.SEGMENTATION, seg.task());
        assertArrayEquals(scaled(ds, mask.original().mean()), seg.target(), 1e-6f);
        assertArrayEquals(scaled(ds, images.get("a").original().mean()), seg.cond(), 1e-6f);
        assertEquals(5, seg.tokenCount());
        assertArrayEquals(new int[] {ds.vocabulary().id("the"), ds.vocabulary().id("circle"),
            ds.vocabulary().id("on"), ds.vocabulary().id("the"), ds.vocabulary().id("right"), 0}, seg.tokens());
        TrainingExample flipped = ex.get("seg/a/a_1/e0/flip");
        assertEquals(ds.vocabulary().id("left"), flipped.tokens()[4]);
        assertArrayEquals(scaled(ds, mask.flipped().mean()), flipped.target(), 1e-6f);
        assertArrayEquals(scaled(ds, images.get("a").flipped().mean()), flipped.cond(), 1e-6f);

        List<TrainingExample> val = ds.examples(ExampleOptions.training(6, 1).withSplit(Split.VAL).withFlips(false))
                .collect();
        assertEquals(List.of("seg/c/c_0/e0"), val.stream().map(TrainingExample::id).toList());
        assertEquals(3, ds.examples(ExampleOptions.training(6, 1).withFlips(false)
                .withTasks(EnumSet.of(Task.GENERATION))).count());
    }

    @Test
    void referringExamplesAreTheUnmirroredSegmentationInputsWithTheirMaskPaths() throws IOException {
        LatentDataset ds = open(LatentDType.FLOAT16);
        Map<String, TrainingExample> seg = byId(ds.examples(ExampleOptions.training(3, 0).withFlips(false)
                .withTasks(EnumSet.of(Task.SEGMENTATION))).collect());
        List<ReferringExample> train = ds.referringExamples(Split.TRAIN, 3).collect();
        assertEquals(seg.keySet(), train.stream().map(ReferringExample::id).collect(Collectors.toSet()));
        assertEquals(6, ds.expressionCount(Split.TRAIN));
        for (ReferringExample r : train) {
            TrainingExample t = seg.get(r.id());
            assertArrayEquals(t.cond(), r.imageLatent());
            assertArrayEquals(t.tokens(), r.tokens());
            assertEquals(t.tokenCount(), r.tokenCount());
            assertEquals("masks/" + r.objectId() + ".png", r.mask().value());
        }
        ReferringExample a1 = train.stream().filter(r -> r.id().equals("seg/a/a_1/e0")).findFirst().orElseThrow();
        assertEquals("the circle on the right", a1.text());
        assertEquals(3, a1.tokenCount()); // 5 tokens cut to 3
        List<ReferringExample> test = ds.referringExamples(Split.TEST, 8).collect();
        assertEquals(List.of("seg/e/e_0/e0"), test.stream().map(ReferringExample::id).toList());
        assertEquals(List.of("seg/e/e_0/e0"), ds.referringExampleIds(Split.TEST).collect());
        assertEquals("the square", test.get(0).text());
        assertEquals(1, ds.expressionCount(Split.TEST));
    }

    private static float[] scaled(LatentDataset ds, float[] unscaled) {
        return ds.cacheKey().scaling().scale(Nd4j.createFromArray(unscaled)).toFloatVector();
    }

    @Test
    void orderAndSamplesAreDeterministicBySeedAndEpoch() throws IOException {
        LatentDataset ds = open(LatentDType.FLOAT32);
        ExampleOptions o = ExampleOptions.training(8, 5).withPosterior(Posterior.SAMPLE);
        List<TrainingExample> a = ds.examples(o).collect();
        List<TrainingExample> b = ds.examples(o).collect();
        List<TrainingExample> c = ds.examples(o.withEpoch(1)).collect();
        assertEquals(a.stream().map(TrainingExample::id).toList(), b.stream().map(TrainingExample::id).toList());
        assertNotEquals(a.stream().map(TrainingExample::id).toList(), c.stream().map(TrainingExample::id).toList());
        Map<String, TrainingExample> mean = byId(ds.examples(o.withPosterior(Posterior.MEAN)).collect());
        Map<String, TrainingExample> epoch1 = byId(c);
        double sq = 0;
        int n = 0;
        for (TrainingExample e : a) {
            assertArrayEquals(e.target(), byId(b).get(e.id()).target());
            assertFalse(java.util.Arrays.equals(e.target(), epoch1.get(e.id()).target()));
            float[] m = mean.get(e.id()).target();
            for (int i = 0; i < m.length; i++) {
                sq += (e.target()[i] - m[i]) * (double) (e.target()[i] - m[i]);
                n++;
            }
        }
        assertTrue(sq / n > 1e-8, "samples differ from the mean"); // posterior std > 0
    }

    @Test
    void sixteenBitDtypesRoundTripWithinTheirPrecision() throws IOException {
        LatentDataset f32 = open(LatentDType.FLOAT32);
        for (LatentDType t : List.of(LatentDType.FLOAT16, LatentDType.BFLOAT16)) {
            LatentDataset ds = open(t);
            assertEquals(t, ds.cacheKey().dtype());
            assertNotEquals(f32.cacheKey().id(), ds.cacheKey().id());
            double rel = t == LatentDType.FLOAT16 ? 0x1p-11 : 0x1p-8;
            for (LatentTable table : List.of(LatentTable.IMAGES, LatentTable.MASKS)) {
                Map<String, Row> exact = new HashMap<>();
                f32.table(table).collectAsList().forEach(r -> exact.put(r.getString(0) + r.get(1), r));
                for (Row r : ds.table(table).collectAsList()) {
                    Row e = exact.get(r.getString(0) + r.get(1));
                    for (String col : List.of("mean", "logvar", "flip_mean", "flip_logvar")) {
                        float[] want = LatentDType.FLOAT32.decode(e.getAs(col), 1024);
                        float[] got = t.decode(r.getAs(col), 1024);
                        assertEquals(2 * 1024, ((byte[]) r.getAs(col)).length);
                        for (int i = 0; i < want.length; i++) {
                            assertEquals(want[i], got[i], Math.abs(want[i]) * rel + 0x1p-24, t + " " + col);
                            assertEquals(t.round(want[i]), got[i]); // exactly the rounded float32 value
                        }
                    }
                }
            }
        }
    }

    @Test
    void aCacheKeyMismatchIsRefusedNamingBothKeys() throws IOException {
        CacheKey f16 = RUNS.get(LatentDType.FLOAT16).key();
        CacheKey f32 = RUNS.get(LatentDType.FLOAT32).key();
        String path = RUNS.get(LatentDType.FLOAT32).partition().path();
        CacheKeyMismatchException e = assertThrows(CacheKeyMismatchException.class,
                () -> LatentDataset.open(spark, path, f16));
        assertTrue(e.getMessage().contains(f16.id()) && e.getMessage().contains(f32.id()), e.getMessage());
        assertTrue(e.getMessage().contains("differing fields: dtype"), e.getMessage());
        assertEquals(f32, LatentDataset.open(spark, path, f32).cacheKey());
        assertThrows(IllegalStateException.class, () -> LatentDataset.open(spark,
                LatentSource.parse(path + "?key=0000000000000000")));

        // a table copied in from another partition: its footer holds the other key
        Path copy = dir.resolve("mixed/dataset=tiny/key=" + f32.id());
        FileUtils.copyDirectory(Path.of(URI.create(path)).toFile(), copy.toFile());
        Path texts = copy.resolve("texts");
        FileUtils.deleteDirectory(texts.toFile());
        FileUtils.copyDirectory(Path.of(URI.create(RUNS.get(LatentDType.FLOAT16).partition().table(LatentTable.TEXTS)))
                .toFile(), texts.toFile());
        CacheKeyMismatchException footer = assertThrows(CacheKeyMismatchException.class,
                () -> LatentDataset.open(spark, copy.toString()));
        assertTrue(footer.getMessage().contains(copy.resolve("texts").toString()), footer.getMessage());
        assertTrue(footer.getMessage().contains(f16.id()), footer.getMessage());

        Files.delete(copy.resolve(LatentPartition.MARKER));
        IllegalStateException incomplete = assertThrows(IllegalStateException.class,
                () -> LatentDataset.open(spark, copy.toString()));
        assertTrue(incomplete.getMessage().contains("_COMPLETE.json"), incomplete.getMessage());
    }
}
