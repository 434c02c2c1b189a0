package org.genmask.train;

/**
 * AdamW (decoupled weight decay) with linear warm-up, an optional cosine decay, and global-norm gradient clipping.
 *
 * @param lr           peak learning rate, reached after {@code warmupSteps}
 * @param gradClip     clip the global gradient norm to this value; 0 disables clipping
 * @param decaySteps   0: the rate stays at {@code lr} after warm-up; otherwise it follows a half cosine from
 *                     {@code lr} at the end of warm-up to {@code lr * finalLrRatio} at step {@code decaySteps}, and
 *                     stays there
 * @param finalLrRatio the decayed rate as a fraction of {@code lr}, in [0, 1]
 */
public record AdamWConfig(double lr, double beta1, double beta2, double eps, double weightDecay, int warmupSteps,
                          double gradClip, long decaySteps, double finalLrRatio) implements java.io.Serializable {

    public AdamWConfig {
        check(lr > 0, "lr", lr);
        check(beta1 >= 0 && beta1 < 1, "beta1", beta1);
        check(beta2 >= 0 && beta2 < 1, "beta2", beta2);
        check(eps > 0, "eps", eps);
        check(weightDecay >= 0, "weight_decay", weightDecay);
        check(warmupSteps >= 0, "warmup_steps", warmupSteps);
        check(gradClip >= 0, "grad_clip", gradClip);
        check(decaySteps == 0 || decaySteps > warmupSteps, "decay_steps (must exceed warmup_steps)", decaySteps);
        check(finalLrRatio >= 0 && finalLrRatio <= 1, "final_lr_ratio", finalLrRatio);
    }

    /** Constant after warm-up. */
    public AdamWConfig(double lr, double beta1, double beta2, double eps, double weightDecay, int warmupSteps,
                       double gradClip) {
        this(lr, beta1, beta2, eps, weightDecay, warmupSteps, gradClip, 0, 1.0);
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
        if (step < warmupSteps) {
            return lr * step / warmupSteps;
        }
        if (decaySteps == 0) {
            return lr;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (decaySteps - warmupSteps)); // [0, 1]
        double floor = lr * finalLrRatio;
        return floor + (lr - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** The same optimizer with a cosine decay ending at {@code steps}. */
    public AdamWConfig withCosineDecay(long steps, double ratio) {
        return new AdamWConfig(lr, beta1, beta2, eps, weightDecay, warmupSteps, gradClip, steps, ratio);
    }
}
