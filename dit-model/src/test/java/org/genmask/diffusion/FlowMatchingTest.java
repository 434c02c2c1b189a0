package org.genmask.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FlowMatchingTest {

    private static final long[] SHAPE = {2, 1, 2, 2};
    /** Sample 0 = [1, 2, 3, 4], sample 1 = [-1, 0, 2, 5]. */
    private static final float[] X0 = {1, 2, 3, 4, -1, 0, 2, 5};
    /** Sample 0 = [5, 6, 7, 8], sample 1 = [3, 3, -2, 1]. */
    private static final float[] EPS = {5, 6, 7, 8, 3, 3, -2, 1};
    private static final float[] S = {0.25f, 1.0f};

    private static INDArray arr(float[] data) {
        return Nd4j.create(data, SHAPE, 'c');
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @Test
    void noisyLatentBroadcastsTimePerSample() {
        INDArray xs = FlowMatching.noisyLatent(arr(X0), arr(EPS), S);
        // sample 0: 0.75 * x0 + 0.25 * eps; sample 1 at s = 1: eps
        float[] expected = {2, 3, 4, 5, 3, 3, -2, 1};
        assertArrayEquals(expected, flat(xs), 1e-6f);
        assertArrayEquals(SHAPE, xs.shape());
        assertEquals(DataType.FLOAT, xs.dataType());
    }

    @Test
    void noisyLatentAtZeroIsCleanAndInputsAreUntouched() {
        INDArray x0 = arr(X0);
        INDArray eps = arr(EPS);
        INDArray xs = FlowMatching.noisyLatent(x0, eps, new float[] {0f, 0.5f});
        assertArrayEquals(new float[] {1, 2, 3, 4, 1, 1.5f, 0, 3}, flat(xs), 1e-6f);
        assertArrayEquals(X0, flat(x0), 0f);
        assertArrayEquals(EPS, flat(eps), 0f);
    }

    @Test
    void viewsAndFortranOrderGiveTheSameValues() {
        INDArray x0f = arr(X0).dup('f');
        // a strided view: the first two of four samples along axis 0
        INDArray eps4 = Nd4j.concat(0, arr(EPS), arr(X0));
        INDArray epsView = eps4.get(NDArrayIndex.interval(0, 2));
        INDArray xs = FlowMatching.noisyLatent(x0f, epsView, S);
        assertArrayEquals(new float[] {2, 3, 4, 5, 3, 3, -2, 1}, flat(xs), 1e-6f);
        INDArray loss = FlowMatching.perSampleMse(x0f, epsView);
        // sample 0: all differences 4 -> 16; sample 1: (4^2 + 3^2 + 4^2 + 4^2) / 4 = 14.25
        assertArrayEquals(new float[] {16f, 14.25f}, flat(loss), 1e-5f);
    }

    @Test
    void velocityTargetIsEpsMinusX0() {
        INDArray u = FlowMatching.velocityTarget(arr(X0), arr(EPS));
        assertArrayEquals(new float[] {4, 4, 4, 4, 4, 3, -4, -4}, flat(u), 0f);
    }

    @Test
    void predictX0InvertsTheInterpolantGivenTheTrueVelocity() {
        INDArray xs = FlowMatching.noisyLatent(arr(X0), arr(EPS), S);
        INDArray u = FlowMatching.velocityTarget(arr(X0), arr(EPS));
        INDArray s = Nd4j.createFromArray(S);
        assertArrayEquals(X0, flat(FlowMatching.predictX0(xs, s, u)), 1e-6f);
        assertArrayEquals(EPS, flat(FlowMatching.predictEps(xs, s, u)), 1e-6f);
    }

    @Test
    void predictX0AtPureNoiseIsEpsMinusVelocity() {
        INDArray eps = arr(EPS);
        INDArray u = arr(new float[] {1, 1, 1, 1, 0.5f, -0.5f, 2, 0});
        INDArray x0 = FlowMatching.predictX0(eps, Nd4j.createFromArray(1f, 1f), u);
        assertArrayEquals(new float[] {4, 5, 6, 7, 2.5f, 3.5f, -4, 1}, flat(x0), 0f);
    }

    @Test
    void predictX0HandComputedAtMixedTimes() {
        INDArray xs = arr(new float[] {1, 1, 1, 1, 2, 2, 2, 2});
        INDArray u = arr(new float[] {2, 0, -2, 4, 1, 1, 1, 1});
        INDArray x0 = FlowMatching.predictX0(xs, Nd4j.createFromArray(0.5f, 0.0f), u);
        // sample 0: 1 - 0.5 u; sample 1 at s = 0: x_s itself
        assertArrayEquals(new float[] {0, 1, 2, -1, 2, 2, 2, 2}, flat(x0), 1e-6f);
    }

    @Test
    void eulerStepMovesAlongTheVelocity() {
        INDArray x = arr(new float[] {1, 1, 1, 1, 0, 0, 0, 0});
        INDArray u = arr(new float[] {2, -2, 4, 0, 1, 1, 1, 1});
        INDArray next = FlowMatching.eulerStep(x, 1.0, 0.75, u);
        assertArrayEquals(new float[] {0.5f, 1.5f, 0, 1, -0.25f, -0.25f, -0.25f, -0.25f}, flat(next), 1e-6f);
    }

    @Test
    void oneEulerStepFromPureNoiseWithTrueVelocityLandsOnX0() {
        // a straight-line flow: with the exact u, a single step from s = 1 to 0 recovers x0
        INDArray eps = arr(EPS);
        INDArray u = FlowMatching.velocityTarget(arr(X0), eps);
        assertArrayEquals(X0, flat(FlowMatching.eulerStep(eps, 1.0, 0.0, u)), 1e-6f);
    }

    @Test
    void manyEulerStepsFollowTheStraightPath() {
        float[] x0 = new float[8];
        float[] eps = new float[8];
        StandardNormal.fill(x0, new SplittableRandom(1));
        StandardNormal.fill(eps, new SplittableRandom(2));
        INDArray u = FlowMatching.velocityTarget(arr(x0), arr(eps));
        INDArray x = arr(eps);
        double[] times = FlowMatching.eulerTimes(10);
        for (int k = 0; k + 1 < times.length; k++) {
            x = FlowMatching.eulerStep(x, times[k], times[k + 1], u);
            INDArray expected = FlowMatching.noisyLatent(arr(x0), arr(eps),
                    new float[] {(float) times[k + 1], (float) times[k + 1]});
            assertArrayEquals(flat(expected), flat(x), 1e-5f, "after step " + k);
        }
    }

    @Test
    void eulerTimesRunFromOneToZero() {
        assertArrayEquals(new double[] {1.0, 0.75, 0.5, 0.25, 0.0}, FlowMatching.eulerTimes(4), 1e-15);
        assertArrayEquals(new double[] {1.0, 0.0}, FlowMatching.eulerTimes(1), 0.0);
        assertEquals(0.0, FlowMatching.eulerTimes(7)[7], 0.0);
    }

    @Test
    void perSampleMseAveragesOverNonBatchAxes() {
        INDArray pred = arr(new float[] {1, 2, 3, 4, 0, 0, 0, 0});
        INDArray target = arr(new float[] {1, 2, 3, 6, 1, -1, 1, -1});
        INDArray loss = FlowMatching.perSampleMse(pred, target);
        assertArrayEquals(new long[] {2}, loss.shape());
        assertArrayEquals(new float[] {1.0f, 1.0f}, flat(loss), 1e-6f);
    }

    @Test
    void worksInDoublePrecisionToo() {
        INDArray x0 = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        INDArray eps = Nd4j.createFromArray(new double[][] {{0, 0}, {1, 1}});
        INDArray xs = FlowMatching.noisyLatent(x0, eps, Nd4j.createFromArray(0.1, 0.9));
        assertEquals(DataType.DOUBLE, xs.dataType());
        assertArrayEquals(new double[] {0.9, 1.8, 0.3 + 0.9, 0.4 + 0.9}, xs.dup('c').data().asDouble(), 1e-12);
    }

    @Test
    void rejectsBadShapesAndTimes() {
        INDArray x0 = arr(X0);
        assertMessage("eps shape [2, 4] must equal x0 shape [2, 1, 2, 2]",
                () -> FlowMatching.noisyLatent(x0, Nd4j.create(DataType.FLOAT, 2, 4), S));
        assertMessage("s must have shape [2] (one time per sample), got [3]",
                () -> FlowMatching.noisyLatent(x0, arr(EPS), new float[] {0f, 0f, 0f}));
        assertMessage("s[1] must be in [0, 1], got 1.5",
                () -> FlowMatching.noisyLatent(x0, arr(EPS), new float[] {0f, 1.5f}));
        assertMessage("s[0] must be in [0, 1], got NaN",
                () -> FlowMatching.predictX0(x0, Nd4j.createFromArray(Float.NaN, 0f), arr(EPS)));
        assertMessage("sNext must be in [0, 1], got -0.1", () -> FlowMatching.eulerStep(x0, 0.1, -0.1, arr(EPS)));
        assertMessage("steps must be >= 1, got 0", () -> FlowMatching.eulerTimes(0));
    }

    private static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }
}
