package org.genmask.train;

import org.genmask.dit.DiTInputs;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One task's share of a training batch, before noise: the clean target latent and its conditions.
 *
 * @param x0       [B, C, H, W] clean target latent (an image latent for generation, a mask latent for segmentation)
 * @param cond     [B, C, H, W] clean image latent (segmentation), else null
 * @param label    [B] class labels (class-conditional DiT), else null
 * @param text     [B, L] token ids or [B, L, E] embeddings, else null
 * @param textMask [B, L], with text
 */
public record TaskBatch(INDArray x0, INDArray cond, INDArray label, INDArray text, INDArray textMask) {

    public TaskBatch {
        if (x0 == null) {
            throw new IllegalArgumentException("x0 is required");
        }
    }

    public int size() {
        return (int) x0.size(0);
    }

    /** The model inputs at noisy latent x_s and time s. */
    public DiTInputs inputs(INDArray xs, INDArray s) {
        return new DiTInputs(xs, s, label, text, textMask, cond);
    }
}
