package org.genmask.data.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.genmask.data.RelativePath;
import org.genmask.data.local.LocalDatasetFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    private static final String GOOD = "{\"id\":\"000001\",\"image\":\"images/000001.png\",\"split\":\"train\","
            + "\"captions\":[\"a red circle above a small blue square\"],"
            + "\"objects\":[{\"id\":\"000001_0\",\"mask\":\"masks/000001_0.png\",\"expressions\":[\"the red circle\"]},"
            + "{\"mask\":\"masks/000001_1.png\",\"expressions\":[\"the small blue square\",\"the lower shape\"]}]}";

    private final ManifestReader reader = new ManifestReader();

    @TempDir
    Path dir;

    @Test
    void parsesAFullLine() {
        ManifestRecord r = reader.parse(1, GOOD);
        assertTrue(r.isAccepted(), r.message());
        DatasetImage image = r.image();
        assertEquals("000001", image.id());
        assertEquals(new RelativePath("images/000001.png"), image.image());
        assertEquals(Split.TRAIN, image.split());
        assertEquals(List.of("a red circle above a small blue square"), image.captions());
        assertEquals(2, image.objects().size());
        assertEquals("000001_1", image.objects().get(1).id(), "default object id");
        assertEquals(List.of("the small blue square", "the lower shape"), image.objects().get(1).expressions());
        assertEquals("manifest.jsonl line 1: ok", r.message());
    }

    @Test
    void captionsOnlyAndObjectsOnlyAreBothValid() {
        assertTrue(reader.parse(1, "{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"val\",\"captions\":[\"x\"]}")
                .isAccepted());
        ManifestRecord r = reader.parse(2, "{\"id\":\"b\",\"image\":\"b.jpg\",\"split\":\"test\",\"objects\":"
                + "[{\"mask\":\"b.png\",\"expressions\":[\"the cat\"]}]}");
        assertTrue(r.isAccepted(), r.message());
        assertEquals(List.of(), r.image().captions());
    }

    @Test
    void rejectionsNameTheLineAndTheField() {
        assertReject("{\"id\":\"a\",\"image\":\"/abs/a.png\",\"split\":\"train\",\"captions\":[\"x\"]}",
                "manifest.jsonl line 7: image: absolute path not allowed: /abs/a.png");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"train\",\"objects\":[{\"mask\":\"m.png\","
                + "\"expressions\":[\"x\"]},{\"mask\":\"../m.png\",\"expressions\":[\"y\"]}]}",
                "manifest.jsonl line 7: objects[1].mask: path escapes the dataset root (..): ../m.png");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"training\",\"captions\":[\"x\"]}",
                "manifest.jsonl line 7: split: must be \"train\", \"val\" or \"test\", got \"training\"");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"captions\":[\"x\"]}",
                "manifest.jsonl line 7: split: missing");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"train\",\"caption\":[\"x\"]}",
                "manifest.jsonl line 7: caption: unknown field (known: id, image, split, captions, objects)");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"train\",\"objects\":[{\"mask\":\"m.png\","
                + "\"expressions\":[]}]}",
                "manifest.jsonl line 7: objects[0].expressions: empty (at least one is required)");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"train\",\"objects\":[{\"mask\":\"m.png\","
                + "\"expressions\":[\"ok\",\"  \"]}]}", "manifest.jsonl line 7: objects[0].expressions[1]: blank text");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"train\",\"objects\":[{\"mask\":\"m.png\","
                + "\"expressions\":[\"?!\"]}]}",
                "manifest.jsonl line 7: objects[0].expressions[0]: no words (letters or digits) in \"?!\"");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"train\",\"captions\":[3]}",
                "manifest.jsonl line 7: captions[0]: must be a string, got number");
        assertReject("{\"id\":\"a b\",\"image\":\"a.png\",\"split\":\"train\",\"captions\":[\"x\"]}",
                "manifest.jsonl line 7: id: id may hold only letters, digits, '.', '_' and '-': \"a b\"");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"train\",\"objects\":[{\"id\":\"o\","
                + "\"mask\":\"m.png\",\"expressions\":[\"x\"]},"
                + "{\"id\":\"o\",\"mask\":\"n.png\",\"expressions\":[\"y\"]}]}",
                "manifest.jsonl line 7: objects[1].id: duplicate object id \"o\" in this image");
        assertReject("{\"id\":\"a\",\"image\":\"a.png\",\"split\":\"train\"}",
                "manifest.jsonl line 7: no captions and no objects");
        assertReject("[1,2]", "manifest.jsonl line 7: a line must be a JSON object, got array");
        assertReject("{\"id\":\"a\",\"id\":\"b\"}", "manifest.jsonl line 7: invalid JSON: Duplicate field 'id'");
        assertReject("{\"id\":\"a\"} x", "manifest.jsonl line 7: invalid JSON: Unrecognized token 'x'", true);
        assertReject("{\"id\":\"a\"} {}", "manifest.jsonl line 7: invalid JSON: Trailing token", true);
        assertReject("{\"id\":", "manifest.jsonl line 7: invalid JSON: ", true);
    }

    private void assertReject(String line, String message) {
        assertReject(line, message, false);
    }

    private void assertReject(String line, String message, boolean prefixOnly) {
        ManifestRecord r = reader.parse(7, line);
        assertFalse(r.isAccepted(), line);
        if (prefixOnly) {
            assertTrue(r.message().startsWith(message), r.message());
            assertFalse(r.message().contains("\n"), r.message());
        } else {
            assertEquals(message, r.message());
        }
    }

    @Test
    void readsAFileSkippingBlankLinesCheckingFilesAndDuplicates() throws Exception {
        LocalDatasetFiles files = new LocalDatasetFiles(dir);
        files.write(new RelativePath("images/000001.png"), new byte[] {1});
        files.write(new RelativePath("masks/000001_0.png"), new byte[] {1});
        String second = GOOD.replace("\"000001\"", "\"000002\"").replace("images/000001", "images/000002");
        String manifest = "\uFEFF" + GOOD + "\r\n\n" + GOOD + "\n" + second + "\n";
        files.write(ManifestReader.MANIFEST_PATH, manifest.getBytes(StandardCharsets.UTF_8));

        List<ManifestRecord> records = reader.read(files, true);
        assertEquals(3, records.size());
        assertEquals("manifest.jsonl line 1: objects[1].mask: file not found: masks/000001_1.png",
                records.get(0).message());
        assertEquals("manifest.jsonl line 3: id: duplicate id \"000001\" (first on line 1)", records.get(1).message());
        assertEquals("manifest.jsonl line 4: image: file not found: images/000002.png", records.get(2).message());

        files.write(new RelativePath("masks/000001_1.png"), new byte[] {1});
        assertTrue(reader.read(files, true).get(0).isAccepted());
        assertTrue(reader.read(files, false).get(2).isAccepted(), "no file check");
    }

    @Test
    void writerRoundTripsToEqualRecords() {
        DatasetImage image = reader.parse(1, GOOD).image();
        String line = ManifestWriter.line(image);
        assertEquals(image, reader.parse(1, line).image());
        assertTrue(line.startsWith("{\"id\":\"000001\",\"image\":\"images/000001.png\",\"split\":\"train\""), line);
        assertEquals(line, ManifestWriter.line(reader.parse(1, line).image()));
        DatasetImage noCaptions = new DatasetImage("x", new RelativePath("x.png"), Split.VAL, List.of(),
                image.objects());
        assertFalse(ManifestWriter.line(noCaptions).contains("captions"));
        assertEquals(noCaptions, reader.parse(1, ManifestWriter.line(noCaptions)).image());
    }
}
