package org.genmask.jobs.sample;

import org.genmask.diffusion.GaussianNoise;
import org.genmask.diffusion.WorkerSeed;

/**
 * The starting noise (the state at s = 1) of one prompt, a function of (seed, prompt index) only: the same prompt
 * gets the same noise in any partition, batch or executor. The stream is {@link WorkerSeed}{@code (seed, index, 0)}
 * (index in the round slot), drawn by {@link GaussianNoise} in C order.
 */
final class PromptNoise {
    private PromptNoise() {
    }

    /** {@code size} = C*H*W N(0, 1) values, C order. */
    static float[] of(long seed, int index, int size) {
        return GaussianNoise.sampleFloats(new WorkerSeed(seed, index, 0).newRandom(), size);
    }
}
