package org.genmask.diffusion;

import java.util.SplittableRandom;

/**
 * The seed of one worker's random stream in one training round, so that a distributed job reproduces every
 * draw (timesteps, noise, condition dropout) from (seed, round, worker) alone, whichever executor runs it.
 *
 * <p>mixed() = h(h(h(seed) + round) + worker) with h the 64-bit finaliser of SplitMix64:
 * z ^= z &gt;&gt;&gt; 30; z *= 0xbf58476d1ce4e5b9; z ^= z &gt;&gt;&gt; 27; z *= 0x94d049bb133111eb;
 * z ^= z &gt;&gt;&gt; 31,
 * so neighbouring rounds and workers get unrelated streams. Take sub-streams for separate purposes with
 * {@link SplittableRandom#split()} in a fixed order.
 *
 * @param seed the job's seed (any value)
 * @param round the training round (or step), &gt;= 0
 * @param worker the worker's index (partition), &gt;= 0
 */
public record WorkerSeed(long seed, long round, int worker) {

    /** Validates round and worker. */
    public WorkerSeed {
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, got " + round);
        }
        if (worker < 0) {
            throw new IllegalArgumentException("worker must be >= 0, got " + worker);
        }
    }

    /** The mixed 64-bit seed h(h(h(seed) + round) + worker). */
    public long mixed() {
        return mix(mix(mix(seed) + round) + worker);
    }

    /** A fresh generator seeded with {@link #mixed()}; each call starts the same stream again. */
    public SplittableRandom newRandom() {
        return new SplittableRandom(mixed());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
