package org.genmask.train;

/**
 * AdamW (decoupled weight decay) with linear warm-up and global-norm gradient clipping.
 *
 * @param lr          peak learning rate, reached after {@code warmupSteps}
 * @param gradClip    clip the global gradient norm to this value; 0 disables clipping
 */
public record AdamWConfig(double lr, double beta1, double beta2, double eps, double weightDecay, int warmupSteps,
                          double gradClip) implements java.io.Serializable {

    public AdamWConfig {
        check(lr > 0, "lr", lr);
        check(beta1 >= 0 && beta1 < 1, "beta1", beta1);
        check(beta2 >= 0 && beta2 < 1, "beta2", beta2);
        check(eps > 0, "eps", eps);
        check(weightDecay >= 0, "weight_decay", weightDecay);
        check(warmupSteps >= 0, "warmup_steps", warmupSteps);
        check(gradClip >= 0, "grad_clip", gradClip);
    }

    private static void check(boolean ok, String key, double value) {
        if (!ok) {
            throw new IllegalArgumentException("optimizer." + key + " out of range: " + value);
        }
    }

    /** DiT's recipe (AdamW, lr 1e-4, no weight decay) with a short warm-up and clipping at 1. */
    public static AdamWConfig defaults() {
        return new AdamWConfig(1e-4, 0.9, 0.999, 1e-8, 0.0, 100, 1.0);
    }

    /** The learning rate at (1-based) step t. */
    public double lrAt(long step) {
        return warmupSteps == 0 ? lr : lr * Math.min(1.0, (double) step / warmupSteps);
    }
}
