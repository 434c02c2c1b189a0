package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.genmask.data.image.DecodedMask;
import org.genmask.data.image.SquareMask;
import org.genmask.data.image.SquareResize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginalResolutionTest {

    private static PixelMask mask(int w, int h, String rows) {
        String s = rows.replace(" ", "");
        boolean[] bits = new boolean[w * h];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = s.charAt(i) == '#';
        }
        return new PixelMask(w, h, bits);
    }

    @Test
    void sameSizeIsIdentity() {
        PixelMask p = mask(2, 2, "#. .#");
        assertSame(p, OriginalResolution.upsample(p, 2, 2));
    }

    @Test
    void integerFactorReplicatesBlocks() {
        PixelMask p = mask(2, 2, "#. .#");
        PixelMask up = OriginalResolution.upsample(p, 4, 4);
        assertArrayEquals(mask(4, 4, "##.. ##.. ..## ..##").toBits(), up.toBits());
    }

    @Test
    void nonIntegerFactorSamplesAtPixelCentres() {
        // 3 -> 2: centres at 0.75 and 2.25 of the 3-pixel grid -> prediction pixels 0 and 2
        PixelMask p = mask(3, 3, "#.# ... #..");
        assertArrayEquals(mask(2, 2, "## #.").toBits(), OriginalResolution.upsample(p, 2, 2).toBits());
    }

    @Test
    void wideGroundTruthGetsTheCentreCropBackAndBackgroundOutside() {
        // 8x4 original, R = 2: scaled to 4x2, centred crop starts at scaled column 1 -> original columns 2..5
        PixelMask p = mask(2, 2, "## ##");
        PixelMask up = OriginalResolution.upsample(p, 8, 4);
        assertArrayEquals(mask(8, 4, "..####.. ..####.. ..####.. ..####..").toBits(), up.toBits());
        PixelMask left = mask(2, 2, "#. .#");
        assertArrayEquals(mask(8, 4, "..##.... ..##.... ....##.. ....##..").toBits(),
                OriginalResolution.upsample(left, 8, 4).toBits());
    }

    @Test
    void tallGroundTruthCropsRowsWithTheOddSurplusAtTheBottom() {
        // 4x10 original, R = 2: scaled to 2x5, crop offset 1 row (odd surplus below) -> original rows 2..5 seen
        PixelMask p = mask(2, 2, "#. ##");
        assertArrayEquals(mask(4, 10, ".... .... ##.. ##.. #### #### .... .... .... ....").toBits(),
                OriginalResolution.upsample(p, 4, 10).toBits());
    }

    /**
     * The inverse agrees with data-prep's forward policy ({@link SquareResize}) on non-square images, shrunk and
     * enlarged, odd surplus included: a ground-truth pixel that the resized square shows as object is object again
     * after mapping back, and when the square is enlarged (every original pixel in the crop is sampled) the round
     * trip gives back exactly the pixel.
     */
    @ParameterizedTest
    @CsvSource({"90, 60, 16", "51, 75, 16", "33, 16, 16", "12, 9, 16", "7, 11, 16", "47, 20, 8", "20, 47, 8"})
    void agreesWithSquareResizeOnNonSquareImages(int width, int height, int r) {
        SquareResize resize = new SquareResize(r);
        boolean enlarged = Math.min(width, height) <= r;
        int seen = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean[] one = new boolean[width * height];
                one[y * width + x] = true;
                SquareMask square = resize.mask(new DecodedMask(width, height, one));
                PixelMask back = OriginalResolution.upsample(new PixelMask(r, r, square.toBits()), width, height);
                if (square.isEmpty()) {
                    assertTrue(back.isEmpty(), "an unsampled pixel comes back as background");
                    continue;
                }
                seen++;
                assertTrue(back.get(y, x), "pixel (" + x + ", " + y + ") of " + width + "x" + height + " at R=" + r);
                if (enlarged) {
                    assertArrayEquals(one, back.toBits(), "enlarged: exactly the pixel comes back");
                }
            }
        }
        boolean[] full = new boolean[r * r];
        Arrays.fill(full, true);
        long inCrop = OriginalResolution.upsample(new PixelMask(r, r, full), width, height).count();
        assertEquals(enlarged ? inCrop : r * r, seen, enlarged ? "enlarged: every original pixel in the crop is seen"
                : "shrunk: each square pixel samples a different original pixel");
    }

    @Test
    void predictionMustBeSquare() {
        assertThrows(IllegalArgumentException.class, () -> OriginalResolution.upsample(mask(2, 1, "##"), 4, 4));
    }
}
