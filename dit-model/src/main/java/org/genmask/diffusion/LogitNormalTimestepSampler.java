package org.genmask.diffusion;

import java.util.SplittableRandom;

/**
 * The logit-normal time distribution used for images: s = sigmoid(n) = 1 / (1 + e^-n), n ~ N(mean, std^2).
 *
 * <p>cdf(s) = Phi((logit(s) - mean) / std) with logit(s) = ln(s / (1 - s));
 * density(s) = phi((logit(s) - mean) / std) / (std s (1 - s)). For mean 0, std 1 the peak is at s = 0.5 with
 * density 4 / sqrt(2 pi) ~ 1.596. Config string {@code logit_normal(mean=0,std=1)}.
 *
 * @param mean the mean of n; finite
 * @param std the standard deviation of n; finite and &gt; 0
 */
public record LogitNormalTimestepSampler(double mean, double std) implements TimestepSampler {

    /** The config name. */
    public static final String NAME = "logit_normal";

    /** The images' default: mean 0, std 1. */
    public static final LogitNormalTimestepSampler DEFAULT = new LogitNormalTimestepSampler(0.0, 1.0);

    /** Validates; normalises -0.0 to 0.0 so that {@code parse(spec())} equals this record. */
    public LogitNormalTimestepSampler {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("logit_normal mean must be finite, got " + mean);
        }
        if (!(std > 0.0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("logit_normal std must be finite and > 0, got " + std);
        }
        mean = mean + 0.0;
    }

    @Override
    public double sample(SplittableRandom rng) {
        double n = mean + std * StandardNormal.sample(rng);
        return 1.0 / (1.0 + Math.exp(-n));
    }

    @Override
    public double cdf(double s) {
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        if (s <= 0.0) {
            return 0.0;
        }
        if (s >= 1.0) {
            return 1.0;
        }
        return StandardNormal.cdf((logit(s) - mean) / std);
    }

    @Override
    public double density(double s) {
        if (!(s > 0.0 && s < 1.0)) {
            return 0.0;
        }
        return StandardNormal.density((logit(s) - mean) / std) / (std * s * (1.0 - s));
    }

    @Override
    public String spec() {
        return NAME + "(mean=" + TimestepSamplerSpec.format(mean) + ",std=" + TimestepSamplerSpec.format(std) + ")";
    }

    private static double logit(double s) {
        return Math.log(s / (1.0 - s));
    }
}
