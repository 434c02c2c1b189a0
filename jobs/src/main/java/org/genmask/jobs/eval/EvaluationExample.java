package org.genmask.jobs.eval;

import java.io.Serializable;

/**
 * One referring-segmentation example as the evaluation consumes it, whatever its source (the Parquet latent dataset,
 * synthetic data): the model's inputs and the ground truth at its original resolution.
 *
 * @param id          stable identifier (also seeds the example's noise, so results do not depend on partitioning)
 * @param imageLatent [C*h*w] the clean, scaled VAE latent of the (resized, centre-cropped) image, C order
 * @param tokens      [L] token ids of the referring expression, padded with {@code TextTokens.PAD}; L must be the
 *                    model's {@code text.max_length}
 * @param tokenCount  real tokens (the rest is padding), in [1, L]
 * @param expression  the referring expression as text (for reports)
 * @param truth       the ground-truth mask at the original image's resolution (W x H); the model's square frame is
 *                    its centre crop (see {@link OriginalResolution})
 */
public record EvaluationExample(String id, float[] imageLatent, int[] tokens, int tokenCount, String expression,
                                PixelMask truth) implements Serializable {
    private static final long serialVersionUID = 1L;

    public EvaluationExample {
        if (id == null) {
            throw new IllegalArgumentException("evaluation example: id is required");
        }
        if (imageLatent == null || imageLatent.length == 0) {
            throw new IllegalArgumentException("evaluation example " + id + ": field imageLatent is missing or empty");
        }
        if (tokens == null || tokenCount < 1 || tokenCount > tokens.length) {
            throw new IllegalArgumentException("evaluation example " + id + ": field tokenCount " + tokenCount
                    + " outside [1, " + (tokens == null ? "?" : tokens.length) + "]");
        }
        if (expression == null) {
            throw new IllegalArgumentException("evaluation example " + id + ": field expression is required");
        }
        if (truth == null) {
            throw new IllegalArgumentException("evaluation example " + id + ": field truth (mask) is required");
        }
    }
}
