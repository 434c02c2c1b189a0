package org.genmask.data.latents;

import java.io.Serializable;
import org.genmask.data.RelativePath;

/**
 * One referring expression of a split as an evaluation reads it from a latent partition: the clean image latent the
 * model is conditioned on, exactly as training builds it (posterior mean, scaled by the VAE's
 * {@code LatentScaling}, not mirrored), the expression's token ids at the model's text length, and where its
 * ground-truth mask lies in the dataset root (the file is not read here).
 *
 * @param id         {@code seg/<image>/<object>/e<text index>}, the id the training example of this expression has
 * @param imageId    the image's manifest id
 * @param objectId   the object's id within the image
 * @param textIndex  the expression's index among the object's expressions
 * @param imageLatent [C*H*W] the scaled image latent, C order
 * @param tokens     [L] token ids, cut or padded with {@code TextTokens.PAD} to the requested length
 * @param tokenCount real tokens, in [1, L]
 * @param text       the expression as written in the manifest
 * @param mask       the object's mask file, relative to the dataset root
 */
public record ReferringExample(String id, String imageId, String objectId, int textIndex, float[] imageLatent,
                               int[] tokens, int tokenCount, String text, RelativePath mask) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates the fields. */
    public ReferringExample {
        if (id == null || imageId == null || objectId == null || text == null || mask == null) {
            throw new IllegalArgumentException("referring example " + id + ": ids, text and mask path are required");
        }
        if (imageLatent == null || imageLatent.length == 0) {
            throw new IllegalArgumentException("referring example " + id + ": the image latent is missing or empty");
        }
        if (tokens == null || tokenCount < 1 || tokenCount > tokens.length) {
            throw new IllegalArgumentException("referring example " + id + ": token count " + tokenCount
                    + " outside [1, " + (tokens == null ? "?" : tokens.length) + "]");
        }
    }
}
