package org.genmask.jobs.train;

import java.util.SplittableRandom;

/**
 * Which examples of one task a worker uses, as a pure function of the cursor: examples are drawn epoch by epoch in a
 * permutation seeded by (seed, task, worker, epoch). The cursor of a step is {@code step * batch}, so the data
 * position after any round is known from the round alone: a resumed run and a retried task see the same examples.
 */
final class ShardSchedule {
    private final int size;
    private final long seed;
    private long cachedEpoch = -1;
    private int[] permutation;

    ShardSchedule(int size, long seed, int taskOrdinal, int worker) {
        if (size <= 0) {
            throw new IllegalArgumentException("worker " + worker + " has no examples of task " + taskOrdinal);
        }
        this.size = size;
        this.seed = seed * 0x9E3779B97F4A7C15L + 31L * taskOrdinal + 1_000_003L * worker;
    }

    /** Indices into the shard of the examples at cursor positions [first, first + count). */
    int[] indices(long first, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            long position = first + i;
            out[i] = permutation(position / size)[(int) (position % size)];
        }
        return out;
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            SplittableRandom rng = new SplittableRandom(seed ^ (epoch * 0xBF58476D1CE4E5B9L));
            int[] p = new int[size];
            for (int i = 0; i < size; i++) {
                p[i] = i;
            }
            for (int i = size - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            permutation = p;
            cachedEpoch = epoch;
        }
        return permutation;
    }
}
