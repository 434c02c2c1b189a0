package org.genmask.diffusion;

import java.util.SplittableRandom;

/**
 * The uniform time distribution s ~ U(0, 1): density 1 and cdf(s) = s on [0, 1]. Config string {@code uniform}.
 */
public record UniformTimestepSampler() implements TimestepSampler {

    /** The config name. */
    public static final String NAME = "uniform";

    @Override
    public double sample(SplittableRandom rng) {
        return rng.nextDouble();
    }

    @Override
    public double cdf(double s) {
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        return Math.min(1.0, Math.max(0.0, s));
    }

    @Override
    public double density(double s) {
        return s >= 0.0 && s <= 1.0 ? 1.0 : 0.0;
    }

    @Override
    public String spec() {
        return NAME;
    }
}
