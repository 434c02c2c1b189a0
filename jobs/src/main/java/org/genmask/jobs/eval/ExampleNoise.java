package org.genmask.jobs.eval;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.genmask.diffusion.GaussianNoise;
import org.genmask.diffusion.WorkerSeed;

/**
 * The noise eps of one example, a function of (seed, id) only: the same example gets the same eps in any partition,
 * on any executor, in any batch. The id is hashed with 64-bit FNV-1a over its UTF-8 bytes and mixed with the seed
 * by {@link WorkerSeed}.
 */
final class ExampleNoise {
    private ExampleNoise() {
    }

    static float[] of(long seed, String id, int size) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        SplittableRandom rng = new WorkerSeed(seed, h >>> 1, 0).newRandom();
        return GaussianNoise.sampleFloats(rng, size);
    }
}
