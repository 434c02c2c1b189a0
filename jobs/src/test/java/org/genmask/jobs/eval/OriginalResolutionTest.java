package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

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

    @Test
    void predictionMustBeSquare() {
        assertThrows(IllegalArgumentException.class, () -> OriginalResolution.upsample(mask(2, 1, "##"), 4, 4));
    }
}
