package org.genmask.jobs.train;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.genmask.dit.Task;
import org.genmask.train.LossStats;

/**
 * What workers send back from a round, summed with {@code treeAggregate}: parameters and moments, the number of
 * workers, per-task loss statistics, examples seen, and compute time. A worker's own contribution carries its float
 * vectors as they are (half the bytes of doubles to serialise and ship); merging sums them in double (the sum of a few
 * float vectors in double is exact in practice, so the order Spark merges in does not change the average).
 */
final class RoundContribution implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Sums over the merged workers; null until a merge. */
    private double[] params;
    private double[] moments;
    /** One worker's unsummed vectors; null once summed. */
    private float[] workerParams;
    private float[] workerMoments;
    int workers;
    final Map<Task, LossStats> losses = new EnumMap<>(Task.class);
    long examples;
    long computeNanos;
    long maxComputeNanos;
    /** The slowest worker's time from task start to its first step (broadcast read, shard read, trainer borrowed). */
    long maxSetupNanos;

    static RoundContribution empty() {
        return new RoundContribution();
    }

    static RoundContribution of(float[] params, float[] moments, Map<Task, LossStats> losses, long examples,
                                long computeNanos, long setupNanos) {
        RoundContribution c = new RoundContribution();
        c.workerParams = params;
        c.workerMoments = moments;
        c.workers = 1;
        c.losses.putAll(losses);
        c.examples = examples;
        c.computeNanos = computeNanos;
        c.maxComputeNanos = computeNanos;
        c.maxSetupNanos = setupNanos;
        return c;
    }

    /** Adds {@code other} into this (returns this); afterwards this holds double sums. */
    RoundContribution merge(RoundContribution other) {
        if (other.workers == 0) {
            return this;
        }
        if (workers == 0 && other.workerParams != null) {
            // Spark folds each partition's result into a copy of the zero value before sending it: stay floats
            workerParams = other.workerParams;
            workerMoments = other.workerMoments;
        } else {
            toSums();
            params = add(params, other.params, other.workerParams);
            moments = add(moments, other.moments, other.workerMoments);
        }
        workers += other.workers;
        other.losses.forEach((task, stats) -> losses.merge(task, stats, LossStats::plus));
        examples += other.examples;
        computeNanos += other.computeNanos;
        maxComputeNanos = Math.max(maxComputeNanos, other.maxComputeNanos);
        maxSetupNanos = Math.max(maxSetupNanos, other.maxSetupNanos);
        return this;
    }

    /** Turns this worker's own float vectors into double sums (no-op when already summed or empty). */
    private void toSums() {
        if (workerParams != null) {
            params = add(null, null, workerParams);
            moments = add(null, null, workerMoments);
            workerParams = null;
            workerMoments = null;
        }
    }

    /** {@code into} (null: zeros) plus whichever of {@code sums} or {@code floats} is present. */
    private static double[] add(double[] into, double[] sums, float[] floats) {
        int n = sums != null ? sums.length : floats.length;
        if (into == null) {
            into = new double[n];
        } else if (into.length != n) {
            throw new IllegalStateException("workers disagree on the parameter count: " + into.length + " vs " + n);
        }
        if (sums != null) {
            for (int i = 0; i < n; i++) {
                into[i] += sums[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                into[i] += floats[i];
            }
        }
        return into;
    }

    /** The parameters averaged over the workers [P]. */
    float[] meanParams() {
        return mean(params, workerParams);
    }

    /** The moments averaged over the workers [2P]. */
    float[] meanMoments() {
        return mean(moments, workerMoments);
    }

    private float[] mean(double[] sum, float[] single) {
        if (sum == null) {
            return single.clone();                              // one worker: its own vector
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) (sum[i] / workers);
        }
        return out;
    }
}
