package org.genmask.data.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.image.PairPreparer;
import org.genmask.data.image.SquareImage;
import org.genmask.data.image.SquareMask;
import org.genmask.data.latents.ImageLatentRow;
import org.genmask.data.latents.LatentDType;
import org.genmask.data.latents.LatentShape;
import org.genmask.data.latents.LatentTable;
import org.genmask.data.latents.MaskLatentRow;
import org.genmask.data.latents.PartitionTables;
import org.genmask.data.latents.TextRow;
import org.genmask.data.text.Vocabulary;
import org.genmask.jobs.config.JobConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.LatentDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** The precomputation job in Spark local mode on hand-made datasets with a tiny random VAE. */
class PrecomputeLatentsJobTest {
    static final LatentShape SHAPE = new LatentShape(4, 16, 16);
    private static SparkSession spark;
    @TempDir
    static Path shared;
    private static AutoencoderKL vae;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("PrecomputeLatentsJobTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        vae = TinyDataset.writeVae(shared.resolve("vae"), 7);
    }

    @AfterAll
    static void stop() throws IOException {
        spark.stop();
        FileSystem.closeAll();
    }

    static PrecomputeSummary run(Path dataset, Path output, Map<String, String> changes) throws IOException {
        Map<String, String> o = new HashMap<>(Map.of("dataset", dataset.toString(), "output", output.toString(),
                "vae", shared.resolve("vae").toString(), "resolution", "32", "batch_size", "3", "chunk_size", "2",
                "progress_interval_s", "0.5"));
        o.putAll(changes);
        return PrecomputeLatentsJob.run(spark, JobConfig.of(PrecomputeConfig.defaults(), o));
    }

    /** Posterior of one [3, R, R] input encoded directly with the VAE. */
    static LatentDistribution direct(float[] chw) {
        return vae.encode(Nd4j.create(chw, new long[] {1, 3, 32, 32}, 'c'));
    }

    static void assertClose(LatentDistribution want, float[] mean, float[] logvar, double tol, String what) {
        float[] m = want.mean().dup('c').data().asFloat();
        float[] l = want.logvar().dup('c').data().asFloat();
        assertEquals(m.length, mean.length, what);
        for (int i = 0; i < m.length; i++) {
            assertEquals(m[i], mean[i], tol * Math.max(1, Math.abs(m[i])), what + " mean[" + i + "]");
            assertEquals(l[i], logvar[i], tol * Math.max(1, Math.abs(l[i])), what + " logvar[" + i + "]");
        }
    }

    @Test
    void storesEveryImageAndMaskOnceAsTheVaeEncodesThemAndARerunIsANoOp() throws Exception {
        Path data = dir.resolve("tiny");
        TinyDataset.clean(data);
        PrecomputeSummary s = run(data, dir.resolve("latents"), Map.of());
        assertFalse(s.noOp());
        assertEquals(5, s.counts().images());
        assertEquals(7, s.counts().masks());
        assertEquals(12, s.counts().texts());
        assertEquals(0, s.counts().rejects());
        assertEquals(5, s.imagesEncoded());
        assertEquals(7, s.masksEncoded());
        assertTrue(s.partition().path().endsWith("/dataset=tiny/key=" + s.key().id()), s.partition().path());

        PartitionTables tables = new PartitionTables(spark, s.partition());
        PairPreparer prep = PairPreparer.ofResolution(32);
        List<Row> images = tables.read(LatentTable.IMAGES).collectAsList();
        assertEquals(5, images.size());
        for (Row r : images) {
            ImageLatentRow row = ImageLatentRow.fromRow(r, LatentDType.FLOAT32, SHAPE);
            SquareImage img = prep.image(row.image(), Files.readAllBytes(data.resolve(row.image())));
            assertClose(direct(img.toArray()), row.original().mean(), row.original().logvar(), 1e-5, row.imageId());
            assertClose(direct(img.flipped().toArray()), row.flipped().mean(), row.flipped().logvar(), 1e-5,
                    row.imageId() + " flipped");
        }
        for (Row r : tables.read(LatentTable.MASKS).collectAsList()) {
            MaskLatentRow row = MaskLatentRow.fromRow(r, LatentDType.FLOAT32, SHAPE);
            String image = "images/" + row.imageId() + ".png";
            byte[] imageBytes = Files.readAllBytes(data.resolve(image));
            SquareMask m = prep.pair(image, imageBytes, row.mask(), Files.readAllBytes(data.resolve(row.mask()))).mask();
            assertEquals(m.count(), row.pixels());
            assertClose(direct(m.toRgb()), row.original().mean(), row.original().logvar(), 1e-5, row.objectId());
            assertClose(direct(m.flipped().toRgb()), row.flipped().mean(), row.flipped().logvar(), 1e-5,
                    row.objectId() + " flipped");
        }

        Vocabulary vocabulary = Vocabulary.fromJson("vocabulary.json",
                Files.readString(Path.of(java.net.URI.create(s.partition().vocabularyJson()))));
        assertEquals(0, vocabulary.count("top")); // a val-split word is not in the vocabulary
        for (Row r : tables.read(LatentTable.TEXTS).collectAsList()) {
            TextRow t = TextRow.fromRow(r);
            if (t.text().equals("the circle on the right")) {
                assertEquals(vocabulary.id("left"), t.flipTokens()[t.flipTokens().length - 1]);
                assertEquals(vocabulary.id("right"), t.tokens()[t.tokens().length - 1]);
                assertEquals("a_1", t.objectId());
            }
        }

        long markerTime = Files.getLastModifiedTime(Path.of(java.net.URI.create(s.partition().marker())))
                .toMillis();
        PrecomputeSummary again = run(data, dir.resolve("latents"), Map.of());
        assertTrue(again.noOp());
        assertEquals(s.counts(), again.counts());
        assertEquals(0, again.imagesEncoded());
        assertEquals(markerTime, Files.getLastModifiedTime(Path.of(java.net.URI.create(s.partition().marker())))
                .toMillis());
    }
}
