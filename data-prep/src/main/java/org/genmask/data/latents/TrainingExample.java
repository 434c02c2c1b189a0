package org.genmask.data.latents;

import java.io.Serializable;
import org.genmask.dit.Task;

/**
 * One training example as the training job consumes it: a task, the clean target latent (an image latent for
 * generation, a mask latent for segmentation), the clean image latent that conditions segmentation, and the text
 * (caption or referring expression) as token ids with a mask. Latents are flattened C*H*W in C order.
 *
 * @param id         stable identifier (image id, object id, expression index, flip)
 * @param task       which task the example trains
 * @param target     [C*H*W] clean target latent (scaled)
 * @param cond       [C*H*W] clean image latent for segmentation, null for generation
 * @param tokens     [L] token ids, padded with {@code TextTokens.PAD}
 * @param tokenCount number of real tokens (the rest is padding), >= 1
 */
public record TrainingExample(String id, Task task, float[] target, float[] cond, int[] tokens, int tokenCount)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public TrainingExample {
        if (task == Task.SEGMENTATION && (cond == null || cond.length != target.length)) {
            throw new IllegalArgumentException(id + ": a segmentation example needs a condition latent of the target's"
                    + " size");
        }
        if (task == Task.GENERATION && cond != null) {
            throw new IllegalArgumentException(id + ": a generation example takes no condition latent");
        }
        if (tokenCount < 1 || tokenCount > tokens.length) {
            throw new IllegalArgumentException(id + ": token count " + tokenCount + " outside [1, " + tokens.length
                    + "]");
        }
    }
}
