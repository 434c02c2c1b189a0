package org.genmask.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoToLayoutTest {

    @TempDir
    Path dir;

    private static final String INSTANCES = """
            {"images": [
               {"id": 10, "file_name": "COCO_train2014_000000000010.jpg", "width": 6, "height": 5},
               {"id": 20, "file_name": "COCO_train2014_000000000020.jpg", "width": 4, "height": 3}],
             "annotations": [
               {"id": 1, "image_id": 10, "segmentation": [[1, 1, 4, 1, 4, 3, 1, 3]], "bbox": [1, 1, 3, 2],
                "category_id": 1, "iscrowd": 0},
               {"id": 2, "image_id": 10, "segmentation": {"size": [5, 6], "counts": [0, 1, 29]}, "bbox": [0, 0, 1, 1],
                "category_id": 1, "iscrowd": 1},
               {"id": 3, "image_id": 20, "segmentation": {"size": [3, 4], "counts": "255"}, "bbox": [0, 0, 2, 3],
                "category_id": 2, "iscrowd": 0}],
             "categories": [{"id": 1, "name": "person"}, {"id": 2, "name": "thing"}]}""";

    private static final String REFS = """
            [{"ref_id": 1, "ann_id": 1, "image_id": 10, "split": "train",
              "sentences": [{"sent": "man on left"}, {"sent": "left guy"}]},
             {"ref_id": 2, "ann_id": 2, "image_id": 10, "split": "train", "sentences": [{"sent": "top corner"}]},
             {"ref_id": 3, "ann_id": 1, "image_id": 10, "split": "train", "sentences": [{"sent": "the \\"blue\\" one"}]},
             {"ref_id": 4, "ann_id": 3, "image_id": 20, "split": "testA", "sentences": [{"sent": "café sign"}]}]""";

    private CocoRefsReader reader() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        return new CocoRefsReader(Files.writeString(in.resolve("instances.json"), INSTANCES),
                Files.writeString(in.resolve("refs.json"), REFS));
    }

    @Test
    void writesMaskPngsAndOneManifestLinePerImage() throws Exception {
        Path root = dir.resolve("refcoco");
        assertEquals(2, CocoToLayout.convert(reader(), root, "images"));

        List<String> lines = Files.readAllLines(root.resolve(CocoToLayout.MANIFEST));
        assertEquals(2, lines.size());
        assertEquals("{\"id\":\"COCO_train2014_000000000010\",\"image\":\"images/COCO_train2014_000000000010.jpg\","
                + "\"split\":\"train\",\"objects\":["
                + "{\"id\":\"1\",\"mask\":\"masks/COCO_train2014_000000000010_1.png\","
                + "\"expressions\":[\"man on left\",\"left guy\",\"the \\\"blue\\\" one\"]},"
                + "{\"id\":\"2\",\"mask\":\"masks/COCO_train2014_000000000010_2.png\",\"expressions\":[\"top corner\"]}]}",
                lines.get(0));
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertEquals("testA", second.get("split").asText());
        assertEquals("café sign", second.at("/objects/0/expressions/0").asText());
        assertEquals("masks/COCO_train2014_000000000020_3.png", second.at("/objects/0/mask").asText());

        assertPng(root.resolve("masks/COCO_train2014_000000000010_1.png"), BinaryMask.of(
                "......",
                ".###..",
                ".###..",
                "......",
                "......"));
        assertPng(root.resolve("masks/COCO_train2014_000000000010_2.png"), BinaryMask.of(
                "#.....",
                "......",
                "......",
                "......",
                "......"));
        // "255" on 3 x 4: counts [2, 5, 5], column-major
        assertPng(root.resolve("masks/COCO_train2014_000000000020_3.png"), BinaryMask.of(
                ".##.",
                ".#..",
                "##.."));
        try (var files = Files.list(root.resolve(CocoToLayout.MASKS))) {
            assertEquals(3, files.count(), "no temporary files left");
        }
    }

    /** Every manifest path resolves against the root; the mask path is exactly the PNG written. */
    @Test
    void manifestPathsAreRelativeToTheRoot() throws Exception {
        Path root = dir.resolve("ds");
        CocoToLayout.convert(reader(), root, "../coco/train2014/");
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(root.resolve("manifest.jsonl")).get(0));
        assertEquals("../coco/train2014/COCO_train2014_000000000010.jpg", line.get("image").asText());
        for (JsonNode o : line.get("objects")) {
            assertTrue(Files.isRegularFile(root.resolve(o.get("mask").asText())), o.toString());
        }
        CocoToLayout.convert(reader(), dir.resolve("flat"), ".");
        JsonNode flat = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("flat/manifest.jsonl")).get(0));
        assertEquals("COCO_train2014_000000000010.jpg", flat.get("image").asText());
    }

    @Test
    void refusesTheSameImageTwice() throws Exception {
        RefImage image = reader().readAll().get(0);
        RefImage otherSplit = new RefImage(image.imageId(), image.fileName(), "val", image.width(), image.height(),
                image.objects());
        try (CocoToLayout layout = new CocoToLayout(dir.resolve("twice"))) {
            layout.write(image);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layout.write(otherSplit));
            assertTrue(e.getMessage().contains("id 'COCO_train2014_000000000010' is already written for split 'train'"),
                    e.getMessage());
            assertEquals(1, layout.imagesWritten());
            assertEquals(2, layout.masksWritten());
        }
    }

    @Test
    void stemsAndImageDirectoriesAreChecked() {
        assertEquals("x.y", CocoToLayout.stem("a/b/x.y.jpg"));
        assertEquals("COCO_val2014_000000000042", CocoToLayout.stem("COCO_val2014_000000000042.jpg"));
        assertThrows(IllegalArgumentException.class, () -> CocoToLayout.stem("../x.jpg"));
        assertThrows(IllegalArgumentException.class, () -> CocoToLayout.stem("/abs/x.jpg"));
        assertThrows(IllegalArgumentException.class, () -> new CocoToLayout(dir.resolve("a"), "/abs/images"));
        assertThrows(IllegalArgumentException.class, () -> new CocoToLayout(dir.resolve("b"), ""));
    }

    private static void assertPng(Path png, BinaryMask expected) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(expected.width(), img.getWidth());
        assertEquals(expected.height(), img.getHeight());
        assertEquals(1, img.getColorModel().getNumComponents(), "grey");
        assertEquals(8, img.getColorModel().getPixelSize(), "8-bit");
        Raster r = img.getRaster();
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                assertEquals(expected.get(x, y) ? 255 : 0, r.getSample(x, y, 0), png + " pixel " + x + "," + y);
            }
        }
    }
}
