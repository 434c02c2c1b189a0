package org.genmask.jobs.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.genmask.dit.Task;
import org.genmask.train.LossStats;

/**
 * What workers send back from a round, summed with {@code treeAggregate}: parameters and moments, the number of
 * workers, per-task loss statistics, examples seen, and compute time. Workers' vectors travel as they were shipped
 * ({@link ShippedVector}: float32, or bfloat16 moments) and stay unsummed while there are at most two of them, so the
 * common round of two workers is averaged in one pass over their values, with no double vectors allocated. Beyond two
 * they are folded into double sums. Either way each average is the float of a double sum divided by the worker count
 * (the sum of a few float vectors in double is exact in practice, so the order Spark merges in does not change it).
 */
final class RoundContribution implements Serializable {
    private static final long serialVersionUID = 4L;
    /** How many workers' vectors a contribution keeps unsummed before it folds them into double sums. */
    private static final int MAX_UNSUMMED = 2;

    /** Double sums of the vectors folded in so far; null while every vector is still unsummed. */
    private double[] params;
    private double[] moments;
    /** Workers' own vectors not yet folded into the sums (at most {@link #MAX_UNSUMMED}). */
    private final List<ShippedVector> unsummedParams = new ArrayList<>(MAX_UNSUMMED + 1);
    private final List<ShippedVector> unsummedMoments = new ArrayList<>(MAX_UNSUMMED + 1);
    int workers;
    final Map<Task, LossStats> losses = new EnumMap<>(Task.class);
    long examples;
    long computeNanos;
    long maxComputeNanos;
    /** The slowest worker's time from task start to its first step (broadcast read, shard read, trainer borrowed,
     *  parameters and moments loaded). */
    long maxSetupNanos;

    static RoundContribution empty() {
        return new RoundContribution();
    }

    static RoundContribution of(ShippedVector params, ShippedVector moments, Map<Task, LossStats> losses, long examples,
                                long computeNanos, long setupNanos) {
        RoundContribution c = new RoundContribution();
        c.unsummedParams.add(params);
        c.unsummedMoments.add(moments);
        c.workers = 1;
        c.losses.putAll(losses);
        c.examples = examples;
        c.computeNanos = computeNanos;
        c.maxComputeNanos = computeNanos;
        c.maxSetupNanos = setupNanos;
        return c;
    }

    /** Adds {@code other} into this (returns this). */
    RoundContribution merge(RoundContribution other) {
        if (other.workers == 0) {
            return this;
        }
        params = add(params, other.params);
        moments = add(moments, other.moments);
        unsummedParams.addAll(other.unsummedParams);
        unsummedMoments.addAll(other.unsummedMoments);
        if (unsummedParams.size() > MAX_UNSUMMED) {
            params = fold(params, unsummedParams);
            moments = fold(moments, unsummedMoments);
            unsummedParams.clear();
            unsummedMoments.clear();
        }
        workers += other.workers;
        other.losses.forEach((task, stats) -> losses.merge(task, stats, LossStats::plus));
        examples += other.examples;
        computeNanos += other.computeNanos;
        maxComputeNanos = Math.max(maxComputeNanos, other.maxComputeNanos);
        maxSetupNanos = Math.max(maxSetupNanos, other.maxSetupNanos);
        return this;
    }

    /** {@code into} plus {@code sums} (either may be null). */
    private static double[] add(double[] into, double[] sums) {
        if (sums == null) {
            return into;
        }
        if (into == null) {
            return sums.clone();
        }
        requireLength(into.length, sums.length);
        for (int i = 0; i < into.length; i++) {
            into[i] += sums[i];
        }
        return into;
    }

    /** {@code into} (null: zeros) plus every vector of {@code vectors}. */
    private static double[] fold(double[] into, List<ShippedVector> vectors) {
        if (into == null) {
            into = new double[vectors.get(0).length()];
        }
        for (ShippedVector v : vectors) {
            v.addTo(into);
        }
        return into;
    }

    private static void requireLength(int expected, int actual) {
        if (expected != actual) {
            throw new IllegalStateException("workers disagree on the parameter count: " + expected + " vs " + actual);
        }
    }

    /**
     * The parameters averaged over the workers [P], as float32; if {@code ema} is not null, it is updated in the same
     * pass: {@code ema = decay * ema + (1 - decay) * mean}.
     */
    ShippedVector meanParams(float[] ema, double decay) {
        return mean(params, unsummedParams, false, ema, decay);
    }

    /** The moments averaged over the workers [2P] as the next round ships them: bfloat16 if {@code asBfloat16}. */
    ShippedVector meanMoments(boolean asBfloat16) {
        return mean(moments, unsummedMoments, asBfloat16, null, 0);
    }

    /** (sum + the unsummed vectors) / workers, in double, as float32 or as the bfloat16 of that float. */
    private ShippedVector mean(double[] sum, List<ShippedVector> unsummed, boolean asBfloat16, float[] ema,
                               double decay) {
        if (sum == null && unsummed.size() == 1 && ema == null) {
            return unsummed.get(0).as(asBfloat16);                   // one worker: its own vector
        }
        if (sum == null && unsummed.size() <= 2) {                   // up to two workers: one pass over their values
            ShippedVector a = unsummed.get(0);
            return ShippedVector.mean(a, unsummed.size() == 2 ? unsummed.get(1) : null, workers, asBfloat16, ema,
                    decay);
        }
        double[] total = unsummed.isEmpty() ? sum : fold(sum == null ? null : sum.clone(), unsummed); // sum unchanged
        return ShippedVector.mean(total, workers, asBfloat16, ema, decay);
    }
}
