package org.genmask.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaskLabelsTest {

    @Test
    void aBlockIsForegroundWhenMoreThanHalfOfItsPixelsAre() {
        boolean[] bits = new boolean[16];  // 4x4 -> 2x2 blocks of 2x2
        bits[0] = bits[1] = bits[4] = true;          // top-left block: 3 of 4
        bits[2] = bits[3] = true;                    // top-right: 2 of 4, exactly half: background
        bits[15] = true;                             // bottom-right: 1 of 4
        assertArrayEquals(new float[] {1, 0, 0, 0}, MaskLabels.blocks(bits, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> MaskLabels.blocks(bits, 4, 3));
    }

    @Test
    void rgbPixelsAreForegroundWhenTheirChannelMeanIsAboveZero() {
        float[] rgb = new float[3 * 4];   // one 2x2 image, 3 channels: pixel 0 bright, pixel 1 mean exactly 0
        for (int c = 0; c < 3; c++) {
            rgb[c * 4] = 0.5f;
            rgb[c * 4 + 3] = -1f;
        }
        rgb[1] = 1f;
        rgb[4 + 1] = -1f;   // pixel 1: (1, -1, 0) mean 0: background
        INDArray labels = MaskLabels.fromRgb(Nd4j.create(rgb, new long[] {1, 3, 2, 2}, 'c'), 1, 1);
        assertArrayEquals(new float[] {0}, labels.data().asFloat());   // 1 of 4 pixels
        INDArray full = MaskLabels.fromRgb(Nd4j.create(rgb, new long[] {1, 3, 2, 2}, 'c'), 2, 2);
        assertArrayEquals(new float[] {1, 0, 0, 0}, full.data().asFloat());
    }
}
