package org.genmask.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SyntheticShapesTest {

    @Test
    void scenesAreDeterministicBoundedAndMasksAreBinaryGreyscale() {
        SyntheticShapes.Batch a = new SyntheticShapes(24, 5).next(40);
        SyntheticShapes.Batch b = new SyntheticShapes(24, 5).next(40);
        assertEquals(a.images(), b.images());
        assertEquals(a.masks(), b.masks());
        assertNotEquals(a.images(), new SyntheticShapes(24, 6).next(40).images());
        assertArrayEquals(new long[] {40, 3, 24, 24}, a.images().shape());
        assertTrue(a.images().minNumber().doubleValue() >= -1 && a.images().maxNumber().doubleValue() <= 1);
        INDArray m = a.masks();
        assertEquals(m.length(), m.eq(1.0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue()
                + m.eq(-1.0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue(), "masks are +-1");
        INDArray c0 = m.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()); // [40,24,24]
        assertEquals(c0, m.get(NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.all()),
                "same mask in every channel");
        float[] flat = c0.dup('c').data().asFloat();
        int nonEmpty = 0;
        for (int i = 0; i < 40; i++) {
            boolean any = false;
            for (int p = i * 24 * 24; p < (i + 1) * 24 * 24; p++) {
                any |= flat[p] > 0;
            }
            nonEmpty += any ? 1 : 0;
        }
        assertTrue(nonEmpty >= 30, "most scenes have a visible target, got " + nonEmpty + "/40");
        assertTrue(a.images().get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                .stdNumber().doubleValue() > 0.01, "a scene is not one flat colour");
    }
}
