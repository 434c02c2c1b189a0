package org.genmask.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassifierFreeGuidanceTest {

    private static final INDArray U_UNCOND = Nd4j.createFromArray(new float[][] {{1, 2}, {0, -1}});
    private static final INDArray U_COND = Nd4j.createFromArray(new float[][] {{3, 2}, {1, 1}});

    @Test
    void guidedVelocityHandComputed() {
        INDArray u = new ClassifierFreeGuidance(4.0).apply(U_UNCOND, U_COND);
        // u_uncond + 4 (u_cond - u_uncond)
        assertArrayEquals(new float[] {9, 2, 4, 7}, u.dup('c').data().asFloat(), 1e-6f);
        assertArrayEquals(new long[] {2, 2}, u.shape());
    }

    @Test
    void scaleOneIsConditionalAndZeroIsUnconditional() {
        assertArrayEquals(U_COND.data().asFloat(),
                new ClassifierFreeGuidance(1.0).apply(U_UNCOND, U_COND).data().asFloat(), 0f);
        assertArrayEquals(U_UNCOND.data().asFloat(),
                new ClassifierFreeGuidance(0.0).apply(U_UNCOND, U_COND).data().asFloat(), 0f);
    }

    @Test
    void inputsAreUnchangedAndDataTypeFollowsUCond() {
        INDArray uncond = U_UNCOND.castTo(DataType.DOUBLE);
        INDArray u = new ClassifierFreeGuidance(2.0).apply(uncond, U_COND);
        assertEquals(DataType.FLOAT, u.dataType());
        assertArrayEquals(new float[] {5, 2, 2, 3}, u.data().asFloat(), 1e-6f);
        assertArrayEquals(new float[] {1, 2, 0, -1}, U_UNCOND.data().asFloat(), 0f);
        assertArrayEquals(new float[] {3, 2, 1, 1}, U_COND.data().asFloat(), 0f);
    }

    @Test
    void rejectsBadScaleAndShapes() {
        assertEquals("guidance scale w must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new ClassifierFreeGuidance(-1)).getMessage());
        assertEquals("guidance scale w must be finite and >= 0, got NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> new ClassifierFreeGuidance(Double.NaN)).getMessage());
        assertEquals("uCond shape [4] must equal uUncond shape [2, 2]",
                assertThrows(IllegalArgumentException.class, () -> new ClassifierFreeGuidance(2)
                        .apply(U_UNCOND, Nd4j.createFromArray(1f, 2f, 3f, 4f))).getMessage());
    }

    @Test
    void dropoutRateMatchesPAndIsSeeded() {
        ConditionDropout dropout = new ConditionDropout(0.1);
        boolean[] drop = dropout.sample(new SplittableRandom(123), 100_000);
        int dropped = 0;
        for (boolean d : drop) {
            dropped += d ? 1 : 0;
        }
        // binomial standard deviation sqrt(1e5 * 0.1 * 0.9) ~ 95
        assertEquals(10_000, dropped, 600);
        assertArrayEquals(drop, dropout.sample(new SplittableRandom(123), 100_000));
        assertFalse(Arrays.equals(drop, dropout.sample(new SplittableRandom(124), 100_000)));
    }

    @Test
    void dropoutDecisionIsUniformBelowP() {
        SplittableRandom reference = new SplittableRandom(9);
        boolean[] drop = new ConditionDropout(0.3).sample(new SplittableRandom(9), 50);
        for (int b = 0; b < drop.length; b++) {
            assertEquals(reference.nextDouble() < 0.3, drop[b], "sample " + b);
        }
    }

    @Test
    void dropoutExtremes() {
        boolean[] none = new ConditionDropout(0.0).sample(new SplittableRandom(1), 1000);
        boolean[] all = new ConditionDropout(1.0).sample(new SplittableRandom(1), 1000);
        for (int b = 0; b < 1000; b++) {
            assertFalse(none[b]);
            assertEquals(true, all[b]);
        }
        assertEquals(0, new ConditionDropout(0.5).sample(new SplittableRandom(1), 0).length);
        assertEquals("condition dropout probability p must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new ConditionDropout(1.5)).getMessage());
        assertEquals("batch must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new ConditionDropout(0.5).sample(new SplittableRandom(1), -1)).getMessage());
    }
}
