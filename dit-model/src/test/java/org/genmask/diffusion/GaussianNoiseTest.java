package org.genmask.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class GaussianNoiseTest {

    private static final int N = 200_000;

    @Test
    void sameWorkerSeedGivesIdenticalNoiseAndOthersDiffer() {
        WorkerSeed seed = new WorkerSeed(42, 7, 3);
        INDArray a = GaussianNoise.sample(seed.newRandom(), 2, 4, 8, 8);
        INDArray b = GaussianNoise.sample(seed.newRandom(), 2, 4, 8, 8);
        INDArray otherWorker = GaussianNoise.sample(new WorkerSeed(42, 7, 4).newRandom(), 2, 4, 8, 8);
        assertArrayEquals(a.data().asFloat(), b.data().asFloat(), 0f);
        assertFalse(Arrays.equals(a.data().asFloat(), otherWorker.data().asFloat()));
    }

    @Test
    void arrayIsFloatCOrderedAndHoldsTheFlatDrawsInOrder() {
        INDArray a = GaussianNoise.sample(new SplittableRandom(5), 2, 3);
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals('c', a.ordering());
        float[] flat = GaussianNoise.sampleFloats(new SplittableRandom(5), 6);
        assertEquals(flat[1], a.getFloat(0, 1), 0f);
        assertEquals(flat[3], a.getFloat(1, 0), 0f);
        assertArrayEquals(flat, a.data().asFloat(), 0f);
    }

    @Test
    void momentsAreStandardNormal() {
        float[] z = GaussianNoise.sampleFloats(new SplittableRandom(2024), N);
        double mean = 0;
        for (float v : z) {
            mean += v;
        }
        mean /= N;
        double var = 0;
        double skew = 0;
        double kurt = 0;
        double lag = 0;
        for (int i = 0; i < N; i++) {
            double d = z[i] - mean;
            var += d * d;
            skew += d * d * d;
            kurt += d * d * d * d;
            if (i + 1 < N) {
                lag += (double) z[i] * z[i + 1];
            }
        }
        var /= N;
        // standard errors at N = 200k: mean 0.0022, variance 0.0032, skewness 0.0055, kurtosis 0.011
        assertEquals(0.0, mean, 0.012, "mean");
        assertEquals(1.0, var, 0.02, "variance");
        assertEquals(0.0, skew / N / Math.pow(var, 1.5), 0.03, "skewness");
        assertEquals(3.0, kurt / N / (var * var), 0.06, "kurtosis");
        assertEquals(0.0, lag / (N - 1), 0.012, "lag-1 correlation (Box-Muller pairs independent)");
    }

    @Test
    void kolmogorovSmirnovAgainstNormalCdf() {
        float[] z = GaussianNoise.sampleFloats(new SplittableRandom(77), N);
        double[] d = new double[N];
        for (int i = 0; i < N; i++) {
            d[i] = z[i];
        }
        double ks = KolmogorovSmirnov.statistic(d, StandardNormal::cdf);
        assertTrue(ks < 0.005, "KS statistic " + ks);
        assertTrue(KolmogorovSmirnov.statistic(d, x -> StandardNormal.cdf(x / 1.05)) > 0.01,
                "the KS check must detect a 5% wrong scale");
    }

    @Test
    void rejectsBadShapes() {
        SplittableRandom rng = new SplittableRandom(1);
        assertMessage("shape[1] must be >= 1, got 0 in [2, 0]", () -> GaussianNoise.sample(rng, 2, 0));
        assertMessage("shape must have at least one dimension, got []", () -> GaussianNoise.sample(rng));
        assertMessage("shape [65536, 65536] has more than Integer.MAX_VALUE elements",
                () -> GaussianNoise.sample(rng, 65536, 65536));
        assertMessage("n must be >= 0, got -3", () -> GaussianNoise.sampleFloats(rng, -3));
    }

    private static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }
}
