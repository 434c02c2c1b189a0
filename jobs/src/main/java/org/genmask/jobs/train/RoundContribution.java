package org.genmask.jobs.train;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.genmask.dit.Task;
import org.genmask.train.LossStats;

/**
 * What workers send back from a round, summed with {@code treeAggregate}: parameters and moments as double sums (the
 * sum of a few float vectors in double is exact in practice, so the order Spark merges in does not change the
 * average), the number of workers, per-task loss statistics, examples seen, and compute time.
 */
final class RoundContribution implements Serializable {
    private static final long serialVersionUID = 1L;

    double[] params;
    double[] moments;
    int workers;
    final Map<Task, LossStats> losses = new EnumMap<>(Task.class);
    long examples;
    long computeNanos;
    long maxComputeNanos;

    static RoundContribution empty() {
        return new RoundContribution();
    }

    static RoundContribution of(float[] params, float[] moments, Map<Task, LossStats> losses, long examples,
                                long computeNanos) {
        RoundContribution c = new RoundContribution();
        c.params = toDouble(params);
        c.moments = toDouble(moments);
        c.workers = 1;
        c.losses.putAll(losses);
        c.examples = examples;
        c.computeNanos = computeNanos;
        c.maxComputeNanos = computeNanos;
        return c;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** Adds {@code other} into this (returns this). */
    RoundContribution merge(RoundContribution other) {
        if (other.workers == 0) {
            return this;
        }
        if (workers == 0) {
            params = other.params.clone();
            moments = other.moments.clone();
        } else {
            add(params, other.params);
            add(moments, other.moments);
        }
        workers += other.workers;
        other.losses.forEach((task, stats) -> losses.merge(task, stats, LossStats::plus));
        examples += other.examples;
        computeNanos += other.computeNanos;
        maxComputeNanos = Math.max(maxComputeNanos, other.maxComputeNanos);
        return this;
    }

    private static void add(double[] into, double[] from) {
        if (into.length != from.length) {
            throw new IllegalStateException("workers disagree on the parameter count: " + into.length + " vs "
                    + from.length);
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    /** The average over workers as floats. */
    static float[] mean(double[] sum, int n) {
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) (sum[i] / n);
        }
        return out;
    }
}
