package org.genmask.diffusion;

import java.util.SplittableRandom;

/**
 * Standard-normal helpers shared by the samplers and {@link GaussianNoise}: draws from a caller-owned
 * {@link SplittableRandom} (never a global RNG) and the analytic CDF.
 *
 * <p>Draws use the Box–Muller transform: with u1 in (0, 1] and u2 in [0, 1),
 * z1 = sqrt(-2 ln u1) cos(2 pi u2) and z2 = sqrt(-2 ln u1) sin(2 pi u2) are independent N(0, 1).
 * The algorithm is fixed here (rather than {@code RandomGenerator.nextGaussian()}, whose algorithm the JDK
 * may change) so the same seed gives the same numbers on every JVM.
 */
final class StandardNormal {

    private static final double TWO_PI = 2.0 * Math.PI;

    /** 1 / sqrt(2 pi), the peak of the standard-normal density. */
    static final double INV_SQRT_2PI = 1.0 / Math.sqrt(TWO_PI);

    private StandardNormal() {
    }

    /** One N(0, 1) draw; consumes exactly two uniforms from {@code rng}. */
    static double sample(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    }

    /**
     * Fills {@code dst} with N(0, 1) draws, two per pair of uniforms (cosine then sine branch of Box–Muller);
     * an odd tail element uses the cosine branch only.
     */
    static void fill(float[] dst, SplittableRandom rng) {
        int i = 0;
        for (; i + 1 < dst.length; i += 2) {
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double radius = Math.sqrt(-2.0 * Math.log(u1));
            double angle = TWO_PI * u2;
            dst[i] = (float) (radius * Math.cos(angle));
            dst[i + 1] = (float) (radius * Math.sin(angle));
        }
        if (i < dst.length) {
            dst[i] = (float) sample(rng);
        }
    }

    /** The density phi(z) = exp(-z^2 / 2) / sqrt(2 pi). */
    static double density(double z) {
        return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    /**
     * The CDF Phi(z) = (1 + erf(z / sqrt 2)) / 2, with absolute error near double rounding (about 1e-15);
     * Phi(0) = 1/2 and Phi(-z) = 1 - Phi(z) exactly up to rounding.
     */
    static double cdf(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return 0.5 + 0.5 * erf(z / Math.sqrt(2.0));
    }

    /**
     * The error function by its everywhere-convergent series of positive terms,
     * erf(x) = (2 / sqrt pi) e^(-x^2) sum_{n>=0} 2^n x^(2n+1) / (1 * 3 * ... * (2n+1)),
     * summed for |x| &lt;= 6 (beyond which |erf(x)| rounds to 1 in double) until a term no longer changes the sum.
     */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax > 6.0) {
            return Math.signum(x);
        }
        double twoX2 = 2.0 * ax * ax;
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 1000; n++) {
            term *= twoX2 / (2 * n + 1);
            double next = sum + term;
            if (next == sum) {
                break;
            }
            sum = next;
        }
        double value = Math.min(1.0, 2.0 / Math.sqrt(Math.PI) * Math.exp(-ax * ax) * sum);
        return Math.copySign(value, x);
    }
}
