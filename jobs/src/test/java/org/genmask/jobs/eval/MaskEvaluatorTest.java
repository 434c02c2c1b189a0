package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation path with a tiny random DiT and VAE on synthetic examples: plumbing, not quality. */
class MaskEvaluatorTest {
    private static SparkSession spark;
    private static JavaSparkContext sc;
    /** Ground truth 24x16 (wider than the 16x16 frame): exercises the inverse centre crop. */
    private static final List<EvaluationExample> DATA = SyntheticEvaluationExamples.generate(9, TinyModels.CHANNELS,
            TinyModels.LATENT_SIDE, TinyModels.TEXT_LENGTH, TinyModels.VOCAB, 24, 16, 4);
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("MaskEvaluatorTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void oneAndThreePartitionsGiveIdenticalNumbersAndSamples() {
        EvaluationSettings settings = new EvaluationSettings(1, 1, 0, 3);
        EvaluationTotals one = MaskEvaluator.evaluate(sc.parallelize(DATA, 1), new TinyModels(), settings);
        EvaluationTotals three = MaskEvaluator.evaluate(sc.parallelize(DATA, 3), new TinyModels(), settings);
        assertEquals(9, one.examples());
        assertEquals(one.oneStep(), three.oneStep());
        assertNull(one.euler());
        assertEquals(List.of("synthetic-eval-00000", "synthetic-eval-00001", "synthetic-eval-00002"),
                three.samples().stream().map(PredictionSample::id).toList());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(one.samples().get(i).predictionPng(), three.samples().get(i).predictionPng());
        }
        SegmentationMetrics m = one.oneStep();
        assertTrue(m.intersection() > 0 && m.union() > m.intersection(), "predictions should be non-trivial: " + m);
        assertEquals(one.results(), three.results(), "every expression's counts, whatever the partitioning");
        assertEquals(DATA.stream().map(EvaluationExample::id).sorted().toList(),
                three.results().stream().map(ExpressionResult::id).toList());
        assertEquals(m.intersection(), three.results().stream().mapToLong(r -> r.oneStep().intersection()).sum());
        assertEquals(m.union(), three.results().stream().mapToLong(r -> r.oneStep().union()).sum());
        for (ExpressionResult r : three.results()) {
            EvaluationExample e = DATA.stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
            assertEquals(e.truth().count(), r.truthPixels(), r.id());
            assertEquals(e.expression(), r.expression(), r.id());
            assertTrue(r.predictedPixels() >= r.oneStep().intersection()
                    && r.predictedPixels() <= r.oneStep().union(), r.id() + ": " + r);
        }
    }

    @Test
    void batchedEulerRunWritesPngsAndJson() throws Exception {
        EvaluationSettings settings = new EvaluationSettings(1, 4, 2, 2);
        EvaluationTotals totals = MaskEvaluator.evaluate(sc.parallelize(DATA, 2), new TinyModels(), settings);
        assertNotNull(totals.euler());
        assertEquals(9, totals.euler().samples());
        Path out = dir.resolve("eval");
        EvaluationWriter.write(out.toString(), sc.hadoopConfiguration(), totals,
                JsonNodeFactory.instance.objectNode().put("round", 3));
        ObjectMapper json = new ObjectMapper();
        JsonNode m = json.readTree(out.resolve(EvaluationWriter.METRICS).toFile());
        assertEquals(3, m.path("round").asInt());
        assertEquals(1.0, m.path("empty_union_iou").asDouble());
        for (String part : List.of("one_step", "euler")) {
            JsonNode p = m.path(part);
            assertEquals(9, p.path("samples").asInt(), part);
            assertTrue(p.path("ciou").isDouble() && p.path("giou").isDouble(), part);
            assertEquals(5, p.path("precision").size(), part);
            assertTrue(p.path("precision").has("0.5") && p.path("precision").has("0.9"), part);
        }
        assertEquals(2, m.path("euler").path("steps").asInt());
        JsonNode samples = json.readTree(out.resolve(EvaluationWriter.SAMPLES).toFile());
        assertEquals(2, samples.size());
        JsonNode first = samples.get(0);
        assertEquals("synthetic-eval-00000", first.path("id").asText());
        assertEquals(size(out.resolve(first.path("image").asText())), "16x16");
        assertEquals(size(out.resolve(first.path("truth").asText())), "24x16");
        assertEquals(size(out.resolve(first.path("prediction").asText())), "24x16");
        assertEquals(size(out.resolve(first.path("euler").asText())), "24x16");
        List<String> lines = Files.readAllLines(out.resolve(EvaluationWriter.EXPRESSIONS));
        assertEquals(9, lines.size(), "one line per evaluated expression");
        long intersection = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode r = json.readTree(lines.get(i));
            ExpressionResult expected = totals.results().get(i);
            assertEquals(expected.id(), r.path("id").asText());
            assertEquals(expected.oneStep().iou(), r.path("iou").asDouble());
            assertEquals(expected.euler().union(), r.path("euler_union").asLong());
            assertEquals(expected.predictedPixels(), r.path("predicted_pixels").asLong());
            intersection += r.path("intersection").asLong();
        }
        assertEquals(m.path("one_step").path("intersection").asLong(), intersection);
    }

    private static String size(Path png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        return img.getWidth() + "x" + img.getHeight();
    }
}
