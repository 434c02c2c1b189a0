package org.genmask.data.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Polygon and JSON decoding against pycocotools. Two kinds of reference values:
 * <ul>
 *   <li>"pycocotools:" strings are outputs of pycocotools {@code mask.frPyObjects} recorded in the tests of
 *       pytorchcocotools (which assert equality with pycocotools);</li>
 *   <li>the other counts were computed by an independent throwaway Python transcription of the documented
 *       {@code rleFrPoly} / {@code rleEncode} / {@code rleToString} algorithm, which reproduces all of the recorded
 *       pycocotools strings above, and are checked by hand where the comment says so.</li>
 * </ul>
 */
class CocoMasksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CocoRle poly(int h, int w, double... xy) {
        return CocoMasks.fromPolygons(List.of(xy), h, w);
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    /**
     * Rectangle (1,1)-(4,3) on h = 5, w = 6, by hand: scaled by 5 the top edge runs u = 5..20 at v = 5; stepping
     * right from u - 1 = 5n + 2 gives columns n = 1, 2, 3 (u - 1 = 7, 12, 17), crossing row ceil((5.5) / 5 - 0.5) = 1;
     * the bottom edge gives the same columns at row ceil(15.5 / 5 - 0.5) = 3. So columns 1..3 hold rows 1..2:
     * toggles at 1*5+1, 1*5+3, 2*5+1, 2*5+3, 3*5+1, 3*5+3 = 6, 8, 11, 13, 16, 18, then 30 ->
     * counts [6, 2, 3, 2, 3, 2, 12], area 3 x 2 = 6.
     */
    @Test
    void rectangleWithWholeCornersCoversWidthTimesHeightPixels() {
        CocoRle rle = poly(5, 6, 1, 1, 4, 1, 4, 3, 1, 3);
        assertArrayEquals(new int[] {6, 2, 3, 2, 3, 2, 12}, rle.counts());
        assertEquals(6, rle.area());
        assertEquals(BinaryMask.of(
                "......",
                ".###..",
                ".###..",
                "......",
                "......"), rle.decode());
    }

    /**
     * A rectangle through the pixel centres 0.5..3.5 x 0.5..2.5: its vertices snap to 3 and 18 (x) and 3 and 13 (y)
     * on the 1/5 grid, so the right and bottom centres fall inside and the left and top ones outside: the same 6
     * pixels as above (not the 2 strictly inside, nor the 12 touched).
     */
    @Test
    void rectangleThroughPixelCentresGivesThePycocotoolsArea() {
        CocoRle rle = poly(5, 6, 0.5, 0.5, 3.5, 0.5, 3.5, 2.5, 0.5, 2.5);
        assertArrayEquals(new int[] {6, 2, 3, 2, 3, 2, 12}, rle.counts());
        assertEquals(6, rle.area());
    }

    /**
     * Right triangle (0,0), (8,0), (0,8) on 10 x 10. The hypotenuse crosses column n (sampled at x = n + 0.5) at
     * y = 7.5 - n, so column n holds rows 0 .. 6 - n: 7 + 6 + ... + 1 = 28 pixels (the continuous area is 32).
     */
    @Test
    void rightTriangle() {
        CocoRle rle = poly(10, 10, 0, 0, 8, 0, 0, 8);
        assertArrayEquals(new int[] {0, 7, 3, 6, 4, 5, 5, 4, 6, 3, 7, 2, 8, 1, 39}, rle.counts());
        assertEquals(28, rle.area());
        assertEquals("073O1O1O1O1O1Oo0", rle.toCompressedString());
    }

    @Test
    void triangleWithFractionalVertices() {
        CocoRle rle = poly(8, 9, 1.3, 0.7, 7.9, 2.2, 3.1, 6.6);
        assertArrayEquals(new int[] {17, 3, 5, 5, 3, 4, 5, 2, 6, 1, 7, 1, 13}, rle.counts());
        assertEquals(16, rle.area());
        assertEquals(BinaryMask.of(
                ".........",
                "..###....",
                "..######.",
                "..####...",
                "...##....",
                "...#.....",
                ".........",
                "........."), rle.decode());
    }

    /** pycocotools: frPyObjects([[10, 10, 20, 10, 20, 20, 21, 21, 10, 20]], 25, 25). */
    @Test
    void pentagonMatchesPycocotools() {
        CocoRle rle = poly(25, 25, 10, 10, 20, 10, 20, 20, 21, 21, 10, 20);
        assertEquals("T8:?00000000001O00000:F`2", rle.toCompressedString());
        assertEquals(105, rle.area());
    }

    /** pycocotools: the two polygons of a real COCO val2017 annotation (image 427 x 640), each on its own. */
    @Test
    void realCocoPolygonsMatchPycocotools() throws Exception {
        double[] p1 = {266.83, 189.37, 267.79, 175.29, 269.46, 170.04, 271.37, 165.98, 270.89, 163.12, 269.12, 159.54,
            272.8, 156.44, 287.36, 156.44, 293.33, 157.87, 296.91, 160.49, 296.91, 161.21, 291.89, 161.92, 289.98,
            165.03, 291.42, 169.56, 285.16, 196.54};
        double[] p2 = {266.35, 214.44, 270.41, 217.3, 276.38, 218.97, 282.11, 218.97, 285.93, 217.3, 286.88, 207.28,
            267.07, 201.07};
        CocoRle r1 = poly(427, 640, p1);
        CocoRle r2 = poly(427, 640, p2);
        assertEquals("\\`_3;j<6B@nCc0Q<@kCc0S<;01N10001O001O00001O001O0000O1L4K6K4L4B]COh<O<O001O0O2Omk^4",
                r1.toCompressedString());
        assertEquals("RT_32n<<O100O0010O000010O0001O00001O000O101O0ISPc4", r2.toCompressedString());
        assertEquals(785, r1.area());
        assertEquals(274, r2.area());
        // as annToRLE: both parts of the object, merged; they do not overlap
        JsonNode seg = JSON.valueToTree(List.of(p1, p2));
        CocoRle merged = CocoMasks.toRle(seg, 427, 640, "t.json: annotation 1");
        assertEquals(785 + 274, merged.area());
        assertEquals(r1.decode().or(r2.decode()), merged.decode());
    }

