package org.genmask.data.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CocoRleTest {

    /**
     * A 3 x 4 mask (h = 3, w = 4). Read column-major: column 0 is (0, 0, 1), column 1 (1, 1, 1), column 2 (1, 0, 0),
     * column 3 (0, 0, 0), i.e. 0 0 | 1 1 1 1 1 | 0 0 0 0 0 -> counts [2, 5, 5]; area 5; string "255".
     */
    private static final BinaryMask SMALL = BinaryMask.of(
            ".##.",
            ".#..",
            "##..");

    @Test
    void encodesColumnMajorRunsStartingWithBackground() {
        CocoRle rle = CocoRle.encode(SMALL);
        assertEquals(3, rle.height());
        assertEquals(4, rle.width());
        assertArrayEquals(new int[] {2, 5, 5}, rle.counts());
        assertEquals(5, rle.area());
        assertEquals(5, SMALL.area());
        assertEquals("255", rle.toCompressedString());
        assertEquals(SMALL, rle.decode());
        assertEquals(SMALL, CocoRle.fromCompressedString("255", 3, 4).decode());
    }

    @Test
    void aMaskStartingWithObjectHasALeadingZeroRun() {
        BinaryMask m = BinaryMask.of("#.", "#.");
        assertArrayEquals(new int[] {0, 2, 2}, CocoRle.encode(m).counts());
        assertArrayEquals(new int[] {4}, CocoRle.encode(BinaryMask.empty(2, 2)).counts());
        assertArrayEquals(new int[] {0, 4}, CocoRle.encode(BinaryMask.of("##", "##")).counts());
    }

    /** The 25 x 25 RLE recorded from pycocotools: five 5-pixel runs, 20 apart, starting at pixel 130. */
    @Test
    void decodesThePycocotoolsExampleToAFiveByFiveSquare() {
        CocoRle rle = CocoRle.fromCompressedString("R45d00000000b;", 25, 25);
        assertArrayEquals(new int[] {130, 5, 20, 5, 20, 5, 20, 5, 20, 5, 390}, rle.counts());
        BinaryMask m = rle.decode();
        assertEquals(25, m.area());
        // 130 = 5 * 25 + 5: column 5, row 5; five columns of rows 5..9
        for (int x = 0; x < 25; x++) {
            for (int y = 0; y < 25; y++) {
                assertEquals(x >= 5 && x < 10 && y >= 5 && y < 10, m.get(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void roundTripsRandomMasksThroughCountsAndStrings() {
        Random r = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + r.nextInt(30);
            int h = 1 + r.nextInt(30);
            double density = r.nextDouble();
            boolean[] p = new boolean[w * h];
            for (int i = 0; i < p.length; i++) {
                p[i] = r.nextDouble() < density;
            }
            BinaryMask m = new BinaryMask(w, h, p);
            CocoRle rle = CocoRle.encode(m);
            assertEquals(m.area(), rle.area());
            assertEquals(m, rle.decode());
            CocoRle back = CocoRle.fromCompressedString(rle.toCompressedString(), h, w);
            assertEquals(rle, back);
            int[] c = rle.counts();
            for (int i = 1; i < c.length; i++) {
                assertTrue(c[i] > 0, "only the first run may be empty");
            }
        }
    }

    @Test
    void unionIsThePixelwiseOr() {
        BinaryMask a = BinaryMask.of("##..", "##..", "....");
        BinaryMask b = BinaryMask.of("....", ".##.", ".##.");
        CocoRle u = CocoRle.union(List.of(CocoRle.encode(a), CocoRle.encode(b)));
        assertEquals(BinaryMask.of("##..", "###.", ".##."), u.decode());
        assertEquals(4 + 4 - 1, u.area());
        // the union is canonically encoded even when an input has a zero-length inner run
        CocoRle odd = new CocoRle(2, 2, new int[] {1, 0, 1, 2});
        assertEquals(2, odd.area());
        assertArrayEquals(new int[] {2, 2}, CocoRle.union(List.of(odd, CocoRle.empty(2, 2))).counts());
    }

    @Test
    void refusesCountsThatDoNotFillTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CocoRle(3, 4, new int[] {2, 5, 4}));
        assertTrue(e.getMessage().contains("11") && e.getMessage().contains("12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CocoRle(3, 4, new int[] {13, -1}));
        assertThrows(IllegalArgumentException.class, () -> CocoRle.fromCompressedString("256", 3, 4));
        assertThrows(IllegalArgumentException.class,
                () -> CocoRle.union(List.of(CocoRle.empty(2, 2), CocoRle.empty(2, 3))));
        assertThrows(IllegalArgumentException.class, () -> CocoRle.union(List.of()));
    }

    @Test
    void isImmutable() {
        int[] c = {2, 5, 5};
        CocoRle rle = new CocoRle(3, 4, c);
        c[0] = 99;
        rle.counts()[1] = 99;
        assertArrayEquals(new int[] {2, 5, 5}, rle.counts());
        boolean[] p = SMALL.pixels();
        p[0] = true;
        assertFalse(SMALL.get(0, 0));
    }
}
