package org.genmask.jobs.train;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.genmask.data.latents.TrainingExample;
import org.genmask.diffusion.WorkerSeed;
import org.genmask.dit.Task;
import org.genmask.train.DiTTrainer;
import org.genmask.train.LossStats;
import org.genmask.train.StepResult;
import org.genmask.train.TaskBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One worker's part of a round, run inside a Spark task: start from the broadcast parameters and moments, train
 * {@code averaging_period} steps on this worker's shard, return the result. Step k's randomness is seeded from
 * (seed, k, worker), and its examples come from {@link ShardSchedule} at cursor k * batch: the contribution is a pure
 * function of (broadcast state, shard, round), so a retried task recomputes it exactly.
 */
final class WorkerRound {

    private WorkerRound() {
    }

    static RoundContribution run(int worker, Iterator<TrainingExample> shard, String runId,
                                 Supplier<RoundState> broadcast, TrainJobConfig config) {
        long started = System.nanoTime();
        RoundState state = broadcast.get();                     // the broadcast's first read deserialises it
        Map<Task, List<TrainingExample>> byTask = ShardCache.get(runId, worker, shard);
        int seedWorker = config.sharedReplicaSeed() ? 0 : worker;
        Map<Task, ShardSchedule> schedules = new EnumMap<>(Task.class);
        for (Task task : Task.values()) {
            if (config.batchOf(task) > 0) {
                List<TrainingExample> examples = byTask.getOrDefault(task, List.of());
                if (examples.isEmpty()) {
                    throw new IllegalStateException("worker " + worker + " holds no " + task + " examples; the "
                            + "dataset is too small for " + config.workers() + " workers");
                }
                schedules.put(task, new ShardSchedule(examples.size(), config.seed(), task.ordinal(), seedWorker));
            }
        }
        DiTTrainer trainer = TrainerPool.borrow(config);
        try {
            trainer.writeParameters(state.params()::writeTo);
            trainer.optimizer().writeState(state.moments()::writeTo, state.step());
            long t0 = System.nanoTime();                        // compute: the steps alone, not the copies around them
            Map<Task, LossStats> losses = new EnumMap<>(Task.class);
            long examples = 0;
            for (int i = 0; i < config.averagingPeriod(); i++) {
                long step = (long) state.round() * config.averagingPeriod() + i;
                Map<Task, TaskBatch> batch = new EnumMap<>(Task.class);
                for (Map.Entry<Task, ShardSchedule> e : schedules.entrySet()) {
                    int b = config.batchOf(e.getKey());
                    int[] idx = e.getValue().indices(step * b, b);
                    batch.put(e.getKey(), batch(byTask.get(e.getKey()), idx, config));
                    examples += b;
                }
                StepResult r = trainer.step(batch, new WorkerSeed(config.seed(), step, seedWorker).newRandom());
                r.losses().forEach((task, stats) -> losses.merge(task, stats, LossStats::plus));
            }
            long computeNanos = System.nanoTime() - t0;
            ShippedVector params = trainer.readParameters(buffer -> ShippedVector.of(buffer, false));
            ShippedVector moments = trainer.optimizer().readState(
                    buffer -> ShippedVector.of(buffer, config.momentsBfloat16()));
            return RoundContribution.of(params, moments, losses, examples, computeNanos, t0 - started);
        } finally {
            TrainerPool.release(config, trainer);
        }
    }

    /** Stacks the chosen examples into one task batch. */
    static TaskBatch batch(List<TrainingExample> examples, int[] idx, TrainJobConfig config) {
        int c = config.inChannels();
        int h = config.inputSize();
        int len = config.textLength();
        int latent = c * h * h;
        float[] target = new float[idx.length * latent];
        float[] cond = examples.get(idx[0]).cond() == null ? null : new float[idx.length * latent];
        int[][] tokens = new int[idx.length][];
        float[][] mask = new float[idx.length][len];
        for (int i = 0; i < idx.length; i++) {
            TrainingExample e = examples.get(idx[i]);
            if (e.target().length != latent || e.tokens().length != len) {
                throw new IllegalArgumentException("example " + e.id() + ": latent of " + e.target().length
                        + " values and " + e.tokens().length + " tokens, the model expects " + latent + " and "
                        + len);
            }
            System.arraycopy(e.target(), 0, target, i * latent, latent);
            if (cond != null) {
                System.arraycopy(e.cond(), 0, cond, i * latent, latent);
            }
            tokens[i] = e.tokens();
            for (int j = 0; j < e.tokenCount(); j++) {
                mask[i][j] = 1f;
            }
        }
        long[] shape = {idx.length, c, h, h};
        return new TaskBatch(Nd4j.create(target, shape, 'c'),
                cond == null ? null : Nd4j.create(cond, shape, 'c'), null,
                Nd4j.createFromArray(tokens).castTo(DataType.INT), Nd4j.createFromArray(mask));
    }
}
