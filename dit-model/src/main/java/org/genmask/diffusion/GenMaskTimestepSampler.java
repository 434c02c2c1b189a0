package org.genmask.diffusion;

import java.util.SplittableRandom;

/**
 * GenMask's heavy-tailed time distribution for masks, concentrated at extreme noise (s near 1).
 *
 * <p>Over r = 1 - s the density is p(r) = 2 a^2 r / (r^2 + a^2)^2 (r &gt;= 0), with CDF
 * F(r) = r^2 / (r^2 + a^2); draws use the inverse CDF r = a sqrt(u / (1 - u)), u ~ U(0, 1), and
 * s = 1 - r clipped to [0, 1]. The clipped draws (r &gt; 1, probability a^2 / (1 + a^2)) form an atom at
 * s = 0. Hence cdf(s) = a^2 / ((1 - s)^2 + a^2) on [0, 1], median s = 1 - a, mode at r = a / sqrt 3 with
 * density 9 / (8 sqrt 3 a).
 *
 * <p>Default a = 0.05: median s = 0.95, P(s &gt; 0.85) = 0.9, peak density ~13, clipped mass ~0.25%.
 * Config string {@code genmask(a=0.05)}.
 *
 * @param a the scale of r; finite and &gt; 0
 */
public record GenMaskTimestepSampler(double a) implements TimestepSampler {

    /** The config name. */
    public static final String NAME = "genmask";

    /** The masks' default, a = 0.05. */
    public static final GenMaskTimestepSampler DEFAULT = new GenMaskTimestepSampler(0.05);

    /** Validates a. */
    public GenMaskTimestepSampler {
        if (!(a > 0.0) || !Double.isFinite(a)) {
            throw new IllegalArgumentException("genmask a must be finite and > 0, got " + a);
        }
    }

    @Override
    public double sample(SplittableRandom rng) {
        double u = rng.nextDouble();
        double r = a * Math.sqrt(u / (1.0 - u));
        return Math.max(0.0, 1.0 - r);
    }

    @Override
    public double cdf(double s) {
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        if (s < 0.0) {
            return 0.0;
        }
        if (s >= 1.0) {
            return 1.0;
        }
        double r = 1.0 - s;
        return a * a / (r * r + a * a);
    }

    @Override
    public double density(double s) {
        if (!(s >= 0.0 && s <= 1.0)) {
            return 0.0;
        }
        double r = 1.0 - s;
        double q = r * r + a * a;
        return 2.0 * a * a * r / (q * q);
    }

    /** The probability a^2 / (1 + a^2) of the atom at s = 0 (draws with r &gt; 1, clipped). */
    public double clippedMass() {
        return a * a / (1.0 + a * a);
    }

    @Override
    public String spec() {
        return NAME + "(a=" + TimestepSamplerSpec.format(a) + ")";
    }
}
