package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class MaskBinarizationTest {

    @Test
    void foregroundWhereChannelMeanIsAboveMidGrey() {
        // 1 row, 5 pixels, 3 channels (planes): white, black, exact mid-grey, slightly bright, bright by one channel
        float[] chw = {
            1f, -1f, 0f, 0.01f, 3f,
            1f, -1f, 0f, 0.01f, -0.9f,
            1f, -1f, 0f, 0.01f, -0.9f,
        };
        PixelMask m = MaskBinarization.binarize(chw, 3, 1, 5);
        assertArrayEquals(new boolean[] {true, false, false, true, true}, m.toBits());
        assertEquals(5, m.width());
        assertEquals(1, m.height());
    }

    @Test
    void balancedChannelsAreBackground() {
        float[] chw = {0.5f, -0.25f, -0.25f};   // mean exactly 0 -> background
        assertTrue(MaskBinarization.binarize(chw, 3, 1, 1).isEmpty());
    }

    @Test
    void ndArrayOverloadReadsCHW() {
        float[] chw = new float[3 * 2 * 2];
        java.util.Arrays.fill(chw, -1f);
        for (int c = 0; c < 3; c++) {
            chw[c * 4 + 1] = 1f;                // pixel (0, 1)
        }
        PixelMask m = MaskBinarization.binarize(Nd4j.create(chw, new long[] {3, 2, 2}, 'c'));
        assertArrayEquals(new boolean[] {false, true, false, false}, m.toBits());
    }

    @Test
    void wrongLengthNamesTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskBinarization.binarize(new float[5], 3, 1, 2));
        assertTrue(e.getMessage().contains("[3, 1, 2]"), e.getMessage());
    }
}
