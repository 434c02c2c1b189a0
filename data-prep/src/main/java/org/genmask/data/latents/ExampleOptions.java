package org.genmask.data.latents;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import org.genmask.data.manifest.Split;
import org.genmask.dit.Task;

/**
 * Which training examples {@link LatentDataset#examples} builds and how.
 *
 * @param split      the split to read
 * @param tasks      the tasks to build examples for (generation: caption -> image latent; segmentation: image
 *                   latent + expression -> mask latent)
 * @param flips      also build the mirrored examples (mirrored latents with left/right-swapped tokens)
 * @param posterior  posterior mean or a seeded sample
 * @param seed       seeds the samples and the order
 * @param epoch      mixed into the seed: each epoch draws fresh samples and a fresh order
 * @param textLength L: tokens are cut or padded to this length
 */
public record ExampleOptions(Split split, Set<Task> tasks, boolean flips, Posterior posterior, long seed, int epoch,
                             int textLength) implements Serializable {

    /** Validates the fields and copies the set. */
    public ExampleOptions {
        if (split == null || tasks == null || tasks.isEmpty() || posterior == null) {
            throw new IllegalArgumentException("example options need a split, at least one task and a posterior");
        }
        if (textLength <= 0 || epoch < 0) {
            throw new IllegalArgumentException("example options: text length must be > 0 and epoch >= 0, got "
                    + textLength + ", " + epoch);
        }
        tasks = Set.copyOf(EnumSet.copyOf(tasks));
    }

    /** Both tasks of the train split, with flips, posterior mean, epoch 0. */
    public static ExampleOptions training(int textLength, long seed) {
        return new ExampleOptions(Split.TRAIN, EnumSet.allOf(Task.class), true, Posterior.MEAN, seed, 0, textLength);
    }

    public ExampleOptions withSplit(Split s) {
        return new ExampleOptions(s, tasks, flips, posterior, seed, epoch, textLength);
    }

    public ExampleOptions withTasks(Set<Task> t) {
        return new ExampleOptions(split, t, flips, posterior, seed, epoch, textLength);
    }

    public ExampleOptions withFlips(boolean f) {
        return new ExampleOptions(split, tasks, f, posterior, seed, epoch, textLength);
    }

    public ExampleOptions withPosterior(Posterior p) {
        return new ExampleOptions(split, tasks, flips, p, seed, epoch, textLength);
    }

    public ExampleOptions withEpoch(int e) {
        return new ExampleOptions(split, tasks, flips, posterior, seed, e, textLength);
    }
}
