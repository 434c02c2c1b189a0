package org.genmask.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sampled distributions against the analytic CDFs and densities (200k draws, fixed seeds). */
class TimestepSamplerDistributionTest {

    private static final int N = 200_000;

    /** KS critical value at 200k draws: 1.95 / sqrt(N) ~ 0.0044 at the 0.1% level; 0.005 leaves margin. */
    private static final double KS_BOUND = 0.005;

    static Stream<TimestepSampler> samplers() {
        return Stream.of(
                LogitNormalTimestepSampler.DEFAULT,
                new LogitNormalTimestepSampler(0.5, 0.8),
                GenMaskTimestepSampler.DEFAULT,
                new GenMaskTimestepSampler(0.1),
                new GenMaskTimestepSampler(0.5),
                new UniformTimestepSampler());
    }

    static double[] draws(TimestepSampler sampler, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] s = new double[N];
        for (int i = 0; i < N; i++) {
            s[i] = sampler.sample(rng);
        }
        return s;
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void drawsStayInUnitInterval(TimestepSampler sampler) {
        double[] s = draws(sampler, 11);
        assertTrue(Arrays.stream(s).allMatch(v -> v >= 0.0 && v <= 1.0), sampler.spec());
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void kolmogorovSmirnovAgainstAnalyticCdf(TimestepSampler sampler) {
        // seed varies per sampler so the (monotone-invariant) statistic is not the same number for all
        double d = KolmogorovSmirnov.statistic(draws(sampler, 20240601L + sampler.spec().hashCode()), sampler::cdf);
        assertTrue(d < KS_BOUND, sampler.spec() + ": KS statistic " + d + " >= " + KS_BOUND);
    }

    @Test
    void kolmogorovSmirnovDetectsANearbyWrongDistribution() {
        double[] s = draws(GenMaskTimestepSampler.DEFAULT, 20240601L);
        double d = KolmogorovSmirnov.statistic(s, new GenMaskTimestepSampler(0.055)::cdf);
        assertTrue(d > 4 * KS_BOUND, "KS statistic against a = 0.055: " + d);
        double[] l = draws(LogitNormalTimestepSampler.DEFAULT, 20240601L);
        double dl = KolmogorovSmirnov.statistic(l, new LogitNormalTimestepSampler(0.05, 1)::cdf);
        assertTrue(dl > 2 * KS_BOUND, "KS statistic against mean 0.05: " + dl);
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void histogramMatchesDensityWithinFiveSigma(TimestepSampler sampler) {
        int bins = 20;
        long[] counts = new long[bins];
        for (double v : draws(sampler, 7)) {
            // the atom at s = 0 (clipped GenMask draws) is excluded: only the continuous part is binned
            if (v > 0.0) {
                counts[Math.min(bins - 1, (int) (v * bins))]++;
            }
        }
        for (int b = 0; b < bins; b++) {
            double lo = (double) b / bins;
            double hi = (double) (b + 1) / bins;
            double p = integrate(sampler, lo, hi);
            double sigma = Math.sqrt(N * p * (1 - p));
            assertEquals(N * p, counts[b], 5 * sigma + 1,
                    sampler.spec() + " bin [" + lo + "," + hi + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void densityIntegratesToCdfIncrements(TimestepSampler sampler) {
        double[] grid = {0.0, 0.1, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0};
        for (int i = 0; i + 1 < grid.length; i++) {
            double lo = Math.max(grid[i], 1e-12);
            double hi = grid[i + 1];
            assertEquals(sampler.cdf(hi) - sampler.cdf(lo), integrate(sampler, lo, hi), 1e-6,
                    sampler.spec() + " on [" + lo + "," + hi + "]");
        }
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void cdfIsZeroBelowAndOneAtTheTop(TimestepSampler sampler) {
        assertEquals(0.0, sampler.cdf(-0.01), 0.0);
        assertEquals(1.0, sampler.cdf(1.0), 0.0);
        assertEquals(0.0, sampler.density(-0.01), 0.0);
        assertEquals(0.0, sampler.density(1.01), 0.0);
    }

    /** Composite Simpson's rule of the density over [lo, hi] with 20,000 panels. */
    private static double integrate(TimestepSampler sampler, double lo, double hi) {
        int panels = 20_000;
        double h = (hi - lo) / panels;
        double sum = sampler.density(lo) + sampler.density(hi);
        for (int k = 1; k < panels; k++) {
            sum += (k % 2 == 1 ? 4 : 2) * sampler.density(lo + k * h);
        }
        return sum * h / 3;
    }
}
