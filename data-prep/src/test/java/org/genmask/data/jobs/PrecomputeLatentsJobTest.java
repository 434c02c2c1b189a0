package org.genmask.data.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.io.FileUtils;
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
import org.genmask.data.latents.RejectRow;
import org.genmask.data.latents.TextRow;
import org.genmask.data.manifest.Split;
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
        vae = TinyDatasets.writeVae(shared.resolve("vae"), 7);
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
        TinyDatasets.clean(data);
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
            byte[] maskBytes = Files.readAllBytes(data.resolve(row.mask()));
            SquareMask m = prep.pair(image, imageBytes, row.mask(), maskBytes).mask();
            assertEquals(m.count(), row.pixels());
            assertClose(direct(m.toRgb()), row.original().mean(), row.original().logvar(), 1e-5, row.objectId());
            assertClose(direct(m.flipped().toRgb()), row.flipped().mean(), row.flipped().logvar(), 1e-5,
                    row.objectId() + " flipped");
        }

        Vocabulary vocabulary = Vocabulary.fromJson("vocabulary.json",
                Files.readString(Path.of(URI.create(s.partition().vocabularyJson()))));
        assertEquals(0, vocabulary.count("top")); // a val-split word is not in the vocabulary
        for (Row r : tables.read(LatentTable.TEXTS).collectAsList()) {
            TextRow t = TextRow.fromRow(r);
            if (t.text().equals("the circle on the right")) {
                assertEquals(vocabulary.id("left"), t.flipTokens()[t.flipTokens().length - 1]);
                assertEquals(vocabulary.id("right"), t.tokens()[t.tokens().length - 1]);
                assertEquals("a_1", t.objectId());
            }
        }

        long markerTime = Files.getLastModifiedTime(Path.of(URI.create(s.partition().marker())))
                .toMillis();
        PrecomputeSummary again = run(data, dir.resolve("latents"), Map.of());
        assertTrue(again.noOp());
        assertEquals(s.counts(), again.counts());
        assertEquals(0, again.imagesEncoded());
        assertEquals(markerTime, Files.getLastModifiedTime(Path.of(URI.create(s.partition().marker())))
                .toMillis());
    }

    private static Path local(String uri) {
        return Path.of(URI.create(uri));
    }

    private static Map<String, String> meansById(PartitionTables tables, LatentTable table) {
        Map<String, String> out = new HashMap<>();
        for (Row r : tables.read(table).collectAsList()) {
            String id = table == LatentTable.MASKS ? r.getString(1) : r.getString(0);
            out.put(id, Base64.getEncoder().encodeToString(r.getAs("mean"))
                    + Base64.getEncoder().encodeToString(r.getAs("flip_logvar")));
        }
        return out;
    }

    @Test
    void aRunKilledPartWayThenRerunGivesExactlyTheManifestsRows() throws Exception {
        Path data = dir.resolve("tiny");
        TinyDatasets.clean(data);
        PrecomputeSummary first = run(data, dir.resolve("latents"), Map.of());
        PartitionTables tables = new PartitionTables(spark, first.partition());
        Map<String, String> images = meansById(tables, LatentTable.IMAGES);
        Map<String, String> masks = meansById(tables, LatentTable.MASKS);

        // What a kill leaves behind: no marker; chunk 1 of images mid-commit (no _SUCCESS, a broken part file and
        // the committer's _temporary); chunk 0 with its rows but not its rejects; masks chunk 2 never started.
        Files.delete(local(first.partition().marker()));
        Path images1 = local(first.partition().chunk(LatentTable.IMAGES, 1));
        Files.delete(images1.resolve("_SUCCESS"));
        try (var parts = Files.list(images1)) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.write(part, new byte[] {1, 2, 3});
        }
        Files.createDirectories(images1.resolve("_temporary/0/task_x"));
        Files.write(images1.resolve("_temporary/0/task_x/part-00009.parquet"), new byte[] {4, 5});
        Files.delete(local(first.partition().rejectsChunk("images", 0)).resolve("_SUCCESS"));
        FileUtils.deleteDirectory(local(first.partition().chunk(LatentTable.MASKS, 2)).toFile());
        FileUtils.deleteDirectory(local(first.partition().rejectsChunk("masks", 2)).toFile());

        PrecomputeSummary again = run(data, dir.resolve("latents"), Map.of());
        assertFalse(again.noOp());
        assertEquals(4, again.imagesEncoded()); // chunks 0 and 1; chunk 2 was complete
        assertEquals(1, again.masksEncoded()); // chunk 2 (image e, one object)
        assertEquals(3, again.chunksSkipped());
        assertEquals(first.counts(), again.counts());
        assertTrue(again.counts().problems().isEmpty());
        assertEquals(images, meansById(tables, LatentTable.IMAGES)); // same rows, same bytes, no duplicates
        assertEquals(masks, meansById(tables, LatentTable.MASKS));
        assertTrue(Files.exists(local(first.partition().marker())));
        assertTrue(run(data, dir.resolve("latents"), Map.of()).noOp());
    }

    @Test
    void eachBadInputKindLandsInTheRejectsTableWithItsReason() throws Exception {
        Path data = dir.resolve("bad");
        Map<String, byte[]> files = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        String[] ids = {"ok", "undecodable", "missing", "sizes", "empty", "nomask", "crop"};
        for (String id : ids) {
            int w = id.equals("crop") ? 64 : 32;
            files.put("images/" + id + ".png", TinyDatasets.image(w, 32, id.hashCode()));
            files.put("masks/" + id + "_0.png", TinyDatasets.mask(w, 32, 4, 4, 12, 12));
            lines.add(TinyDatasets.line(id, Split.TRAIN, List.of("a picture"),
                    TinyDatasets.object(id + "_0", "masks/" + id + "_0.png", "the thing")));
        }
        files.put("images/undecodable.png", "this is not an image".getBytes(StandardCharsets.UTF_8));
        files.remove("images/missing.png");
        files.put("masks/sizes_0.png", TinyDatasets.mask(16, 16, 2, 2, 8, 8));
        files.put("masks/empty_0.png", TinyDatasets.mask(32, 32, 0, 0, 0, 0));
        files.remove("masks/nomask_0.png");
        files.put("masks/crop_0.png", TinyDatasets.mask(64, 32, 0, 0, 8, 32)); // left of the centre crop
        lines.add("{\"id\":\"notokens\",\"image\":\"images/ok.png\",\"split\":\"train\",\"objects\":"
                + "[{\"mask\":\"masks/ok_0.png\",\"expressions\":[\"?!\"]}]}");
        TinyDatasets.write(data, files, lines);

        PrecomputeSummary s = run(data, dir.resolve("latents"), Map.of());
        assertTrue(s.thresholdCrossed());
        assertEquals(8, s.counts().manifestLines());
        assertEquals(1, s.counts().manifestRejects());
        assertEquals(5, s.counts().images());
        assertEquals(2, s.counts().imageRejects());
        assertEquals(1, s.counts().masks());
        assertEquals(6, s.counts().maskRejects());
        Map<String, RejectRow> byField = new HashMap<>();
        for (Row r : new PartitionTables(spark, s.partition()).read(LatentTable.REJECTS).collectAsList()) {
            RejectRow j = RejectRow.fromRow(r);
            byField.put(j.stage() + ":" + (j.imageId() == null ? "line" + j.line() : j.imageId()), j);
        }
        assertEquals(9, byField.size(), byField.keySet().toString());
        assertReject(byField, "manifest:line8", "objects[0].expressions[0]", "MANIFEST", "no words (letters or");
        assertReject(byField, "images:undecodable", "image", "UNDECODABLE", "images/undecodable.png: ");
        assertReject(byField, "images:missing", "image", "MISSING_FILE", "file not found: images/missing.png");
        assertReject(byField, "masks:undecodable", "objects[0].mask", "IMAGE_REJECTED", "masks/undecodable_0.png");
        assertReject(byField, "masks:missing", "objects[0].mask", "IMAGE_REJECTED", "images/missing.png");
        assertReject(byField, "masks:sizes", "objects[0].mask", "SIZE_MISMATCH", "masks/sizes_0.png: mask is 16x16");
        assertReject(byField, "masks:empty", "objects[0].mask", "EMPTY_MASK", "masks/empty_0.png: mask is empty");
        assertReject(byField, "masks:nomask", "objects[0].mask", "MISSING_FILE", "file not found: masks/nomask_0.png");
        assertReject(byField, "masks:crop", "objects[0].mask", "EMPTY_AFTER_CROP", "masks/crop_0.png");
        assertEquals(2, s.rejectsByProblem().get("IMAGE_REJECTED"));

        PrecomputeSummary tolerant = run(data, dir.resolve("latents"), Map.of("max_reject_fraction", "1"));
        assertTrue(tolerant.noOp()); // the threshold is not part of the output
        assertFalse(tolerant.thresholdCrossed());
    }

    private static void assertReject(Map<String, RejectRow> rejects, String key,
                                     String field, String problem, String reasonPart) {
        RejectRow r = rejects.get(key);
        assertTrue(r != null, key + " not in " + rejects.keySet());
        assertEquals(field, r.field(), key);
        assertEquals(problem, r.problem(), key + ": " + r.reason());
        assertTrue(r.reason().contains(reasonPart), key + ": " + r.reason());
        assertEquals("manifest.jsonl", r.file());
    }
}
