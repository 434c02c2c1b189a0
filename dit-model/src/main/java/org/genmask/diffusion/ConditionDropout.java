package org.genmask.diffusion;

import java.util.SplittableRandom;

/**
 * Per-sample condition dropout for classifier-free guidance training: each sample independently loses its
 * condition (trains the unconditional model) with probability p, i.e. drop[b] = (v_b &lt; p) with
 * v_b ~ U[0, 1) drawn in sample order from the caller's generator. p = 0 never drops, p = 1 always drops.
 *
 * @param p the dropout probability, in [0, 1]
 */
public record ConditionDropout(double p) {

    /** Validates p. */
    public ConditionDropout {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("condition dropout probability p must be in [0, 1], got " + p);
        }
    }

    /**
     * Which of {@code batch} samples drop their condition (true = replace by the null condition); consumes
     * exactly {@code batch} doubles from {@code rng}.
     *
     * @throws IllegalArgumentException if batch is negative
     */
    public boolean[] sample(SplittableRandom rng, int batch) {
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
        boolean[] drop = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            drop[b] = rng.nextDouble() < p;
        }
        return drop;
    }
}
