package org.genmask.diffusion;

import java.util.SplittableRandom;

/**
 * A pure, seedable distribution of the flow-matching time s in [0, 1], where s = 0 is the clean latent and
 * s = 1 is pure noise (x_s = (1 - s) x0 + s eps).
 *
 * <p>Implementations are immutable and hold no random state: every draw comes from the caller's
 * {@link SplittableRandom}, so a worker seeded from (seed, round, worker) reproduces its draws exactly.
 * {@link #cdf} and {@link #density} are the analytic distribution, used to test the sampler.
 *
 * <p>Config strings ({@link #spec()}, {@link #parse(String)}): {@code logit_normal(mean=0,std=1)},
 * {@code genmask(a=0.05)}, {@code uniform}.
 */
public interface TimestepSampler {

    /** One draw of s in [0, 1]. */
    double sample(SplittableRandom rng);

    /**
     * {@code n} draws of s, identical to {@code n} successive calls of {@link #sample(SplittableRandom)}
     * (cast to float; a cast never leaves [0, 1]).
     *
     * @throws IllegalArgumentException if n is negative
     */
    default float[] sample(SplittableRandom rng, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) sample(rng);
        }
        return out;
    }

    /** P(S <= s); 0 below 0 and 1 from 1 on. Right-continuous where the distribution has an atom. */
    double cdf(double s);

    /**
     * The density of the continuous part of the distribution at s (0 outside [0, 1]); an atom, such as the
     * clipped mass of {@link GenMaskTimestepSampler} at s = 0, is not included.
     */
    double density(double s);

    /** The canonical config string; {@code parse(spec())} equals this sampler. */
    String spec();

    /**
     * Parses a config string; see {@link TimestepSamplerSpec#parse(String)}.
     *
     * @throws IllegalArgumentException naming the bad token and listing the valid forms
     */
    static TimestepSampler parse(String spec) {
        return TimestepSamplerSpec.parse(spec);
    }
}
