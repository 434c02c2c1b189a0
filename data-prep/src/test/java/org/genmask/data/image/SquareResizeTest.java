package org.genmask.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SquareResizeTest {

    @Test
    void cropGeometryScalesTheShorterSideAndCentres() {
        SquareCrop wide = new SquareCrop(640, 480, 256);
        assertEquals(341, wide.scaledWidth());
        assertEquals(256, wide.scaledHeight());
        assertEquals(42, wide.offsetX());
        assertEquals(0, wide.offsetY());
        SquareCrop tall = new SquareCrop(50, 100, 32);
        assertEquals(32, tall.scaledWidth());
        assertEquals(64, tall.scaledHeight());
        assertEquals(16, tall.offsetY());
        SquareCrop square = new SquareCrop(64, 64, 256);
        assertEquals(256, square.scaledWidth());
        assertEquals(0, square.offsetX());
    }

    @Test
    void nearestSourceIndicesHoldTheOutputPixelCentres() {
        SquareCrop wide = new SquareCrop(40, 32, 16); // scaled 20x16, 2 columns cut on the left
        assertEquals(5, wide.sourceColumn(0)); // centre 2.5 of the scaled row -> source 5.0
        assertEquals(35, wide.sourceColumn(15)); // 17.5 -> 35.0
        assertEquals(1, wide.sourceRow(0));
        assertEquals(31, wide.sourceRow(15));
        SquareCrop enlarged = new SquareCrop(12, 9, 16); // scaled 21x16: source pixel 10 holds the last centre
        assertEquals(1, enlarged.sourceColumn(0));
        assertEquals(10, enlarged.sourceColumn(15));
        assertThrows(IllegalArgumentException.class, () -> wide.sourceColumn(16));
    }

    @Test
    void sameSizeIsTheIdentity() {
        SplittableRandom random = new SplittableRandom(7);
        float[] planes = new float[3 * 9 * 9];
        boolean[] bits = new boolean[81];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = random.nextInt(256) / 255f;
        }
        for (int i = 0; i < bits.length; i++) {
            bits[i] = random.nextBoolean();
        }
        DecodedImage image = new DecodedImage(9, 9, planes);
        SquareImage out = new SquareResize(9).image(image);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 9; x++) {
                    assertEquals(2 * image.get(c, y, x) - 1, out.get(c, y, x), 1e-6);
                }
            }
        }
        SquareMask mask = new SquareResize(9).mask(new DecodedMask(9, 9, bits));
        for (int i = 0; i < 81; i++) {
            assertEquals(bits[i], mask.get(i / 9, i % 9));
        }
    }

    @Test
    void uniformImagesStayUniformAtAnyScale() {
        float[] planes = new float[3 * 37 * 23];
        java.util.Arrays.fill(planes, 0, 37 * 23, 0.25f);
        java.util.Arrays.fill(planes, 37 * 23, 3 * 37 * 23, 0.75f);
        DecodedImage image = new DecodedImage(37, 23, planes);
        for (int r : new int[] {8, 16, 23, 64}) {
            SquareImage out = new SquareResize(r).image(image);
            for (int y = 0; y < r; y++) {
                for (int x = 0; x < r; x++) {
                    assertEquals(-0.5f, out.get(0, y, x), 1e-5);
                    assertEquals(0.5f, out.get(2, y, x), 1e-5);
                }
            }
        }
    }

    @Test
    void downscalingAveragesLikeAnAntialiasedBilinearFilter() {
        // 4x4 columns 0,1,0,1 -> 2x2: factor 2, support 2; output column 0 (centre 1) weighs source columns 0..2
        // by 3/7, 3/7, 1/7 and column 1 (centre 3) columns 1..3 by 1/7, 3/7, 3/7 (as Pillow's BILINEAR)
        float[] planes = new float[3 * 16];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = i % 2;
        }
        SquareImage out = new SquareResize(2).image(new DecodedImage(4, 4, planes));
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                assertEquals(2 * 3 / 7f - 1, out.get(c, y, 0), 1e-6);
                assertEquals(2 * 4 / 7f - 1, out.get(c, y, 1), 1e-6);
            }
        }
    }

    @Test
    void maskKeepsTheImageGeometry() {
        int w = 128;
        int h = 64;
        float[] planes = new float[3 * w * h];
        boolean[] bits = new boolean[w * h];
        for (int y = 16; y < 48; y++) {
            for (int x = 64; x < 96; x++) {
                bits[y * w + x] = true;
                for (int c = 0; c < 3; c++) {
                    planes[(c * h + y) * w + x] = 1f;
                }
            }
        }
        SquareResize resize = new SquareResize(32);
        SquareImage image = resize.image(new DecodedImage(w, h, planes));
        SquareMask mask = resize.mask(new DecodedMask(w, h, bits));
        // scale 1/2: the block covers scaled x 32..47, y 8..23; the crop starts at scaled x 16
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean inside = x >= 16 && x < 32 && y >= 8 && y < 24;
                assertEquals(inside, mask.get(y, x), "mask at " + x + "," + y);
                boolean interior = x >= 17 && x < 31 && y >= 9 && y < 23;
                if (interior) {
                    assertEquals(1f, image.get(1, y, x), 1e-6);
                }
                if (!inside && (x < 15 || y < 7 || y > 24)) {
                    assertEquals(-1f, image.get(1, y, x), 1e-6);
                }
            }
        }
        assertEquals(16 * 16, mask.count());
    }

    @Test
    void flipMirrorsImageAndMaskTogether() {
        boolean[] bits = new boolean[16];
        bits[4] = true;
        float[] chw = new float[3 * 16];
        java.util.Arrays.fill(chw, -1f);
        chw[16 + 4] = 1f;
        ImagePair pair = new ImagePair(new SquareImage(4, chw), new SquareMask(4, bits));
        ImagePair flipped = pair.flipped();
        assertTrue(flipped.mask().get(1, 3));
        assertFalse(flipped.mask().get(1, 0));
        assertEquals(1f, flipped.image().get(1, 1, 3));
        assertEquals(-1f, flipped.image().get(1, 1, 0));
        assertEquals(pair, flipped.flipped());
    }
}
