package org.genmask.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paper's numbers for the default samplers, analytic and sampled; determinism of draws. */
class TimestepSamplerFactsTest {

    private static final int N = 200_000;

    @Test
    void genMaskDefaultAnalyticFacts() {
        GenMaskTimestepSampler g = GenMaskTimestepSampler.DEFAULT;
        assertEquals(0.05, g.a(), 0.0);
        assertEquals(0.5, g.cdf(0.95), 1e-12, "median s = 1 - a");
        assertEquals(0.1, g.cdf(0.85), 1e-12, "90% of draws at s > 0.85");
        assertEquals(0.0025 / 1.0025, g.cdf(0.0), 1e-15, "atom of clipped draws at s = 0");
        assertEquals(g.clippedMass(), g.cdf(0.0), 0.0);
        double modeS = 1 - 0.05 / Math.sqrt(3);
        assertEquals(9 / (8 * Math.sqrt(3) * 0.05), g.density(modeS), 1e-9);
        assertEquals(12.99, g.density(modeS), 0.01, "mode density ~13");
        assertTrue(g.density(modeS) > g.density(modeS - 0.001) && g.density(modeS) > g.density(modeS + 0.001));
        assertEquals(0.0, g.density(1.0), 0.0, "p(r) = 0 at r = 0");
    }

    @Test
    void genMaskDefaultSampledFacts() {
        double[] s = draw(GenMaskTimestepSampler.DEFAULT, 42);
        double above = Arrays.stream(s).filter(v -> v > 0.85).count() / (double) N;
        assertEquals(0.90, above, 0.005, "fraction of draws at s > 0.85");
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        assertEquals(0.95, sorted[N / 2], 0.005, "median");
        double clipped = Arrays.stream(s).filter(v -> v == 0.0).count() / (double) N;
        assertEquals(GenMaskTimestepSampler.DEFAULT.clippedMass(), clipped, 0.0006, "clipped to s = 0");
    }

    @Test
    void logitNormalDefaultFacts() {
        LogitNormalTimestepSampler l = LogitNormalTimestepSampler.DEFAULT;
        assertEquals(4 / Math.sqrt(2 * Math.PI), l.density(0.5), 1e-12, "peak ~1.596 at s = 0.5");
        assertEquals(0.5, l.cdf(0.5), 1e-15);
        double sigmoidOfOne = 1 / (1 + Math.exp(-1));
        assertEquals(0.8413447460685429, l.cdf(sigmoidOfOne), 1e-12, "P(n <= 1) = Phi(1)");
        double[] s = draw(l, 5);
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        assertEquals(0.5, sorted[N / 2], 0.005, "median");
        double maskPeak = GenMaskTimestepSampler.DEFAULT.density(1 - 0.05 / Math.sqrt(3));
        assertEquals(8.1, maskPeak / l.density(0.5), 0.05, "mask peak ~8x image peak");
    }

    @Test
    void shiftedLogitNormalHasMedianSigmoidOfMean() {
        LogitNormalTimestepSampler l = new LogitNormalTimestepSampler(1.0, 0.5);
        assertEquals(0.5, l.cdf(1 / (1 + Math.exp(-1.0))), 1e-15);
    }

    @Test
    void sameSeedSameDrawsDifferentSeedDifferentDraws() {
        for (TimestepSampler sampler : new TimestepSampler[] {
                LogitNormalTimestepSampler.DEFAULT, GenMaskTimestepSampler.DEFAULT, new UniformTimestepSampler()}) {
            float[] a = sampler.sample(new SplittableRandom(99), 1000);
            float[] b = sampler.sample(new SplittableRandom(99), 1000);
            float[] c = sampler.sample(new SplittableRandom(100), 1000);
            assertArrayEquals(a, b, sampler.spec());
            assertFalse(Arrays.equals(a, c), sampler.spec());
        }
    }

    @Test
    void batchDrawEqualsSuccessiveSingleDraws() {
        TimestepSampler sampler = GenMaskTimestepSampler.DEFAULT;
        float[] batch = sampler.sample(new SplittableRandom(8), 64);
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = 0; i < batch.length; i++) {
            assertEquals((float) sampler.sample(rng), batch[i], 0f, "draw " + i);
        }
        assertEquals(0, sampler.sample(new SplittableRandom(8), 0).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.sample(new SplittableRandom(8), -1));
        assertTrue(e.getMessage().contains("n must be >= 0, got -1"), e.getMessage());
    }

    @Test
    void constructorsRejectBadParameters() {
        assertMessage("genmask a must be finite and > 0, got 0.0", () -> new GenMaskTimestepSampler(0.0));
        assertMessage("genmask a must be finite and > 0, got NaN", () -> new GenMaskTimestepSampler(Double.NaN));
        assertMessage("logit_normal std must be finite and > 0, got -1.0", () -> new LogitNormalTimestepSampler(0, -1));
        assertMessage("logit_normal mean must be finite, got Infinity",
                () -> new LogitNormalTimestepSampler(Double.POSITIVE_INFINITY, 1));
    }

    private static void assertMessage(String expected, Runnable constructor) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, constructor::run);
        assertEquals(expected, e.getMessage());
    }

    private static double[] draw(TimestepSampler sampler, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] s = new double[N];
        for (int i = 0; i < N; i++) {
            s[i] = sampler.sample(rng);
        }
        return s;
    }
}
