package org.genmask.diffusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * K equal-width buckets over the time s in [0, 1], for per-bucket loss reporting.
 *
 * <p>Bucket i (0 &lt;= i &lt; K) is [i / K, (i + 1) / K), except the last, [(K - 1) / K, 1], which also holds
 * s = 1 (pure noise). Edges are the doubles i / K, so s exactly on an edge starts the upper bucket.
 * Float times are compared with the edges rounded to float ({@link #bucketOf(float)}).
 * Labels print the edges with max(2, ceil(log10 K)) decimals, e.g. "[0.80,0.90)" and "[0.90,1.00]" for K = 10.
 *
 * @param k the number of buckets, &gt;= 1
 */
public record TimestepBuckets(int k) {

    /** Validates k. */
    public TimestepBuckets {
        if (k < 1) {
            throw new IllegalArgumentException("bucket count k must be >= 1, got " + k);
        }
    }

    /**
     * The bucket of s: floor(s K), with s = 1 in bucket K - 1.
     *
     * @throws IllegalArgumentException if s is outside [0, 1] or NaN
     */
    public int bucketOf(double s) {
        if (!(s >= 0.0 && s <= 1.0)) {
            throw new IllegalArgumentException("s must be in [0, 1], got " + s);
        }
        int i = Math.min((int) Math.floor(s * k), k - 1);
        // make membership agree exactly with the edges lower(i) = i / K despite rounding in s * K
        if (i + 1 < k && s >= lower(i + 1)) {
            i++;
        } else if (i > 0 && s < lower(i)) {
            i--;
        }
        return i;
    }

    /**
     * The bucket of a float time, against the edges rounded to float, so that e.g. 0.7f (just below the double
     * 0.7) is in the bucket that starts at 0.7 for K = 10.
     *
     * @throws IllegalArgumentException if s is outside [0, 1] or NaN
     */
    public int bucketOf(float s) {
        int i = bucketOf((double) s);
        if (i + 1 < k && s >= (float) lower(i + 1)) {
            i++;
        } else if (i > 0 && s < (float) lower(i)) {
            i--;
        }
        return i;
    }

    /** The buckets of several float times (see {@link #bucketOf(float)}). */
    public int[] assign(float[] s) {
        int[] out = new int[s.length];
        for (int j = 0; j < s.length; j++) {
            out[j] = bucketOf(s[j]);
        }
        return out;
    }

    /** How many of the times fall in each bucket; length K. */
    public long[] counts(float[] s) {
        long[] counts = new long[k];
        for (float v : s) {
            counts[bucketOf(v)]++;
        }
        return counts;
    }

    /**
     * The mean of {@code values[j]} over the samples j whose time s[j] falls in each bucket (e.g. per-sample
     * losses from {@link FlowMatching#perSampleMse}); NaN for an empty bucket. Length K.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public double[] meanPerBucket(float[] s, float[] values) {
        if (s.length != values.length) {
            throw new IllegalArgumentException("values length " + values.length + " must equal s length " + s.length);
        }
        double[] sums = new double[k];
        long[] counts = new long[k];
        for (int j = 0; j < s.length; j++) {
            int i = bucketOf(s[j]);
            sums[i] += values[j];
            counts[i]++;
        }
        for (int i = 0; i < k; i++) {
            sums[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
        }
        return sums;
    }

    /** The lower edge i / K of bucket i. */
    public double lower(int i) {
        checkIndex(i);
        return (double) i / k;
    }

    /** The upper edge (i + 1) / K of bucket i (exclusive except for the last bucket). */
    public double upper(int i) {
        checkIndex(i);
        return i + 1 == k ? 1.0 : (double) (i + 1) / k;
    }

    /** The label of bucket i: "[lo,hi)", or "[lo,1.00]" for the last. */
    public String label(int i) {
        checkIndex(i);
        int decimals = Math.max(2, (int) Math.ceil(Math.log10(k)));
        String format = "%." + decimals + "f";
        return "[" + String.format(Locale.ROOT, format, lower(i)) + ","
                + String.format(Locale.ROOT, format, upper(i)) + (i + 1 == k ? "]" : ")");
    }

    /** All K labels in bucket order. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            labels.add(label(i));
        }
        return List.copyOf(labels);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= k) {
            throw new IllegalArgumentException("bucket index must be in [0, " + (k - 1) + "], got " + i);
        }
    }
}
