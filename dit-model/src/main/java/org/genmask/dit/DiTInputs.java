package org.genmask.dit;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arrays of one task's forward pass (a batch of B samples). Unused fields are null.
 *
 * @param x        [B, C, H, W] noisy target latent x_s
 * @param s        [B] flow-matching time of the target (1 = pure noise); the model embeds s * timestep_scale
 * @param label    [B] INT32 class labels (class-conditional DiT; {@code num_classes} = the null label)
 * @param text     [B, L] INT32 token ids, or [B, L, E] precomputed embeddings
 * @param textMask [B, L] 1 for real tokens, 0 for padding
 * @param cond     [B, C, H, W] clean image latent (segmentation only)
 */
public record DiTInputs(INDArray x, INDArray s, INDArray label, INDArray text, INDArray textMask, INDArray cond) {

    public DiTInputs {
        if (x == null || s == null) {
            throw new IllegalArgumentException("x and s are required");
        }
        long b = x.size(0);
        check("s", s, b);
        check("label", label, b);
        check("text", text, b);
        check("text_mask", textMask, b);
        check("cond", cond, b);
        if ((text == null) != (textMask == null)) {
            throw new IllegalArgumentException("text and text_mask come together");
        }
        if (cond != null && !java.util.Arrays.equals(cond.shape(), x.shape())) {
            throw new IllegalArgumentException("cond shape " + java.util.Arrays.toString(cond.shape())
                    + " differs from x shape " + java.util.Arrays.toString(x.shape()));
        }
    }

    private static void check(String field, INDArray a, long batch) {
        if (a != null && a.size(0) != batch) {
            throw new IllegalArgumentException(field + " has batch " + a.size(0) + ", x has " + batch);
        }
    }

    public int batchSize() {
        return (int) x.size(0);
    }

    /** The reference DiT's {@code forward(x, t, y)}. */
    public static DiTInputs classConditional(INDArray x, INDArray t, INDArray y) {
        return new DiTInputs(x, t, y, null, null, null);
    }

    /** Text -> image. */
    public static DiTInputs generation(INDArray x, INDArray s, INDArray text, INDArray textMask) {
        return new DiTInputs(x, s, null, text, textMask, null);
    }

    /** Image + referring text -> mask. */
    public static DiTInputs segmentation(INDArray x, INDArray s, INDArray cond, INDArray text, INDArray textMask) {
        return new DiTInputs(x, s, null, text, textMask, cond);
    }
}
