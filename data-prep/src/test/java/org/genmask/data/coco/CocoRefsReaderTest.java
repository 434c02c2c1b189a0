package org.genmask.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoRefsReaderTest {

    @TempDir
    Path dir;

    private static final String IMAGES = """
            "images": [
              {"id": 10, "file_name": "COCO_train2014_000000000010.jpg", "width": 6, "height": 5, "license": 1},
              {"id": 20, "file_name": "COCO_train2014_000000000020.jpg", "width": 25, "height": 25},
              {"id": 30, "file_name": "unreferenced.jpg", "width": 3, "height": 3}
            ]""";

    /** Annotation 4 is malformed but referenced by no ref: it must be skipped, not decoded. */
    private static final String ANNOTATIONS = """
            "annotations": [
              {"id": 1, "image_id": 10, "segmentation": [[1, 1, 4, 1, 4, 3, 1, 3]], "bbox": [1, 1, 3, 2],
               "category_id": 1, "iscrowd": 0, "area": 6.0},
              {"id": 2, "image_id": 10, "segmentation": {"size": [5, 6], "counts": [0, 1, 29]}, "bbox": [0, 0, 1, 1],
               "category_id": 1, "iscrowd": 1, "area": 1},
              {"id": 3, "image_id": 20, "segmentation": {"size": [25, 25], "counts": "R45d00000000b;"},
               "bbox": [5, 5, 5, 5], "category_id": 2, "iscrowd": 0, "area": 25},
              {"id": 4, "image_id": 10, "segmentation": "not a segmentation", "category_id": 1}
            ]""";

    private static final String CATEGORIES = "\"categories\": [{\"id\": 1, \"name\": \"person\"}, {\"id\": 2, \"name\": \"box\"}]";

    private static final String REFS = """
            [
              {"ref_id": 6, "ann_id": 1, "image_id": 10, "split": "train", "category_id": 1,
               "sentences": [{"sent": "left guy", "raw": "Left guy", "sent_id": 2}, {"sent": "person in red "}]},
              {"ref_id": 5, "ann_id": 1, "image_id": 10, "split": "train", "category_id": 1,
               "file_name": "COCO_train2014_000000000010_1.jpg", "sent_ids": [0, 1],
               "sentences": [{"tokens": ["man", "on", "left"], "raw": "Man on left", "sent_id": 0, "sent": "man on left"},
                             {"sent": "left guy", "sent_id": 1}]},
              {"ref_id": 7, "ann_id": 2, "image_id": 10, "split": "train", "sentences": [{"sent": "top corner"}, {"sent": "  "}]},
              {"ref_id": 3, "ann_id": 3, "image_id": 20, "split": "val", "sentences": [{"sent": "the square"}]}
            ]""";

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path instances(String... parts) throws IOException {
        return write("instances.json", "{\"info\": {\"year\": 2014},\n" + String.join(",\n", parts) + "}");
    }

    @Test
    void groupsObjectsPerImageAndExpressionsPerObject() throws Exception {
        List<RefImage> images = new CocoRefsReader(instances(IMAGES, ANNOTATIONS, CATEGORIES), write("refs.json", REFS))
                .readAll();
        assertEquals(2, images.size());

        RefImage first = images.get(0);
        assertEquals(10, first.imageId());
        assertEquals("COCO_train2014_000000000010.jpg", first.fileName());
        assertEquals("train", first.split());
        assertEquals(6, first.width());
        assertEquals(5, first.height());
        assertEquals(2, first.objects().size());

        RefObject person = first.objects().get(0);
        assertEquals(1, person.annotationId());
        // refs 5 then 6 (ref id order), sentence order, "left guy" once, trailing blank stripped
        assertEquals(List.of("man on left", "left guy", "person in red"), person.expressions());
        assertEquals(BinaryMask.of(
                "......",
                ".###..",
                ".###..",
                "......",
                "......"), person.mask());

        RefObject corner = first.objects().get(1);
        assertEquals(2, corner.annotationId());
        assertEquals(List.of("top corner"), corner.expressions());
        assertEquals(1, corner.mask().area());
        assertTrue(corner.mask().get(0, 0));

        RefImage second = images.get(1);
        assertEquals(20, second.imageId());
        assertEquals("val", second.split());
        assertEquals(25, second.objects().get(0).mask().area());
        assertTrue(second.objects().get(0).mask().get(5, 9));
    }

    @Test
    void readsAnnotationsThatComeBeforeTheirImages() throws Exception {
        Path refs = write("refs.json", REFS);
        List<RefImage> normal = new CocoRefsReader(instances(IMAGES, ANNOTATIONS), refs).readAll();
        List<RefImage> reversed = new CocoRefsReader(instances(CATEGORIES, ANNOTATIONS, IMAGES), refs).readAll();
        assertEquals(normal, reversed);
    }

    @Test
    void onlySplitsKeepsTheNamedSplits() throws Exception {
        List<RefImage> val = new CocoRefsReader(instances(IMAGES, ANNOTATIONS), write("refs.json", REFS))
                .onlySplits("val").readAll();
        assertEquals(1, val.size());
        assertEquals(20, val.get(0).imageId());
    }

    @Test
    void anImageReferredFromTwoSplitsAppearsOncePerSplit() throws Exception {
        String refs = """
                [{"ref_id": 1, "ann_id": 1, "image_id": 10, "split": "val", "sentences": [{"sent": "a"}]},
                 {"ref_id": 2, "ann_id": 2, "image_id": 10, "split": "train", "sentences": [{"sent": "b"}]}]""";
        List<RefImage> images = new CocoRefsReader(instances(IMAGES, ANNOTATIONS), write("refs.json", refs)).readAll();
        assertEquals(List.of("train", "val"), images.stream().map(RefImage::split).toList());
        assertEquals(List.of(2L, 1L), images.stream().map(i -> i.objects().get(0).annotationId()).toList());
    }

    @Test
    void refusesAnRleWhoseSizeIsNotTheImageSize() throws Exception {
        Path inst = instances(IMAGES, ANNOTATIONS.replace("\"size\": [5, 6]", "\"size\": [5, 7]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CocoRefsReader(inst, write("refs.json", REFS)).readAll());
        assertEquals(inst + ": annotation 2: segmentation.size: RLE size [5, 7] differs from the image size [5, 6] "
                + "(height, width)", e.getMessage());
    }

    @Test
    void refusesARefToAMissingAnnotation() throws Exception {
        Path inst = instances(IMAGES, ANNOTATIONS);
        Path refs = write("refs.json", REFS.replace("\"ann_id\": 2,", "\"ann_id\": 99,"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CocoRefsReader(inst, refs).readAll());
        assertEquals(refs + ": ref 7: ann_id: annotation 99 is not in " + inst, e.getMessage());
    }

    @Test
    void refusesARefWhoseImageIsNotItsAnnotationsImage() throws Exception {
        Path inst = instances(IMAGES, ANNOTATIONS);
        Path refs = write("refs.json", REFS.replace("\"ann_id\": 3, \"image_id\": 20", "\"ann_id\": 3, \"image_id\": 10"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CocoRefsReader(inst, refs).readAll());
        assertEquals(refs + ": ref 3: image_id: 10, but annotation 3 belongs to image 20 in " + inst, e.getMessage());
    }

    @Test
    void refusesARefWhoseImageIsMissing() throws Exception {
        Path inst = instances(IMAGES.replace("\"id\": 20,", "\"id\": 21,"), ANNOTATIONS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CocoRefsReader(inst, write("refs.json", REFS)).readAll());
        assertTrue(e.getMessage().endsWith(": ref 3: image_id: image 20 is not in the images of " + inst), e.getMessage());
    }

    @Test
    void malformedRefsNameTheRefAndTheField() throws Exception {
        Path inst = instances(IMAGES, ANNOTATIONS);
        assertMessage(inst, REFS.replace("\"split\": \"val\", ", ""), ": ref 3: split: missing");
        assertMessage(inst, REFS.replace("\"ref_id\": 3,", "\"ref_id\": 7,"), ": ref 7: ref_id appears twice");
        assertMessage(inst, REFS.replace("[{\"sent\": \"the square\"}]", "[]"), ": ref 3: sentences: empty list");
        assertMessage(inst, REFS.replace("{\"sent\": \"the square\"}", "{\"raw\": \"x\"}"),
                ": ref 3: sentences[0].sent: expected a string, got null");
        assertMessage(inst, REFS.replace("\"ref_id\": 3,", "\"ref_id\": \"three\","),
                ": refs[3]: ref_id: expected a whole number, got \"three\"");
        assertMessage(inst, REFS.replace("[{\"sent\": \"top corner\"}, {\"sent\": \"  \"}]", "[{\"sent\": \" \"}]"),
                ": ref 7: sentences: every sent is blank, and no other ref of annotation 2 has one (refs [7])");
    }

    private void assertMessage(Path inst, String refsText, String suffix) throws IOException {
        Path refs = write("refs.json", refsText);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CocoRefsReader(inst, refs).readAll());
        assertEquals(refs + suffix, e.getMessage());
    }

    @Test
    void refusesAPickleWithTheConversionCommand() throws Exception {
        Path pickle = Files.write(dir.resolve("refs(unc).p"), new byte[] {(byte) 0x80, 2, ']', 'q', 0, '(', '}'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CocoRefsReader(instances(IMAGES, ANNOTATIONS), pickle).readAll());
        assertTrue(e.getMessage().startsWith(pickle + ": this is a Python pickle"), e.getMessage());
        assertTrue(e.getMessage().contains("python -c \"import pickle, json; json.dump(pickle.load(open('refs(unc).p',"
                + "'rb')), open('refs.json','w'))\""), e.getMessage());
        // protocol 0 pickles start with '(' and have no PROTO byte
        Path old = write("refs_p0", "(lp0\n(dp1\nS'ref_id'\n");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CocoRefsReader(instances(IMAGES, ANNOTATIONS), old).readAll()).getMessage().contains("pickle"));
    }

    @Test
    void malformedJsonIsAnIoErrorNamingTheFile() throws Exception {
        Path refs = write("refs.json", "[{\"ref_id\": 1,");
        IOException e = assertThrows(IOException.class,
                () -> new CocoRefsReader(instances(IMAGES, ANNOTATIONS), refs).readAll());
        assertTrue(e.getMessage().startsWith(refs + ": malformed JSON at line 1"), e.getMessage());
        Path inst = write("instances.json", "{\"images\": []}");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new CocoRefsReader(inst, write("refs.json", REFS)).readAll());
        assertTrue(missing.getMessage().startsWith(inst + ": annotations: missing"), missing.getMessage());
    }
}
