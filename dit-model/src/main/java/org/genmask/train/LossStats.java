package org.genmask.train;

import java.util.Arrays;
import org.genmask.diffusion.TimestepBuckets;

/**
 * Additive loss statistics of one task: the sum and count of per-sample losses, overall and per timestep bucket. Sums,
 * not means, so that results of workers and steps merge exactly ({@link #plus}).
 */
public record LossStats(double sum, long count, double[] bucketSums, long[] bucketCounts)
        implements java.io.Serializable {

    public LossStats {
        if (bucketSums.length != bucketCounts.length) {
            throw new IllegalArgumentException("bucket arrays differ in length");
        }
        bucketSums = bucketSums.clone();
        bucketCounts = bucketCounts.clone();
    }

    public static LossStats empty(int buckets) {
        return new LossStats(0, 0, new double[buckets], new long[buckets]);
    }

    /** Statistics of per-sample losses drawn at times s. */
    public static LossStats of(float[] s, float[] losses, TimestepBuckets buckets) {
        double[] sums = new double[buckets.k()];
        long[] counts = new long[buckets.k()];
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            int b = buckets.bucketOf(s[i]);
            sums[b] += losses[i];
            counts[b]++;
            total += losses[i];
        }
        return new LossStats(total, s.length, sums, counts);
    }

    public LossStats plus(LossStats other) {
        double[] sums = bucketSums.clone();
        long[] counts = bucketCounts.clone();
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.bucketSums[i];
            counts[i] += other.bucketCounts[i];
        }
        return new LossStats(sum + other.sum, count + other.count, sums, counts);
    }

    /** Mean per-sample loss, NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Mean loss of bucket i, NaN when it saw no sample. */
    public double bucketMean(int i) {
        return bucketCounts[i] == 0 ? Double.NaN : bucketSums[i] / bucketCounts[i];
    }

    @Override
    public String toString() {
        return "LossStats(mean=" + mean() + ", n=" + count + ", buckets=" + Arrays.toString(bucketCounts) + ")";
    }
}
