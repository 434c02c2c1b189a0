package org.genmask.jobs.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.UUID;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.genmask.data.latents.TrainingExample;
import org.genmask.diffusion.TimestepBuckets;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.PretrainedInit;
import org.genmask.dit.Task;
import org.genmask.jobs.config.JobConfig;
import org.genmask.train.FlatParameters;
import scala.Tuple2;

/**
 * Data-parallel training by parameter averaging on plain Spark. Each round the driver broadcasts the parameters and
 * AdamW moments (the moments as bfloat16 by default, {@link ShippedVector}); every partition (one per worker) trains
 * a local copy for {@code averaging_period} steps on its shard; {@code treeAggregate} sums parameters, moments, loss
 * statistics and timings; the driver averages, updates the EMA, logs, and checkpoints. Resumes from the newest
 * checkpoint in the run directory.
 */
public final class ParameterAveraging {
    private static final Comparator<Long> INDEX_ORDER = (Comparator<Long> & Serializable) Long::compare;

    private ParameterAveraging() {
    }

    /**
     * {@code examples} in {@code workers} partitions as a pure function of their order: the i-th example (0-based, in
     * the RDD's order) goes to partition {@code i mod workers}, and each partition holds its examples in that order.
     * {@code repartition} would not do: the order within its partitions depends on which shuffle block arrives first,
     * so a shard recomputed after a lost executor, or read again by a resumed run, would differ (and so would the
     * trained parameters). The input's own order must be deterministic, as {@code LatentDataset.examples}' sort by
     * (seed, epoch, id) is; how Spark happens to split it into partitions does not matter.
     */
    public static JavaRDD<TrainingExample> shards(JavaRDD<TrainingExample> examples, int workers) {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive, got " + workers);
        }
        // a Long key i < 2^31 hashes to i, so HashPartitioner sends it to partition i mod workers
        return examples.zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .repartitionAndSortWithinPartitions(new HashPartitioner(workers), INDEX_ORDER).values();
    }

    /** Trains on in-memory {@code examples} (no latent partition to record) and returns the final state. */
    public static Checkpoint train(JavaSparkContext sc, JavaRDD<TrainingExample> examples, JobConfig resolved)
            throws IOException {
        return train(sc, examples, resolved, null);
    }

    /**
     * Trains on {@code examples} and returns the final state.
     *
     * @param latents which latents the examples hold, recorded in every checkpoint; a run directory whose newest
     *                checkpoint records others is refused; null for in-memory examples
     */
    public static Checkpoint train(JavaSparkContext sc, JavaRDD<TrainingExample> examples, JobConfig resolved,
                                   CheckpointLatents latents) throws IOException {
        TrainJobConfig config = TrainJobConfig.from(resolved);
        GenMaskDiT driverModel = GenMaskDiT.create(config.ditConfig(), EnumSet.allOf(Task.class), config.seed());
        FlatParameters flat = new FlatParameters(driverModel.stateDict());
        CheckpointStore store = new CheckpointStore(config.runDir(), sc.hadoopConfiguration(), driverModel,
                latents);
        Checkpoint state = store.loadLatest(resolved).orElse(null);
        if (state == null) {
            if (!config.initFrom().isEmpty()) {
                PretrainedInit init = InitialWeights.apply(driverModel, config.initFrom(), sc.hadoopConfiguration());
                System.out.printf(Locale.ROOT, "initialised from %s: %d tensors loaded, %d adapted, %d skipped, %d"
                                + " new (zero effect)%n", config.initFrom(), init.loaded().size(),
                        init.adapted().size(), init.skipped().size(), init.fresh().size());
            }
            float[] p = flat.get().toFloatVector();
            state = new Checkpoint(0, 0, p, new float[2 * p.length], p.clone());
        }
        if (state.round() > 0) {
            System.out.printf(Locale.ROOT, "resuming %s from round %d (step %d)%n", config.runDir(), state.round(),
                    state.step());
        }
        MetricsLog metrics = new MetricsLog(config.runDir(), sc.hadoopConfiguration(), state.round());
        JavaRDD<TrainingExample> shards = (examples.getNumPartitions() == config.workers() ? examples
                : shards(examples, config.workers())).persist(StorageLevel.MEMORY_AND_DISK());
        TimestepBuckets buckets = new TimestepBuckets(10);
        String runId = UUID.randomUUID().toString();            // names this run's shards in the executors' caches
        long started = System.nanoTime();
        int firstRound = state.round();
        long step = state.step();
        float[] ema = state.ema();
        // the parameters and moments as every round ships them; as float arrays again only for a checkpoint
        ShippedVector params = ShippedVector.of(state.params(), false);
        ShippedVector moments = ShippedVector.of(state.moments(), config.momentsBfloat16());
        for (int round = firstRound; round < config.rounds(); round++) {
            long t0 = System.nanoTime();
            sc.setJobDescription(String.format(Locale.ROOT, "GenMask train round %d/%d", round + 1,
                    config.rounds()));
            Broadcast<RoundState> broadcast = sc.broadcast(new RoundState(params, moments, step, round));
            long t1 = System.nanoTime();
            RoundContribution sum = shards
                    .mapPartitionsWithIndex((worker, it) -> Collections.singletonList(
                            WorkerRound.run(worker, it, runId, broadcast::value, config)).iterator(), true)
                    .treeAggregate(RoundContribution.empty(), RoundContribution::merge, RoundContribution::merge);
            long t2 = System.nanoTime();
            broadcast.destroy();
            if (sum.workers != config.workers()) {
                throw new IllegalStateException("round " + round + ": " + sum.workers + " of " + config.workers()
                        + " workers reported");
            }
            // the EMA in place, in the averaging pass: each checkpoint is written before the next round
            params = sum.meanParams(ema, config.emaDecay());
            moments = sum.meanMoments(config.momentsBfloat16());
            step += config.averagingPeriod();
            double wall = (System.nanoTime() - t0) / 1e9;
            ObjectNode m = record(metrics, round + 1, step, sum, wall, buckets, config);
            m.put("broadcast_s", (t1 - t0) / 1e9).put("workers_s", (t2 - t1) / 1e9)
                    .put("averaging_s", (System.nanoTime() - t2) / 1e9)
                    .put("worker_setup_s", sum.maxSetupNanos / 1e9);
            metrics.append(m);
            printProgress(round + 1, step, m, config, (System.nanoTime() - started) / 1e9, round + 1 - firstRound);
            if ((round + 1) % config.checkpointEvery() == 0 || round + 1 == config.rounds()) {
                state = new Checkpoint(round + 1, step, params.values(), moments.values(), ema);
                store.save(state, resolved);
                store.prune(config.keepCheckpoints());
            }
        }
        shards.unpersist();
        ShardCache.release(runId);
        return state;
    }

    private static ObjectNode record(MetricsLog metrics, int round, long step, RoundContribution sum, double wall,
                                     TimestepBuckets buckets, TrainJobConfig config) {
        ObjectNode m = metrics.newRecord();
        m.put("round", round).put("step", step).put("examples", sum.examples);
        m.put("samples_per_s", sum.examples / wall).put("wall_s", wall);
        m.put("compute_s", sum.maxComputeNanos / 1e9).put("outside_compute_s", wall - sum.maxComputeNanos / 1e9);
        m.put("lr", config.optimizer().lrAt(step));
        ObjectNode loss = m.putObject("loss");
        ObjectNode perBucket = m.putObject("loss_per_bucket");
        sum.losses.forEach((task, stats) -> {
            loss.put(task.scope(), stats.mean());
            ObjectNode b = perBucket.putObject(task.scope());
            for (int i = 0; i < buckets.k(); i++) {
                if (stats.bucketCounts()[i] > 0) {
                    b.put(buckets.label(i), stats.bucketMean(i));
                }
            }
        });
        return m;
    }

    private static void printProgress(int round, long step, ObjectNode m, TrainJobConfig config, double elapsed,
                                      int roundsThisRun) {
        double eta = elapsed / roundsThisRun * (config.rounds() - round);
        System.out.printf(Locale.ROOT, "round %d/%d  step %d  %.1f samples/s  loss gen %s seg %s  outside compute"
                        + " %.0f%%  ETA %dm%02ds%n", round, config.rounds(), step,
                m.path("samples_per_s").asDouble(), fmt(m.path("loss").path("gen").asDouble(Double.NaN)),
                fmt(m.path("loss").path("seg").asDouble(Double.NaN)),
                100 * m.path("outside_compute_s").asDouble() / m.path("wall_s").asDouble(),
                (long) eta / 60, (long) eta % 60);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

}