    /** pycocotools: frPyObjects([[10, 10, 10, 10]], 25, 25) reads [x, y, w, h] boxes. */
    @Test
    void aFirstEntryOfFourNumbersIsABoxAsInPycocotools() throws Exception {
        CocoRle rle = CocoMasks.toRle(json("[[10, 10, 10, 10]]"), 25, 25, "t.json: annotation 1");
        assertEquals("T8:?00000000000000000c3", rle.toCompressedString());
        assertEquals(100, rle.area());
        assertEquals(rle, CocoMasks.fromBox(10, 10, 10, 10, 25, 25));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CocoMasks.toRle(json("[[1, 1, 2, 2], [0, 0, 3, 0, 3, 3]]"), 5, 5, "t.json: annotation 9"));
        assertTrue(e.getMessage().startsWith("t.json: annotation 9: segmentation[1]: "), e.getMessage());
    }

    @Test
    void overlappingPartsOfOneObjectAreMerged() throws Exception {
        CocoRle rle = CocoMasks.toRle(json("[[0,0, 4,0, 4,4, 0,4], [2,2, 6,2, 6,5, 2,5]]"), 6, 7, "t.json: annotation 1");
        assertArrayEquals(new int[] {0, 4, 2, 4, 2, 5, 1, 5, 3, 3, 3, 3, 7}, rle.counts());
        assertEquals(16 + 12 - 4, rle.area());
    }

    @Test
    void polygonsReachingOutsideTheImageAreClipped() {
        CocoRle rle = poly(4, 5, -2, -1, 3, -1, 3, 2.6, -2, 2.6);
        assertEquals(BinaryMask.of("###..", "###..", "###..", "....."), rle.decode());
    }

    @Test
    void decodesBothRleFormsOfTheSameMask() throws Exception {
        BinaryMask expected = CocoRle.fromCompressedString("R45d00000000b;", 25, 25).decode();
        JsonNode plain = json("{\"size\": [25, 25], \"counts\": [130, 5, 20, 5, 20, 5, 20, 5, 20, 5, 390]}");
        JsonNode packed = json("{\"size\": [25, 25], \"counts\": \"R45d00000000b;\"}");
        assertEquals(expected, CocoMasks.decode(plain, 25, 25, "t.json: annotation 1"));
        assertEquals(expected, CocoMasks.decode(packed, 25, 25, "t.json: annotation 1"));
    }

    @Test
    void rleOfAnotherSizeThanTheImageIsRefusedNamingTheField() throws Exception {
        JsonNode seg = json("{\"size\": [25, 24], \"counts\": [600]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CocoMasks.toRle(seg, 25, 25, "instances.json: annotation 42"));
        assertEquals("instances.json: annotation 42: segmentation.size: RLE size [25, 24] differs from the image size "
                + "[25, 25] (height, width)", e.getMessage());
    }

    @Test
    void malformedSegmentationsNameTheField() throws Exception {
        String w = "a.json: annotation 5";
        assertMessageStarts(w + ": segmentation.counts: ", () -> CocoMasks.toRle(json("{\"size\": [2, 2], \"counts\": [1, 2]}"), 2, 2, w));
        assertMessageStarts(w + ": segmentation.counts[1]: ", () -> CocoMasks.toRle(json("{\"size\": [2, 2], \"counts\": [1, -3]}"), 2, 2, w));
        assertMessageStarts(w + ": segmentation.counts: ", () -> CocoMasks.toRle(json("{\"size\": [2, 2], \"counts\": \"4!\"}"), 2, 2, w));
        assertMessageStarts(w + ": segmentation.size: ", () -> CocoMasks.toRle(json("{\"counts\": [4]}"), 2, 2, w));
        assertMessageStarts(w + ": segmentation[0][2]: ", () -> CocoMasks.toRle(json("[[0, 0, \"x\", 1, 1, 1]]"), 2, 2, w));
        assertMessageStarts(w + ": segmentation[0]: ", () -> CocoMasks.toRle(json("[[0, 0]]"), 2, 2, w));
        assertMessageStarts(w + ": segmentation[1]: ", () -> CocoMasks.toRle(json("[[0, 0, 1, 0, 1, 1], [0, 0, 1e9, 0, 1, 1]]"), 2, 2, w));
        assertMessageStarts(w + ": segmentation: ", () -> CocoMasks.toRle(json("[]"), 2, 2, w));
        assertMessageStarts(w + ": segmentation: ", () -> CocoMasks.toRle(json("\"poly\""), 2, 2, w));
        assertMessageStarts(w + ": segmentation: ", () -> CocoMasks.toRle(null, 2, 2, w));
    }

    private static void assertMessageStarts(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
