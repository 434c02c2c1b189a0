package org.genmask.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.genmask.data.image.DecodedImage;
import org.genmask.data.image.DecodedMask;
import org.genmask.data.image.ImageDecoder;
import org.genmask.data.image.ImagePair;
import org.genmask.data.image.PairPreparer;
import org.genmask.data.local.LocalDatasetFiles;
import org.genmask.data.manifest.DatasetImage;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.ManifestReader;
import org.genmask.data.manifest.ManifestRecord;
import org.genmask.data.manifest.Split;
import org.genmask.data.text.Vocabulary;
import org.genmask.dit.TextTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetGeneratorTest {

    @TempDir
    Path dir;

    private static SyntheticConfig config(Path out, int images, int size, long seed, int threads) {
        return new SyntheticConfig(out.toString(), images, size, seed, 0.1, 0.2, 2, 4, threads);
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreads() throws IOException {
        GenerateSyntheticDataset.run(config(dir.resolve("a"), 60, 64, 5L, 1));
        GenerateSyntheticDataset.run(config(dir.resolve("b"), 60, 64, 5L, 2));
        GenerateSyntheticDataset.run(config(dir.resolve("c"), 60, 64, 6L, 2));
        List<Path> a = files(dir.resolve("a"));
        assertEquals(files(dir.resolve("b")).stream().map(p -> dir.resolve("b").relativize(p)).toList(),
                a.stream().map(p -> dir.resolve("a").relativize(p)).toList());
        for (Path p : a) {
            Path rel = dir.resolve("a").relativize(p);
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(dir.resolve("b").resolve(rel)), rel.toString());
        }
        assertFalse(Files.readString(dir.resolve("a/manifest.jsonl"))
                .equals(Files.readString(dir.resolve("c/manifest.jsonl"))), "another seed, other texts");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a/images/000000.png")),
                Files.readAllBytes(dir.resolve("c/images/000000.png"))), "another seed, another dataset");
    }

    @Test
    void writesTheDocumentedLayoutThatTheReadersAccept() throws IOException {
        Path root = dir.resolve("ds");
        GenerationReport report = GenerateSyntheticDataset.run(config(root, 120, 64, 11L, 2));
        LocalDatasetFiles files = new LocalDatasetFiles(root);
        List<ManifestRecord> records = new ManifestReader().read(files, true);
        assertEquals(120, records.size());
        PairPreparer preparer = PairPreparer.ofResolution(64);
        long objects = 0;
        int[] splits = new int[3];
        for (ManifestRecord r : records) {
            assertTrue(r.isAccepted(), r.message());
            DatasetImage image = r.image();
            splits[image.split().ordinal()]++;
            assertEquals("images/" + image.id() + ".png", image.image().value());
            assertTrue(image.objects().size() >= 2 && image.objects().size() <= 4);
            assertFalse(image.captions().isEmpty());
            byte[] imageBytes = files.read(image.image());
            for (DatasetObject o : image.objects()) {
                ImagePair pair = preparer.pair(image.image().value(), imageBytes, o.mask().value(),
                        files.read(o.mask()));
                assertFalse(pair.mask().isEmpty());
                objects++;
            }
        }
        assertEquals(report.objects(), objects);
        assertEquals(report.train(), splits[Split.TRAIN.ordinal()]);
        assertEquals(12, splits[Split.VAL.ordinal()], 1.0);
        assertEquals(24, splits[Split.TEST.ordinal()], 1.0);

        Vocabulary vocabulary = Vocabulary.read(files);
        assertEquals(report.vocabularyWords(), vocabulary.words().size());
        assertEquals(TextTokens.FIRST_WORD, vocabulary.id("the"));
        for (String w : List.of("left", "right", "leftmost", "rightmost", "above", "below", "small", "large")) {
            assertTrue(vocabulary.id(w) >= TextTokens.FIRST_WORD, w + " in the vocabulary");
        }
        String info = Files.readString(root.resolve("synthetic.json"));
        assertTrue(info.startsWith("{\"generator\":\"org.genmask.data.synthetic/1\",\"seed\":11,\"images\":120,"),
                info);
    }

    @Test
    void masksMatchTheRenderedPixelsAt256() throws IOException {
        Path root = dir.resolve("big");
        SyntheticConfig config = config(root, 6, 256, 3L, 2);
        GenerateSyntheticDataset.run(config);
        SyntheticDatasetGenerator generator = new SyntheticDatasetGenerator(config);
        LocalDatasetFiles files = new LocalDatasetFiles(root);
        for (ManifestRecord r : new ManifestReader().read(files, true)) {
            DatasetImage image = r.image();
            Scene scene = generator.sample(Long.parseLong(image.id())).scene();
            DecodedImage decoded = ImageDecoder.decodeImage("x", files.read(image.image()));
            assertEquals(256, decoded.width());
            for (int k = 0; k < image.objects().size(); k++) {
                DecodedMask mask = ImageDecoder.decodeMask("m", files.read(image.objects().get(k).mask()));
                ShapeColor c = scene.objects().get(k).color();
                int inside = 0;
                for (int y = 0; y < 256; y++) {
                    for (int x = 0; x < 256; x++) {
                        boolean colour = Math.round(decoded.get(0, y, x) * 255) == c.red()
                                && Math.round(decoded.get(1, y, x) * 255) == c.green()
                                && Math.round(decoded.get(2, y, x) * 255) == c.blue();
                        if (mask.get(y, x)) {
                            assertTrue(colour, "mask pixel not in the object's colour");
                            inside++;
                        }
                    }
                }
                assertTrue(inside > 100, "object " + k + " has " + inside + " pixels at 256");
            }
        }
    }

    @Test
    void refusesToOverwriteADataset() throws IOException {
        Path root = dir.resolve("once");
        GenerateSyntheticDataset.run(config(root, 3, 32, 1L, 1));
        IOException e = assertThrows(IOException.class, () -> GenerateSyntheticDataset.run(config(root, 3, 32, 1L, 1)));
        assertTrue(e.getMessage().endsWith("manifest.jsonl: already exists; write the synthetic dataset into a new"
                + " directory"), e.getMessage());
    }

    @Test
    void throughputIsMeasuredAndPrinted() throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        GenerateSyntheticDataset.run(config(dir.resolve("warm"), 300, 64, 1L, threads));
        GenerationReport report = GenerateSyntheticDataset.run(config(dir.resolve("rate"), 3000, 64, 2L, threads));
        System.out.println("synthetic generator, 64x64, " + threads + " threads: " + report.summary());
        assertEquals(3000, report.images());
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
