package org.genmask.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.dit.TinyModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DiTTrainerTest {

    private static Map<Task, TaskBatch> mixedBatch(long seed, int perTask) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<Task, TaskBatch> batch = new EnumMap<>(Task.class);
        INDArray[] genText = TinyModels.text(rng, perTask);
        batch.put(Task.GENERATION, new TaskBatch(TinyModels.latent(rng, perTask), null, null, genText[0],
                genText[1]));
        INDArray[] segText = TinyModels.text(rng, perTask);
        batch.put(Task.SEGMENTATION, new TaskBatch(TinyModels.latent(rng, perTask), TinyModels.latent(rng, perTask),
                null, segText[0], segText[1]));
        return batch;
    }

    private static TrainConfig config(double lr) {
        return TrainConfig.genMaskDefaults().withOptimizer(new AdamWConfig(lr, 0.9, 0.999, 1e-8, 0.0, 0, 1.0));
    }

    @Test
    void overfitsASmallFixedBatchByTenfold() {
        GenMaskDiT model = TinyModels.model(EnumSet.allOf(Task.class), 11);
        DiTTrainer trainer = new DiTTrainer(model, config(3e-3));
        Map<Task, TaskBatch> batch = mixedBatch(12, 4);
        // the same random state every step: fixed s, eps and dropout, i.e. one fixed regression problem
        StepResult first = trainer.step(batch, new SplittableRandom(13));
        StepResult last = first;
        for (int i = 0; i < 150; i++) {
            last = trainer.step(batch, new SplittableRandom(13));
        }
        assertEquals(8, first.losses().get(Task.GENERATION).count() + first.losses().get(Task.SEGMENTATION).count());
        double mixed = (first.losses().get(Task.GENERATION).sum() + first.losses().get(Task.SEGMENTATION).sum()) / 8;
        assertEquals(first.loss(), mixed, 1e-5, "the optimised loss is the mean over the mixed batch");
        assertTrue(last.loss() < first.loss() / 10, "loss " + first.loss() + " -> " + last.loss());
        for (Task task : Task.values()) {
            LossStats s0 = first.losses().get(task);
            LossStats s1 = last.losses().get(task);
            assertTrue(s1.mean() < s0.mean() / 5, task + ": " + s0.mean() + " -> " + s1.mean());
        }
    }

    @Test
    void stepsAreAPureFunctionOfStateBatchAndRandomState() {
        INDArray[] finals = new INDArray[2];
        double[][] losses = new double[2][3];
        for (int run = 0; run < 2; run++) {
            GenMaskDiT model = TinyModels.model(EnumSet.allOf(Task.class), 21);
            DiTTrainer trainer = new DiTTrainer(model, config(1e-3));
            for (int step = 0; step < 3; step++) {
                losses[run][step] = trainer.step(mixedBatch(100 + step, 2), new SplittableRandom(step)).loss();
            }
            finals[run] = trainer.parameters();
            assertEquals(3, trainer.optimizer().step());
        }
        assertEquals(finals[0], finals[1]);
        assertEquals(losses[0][2], losses[1][2]);
    }

    @Test
    void perBucketStatisticsAddUp() {
        GenMaskDiT model = TinyModels.model(EnumSet.allOf(Task.class), 31);
        StepResult r = new DiTTrainer(model, config(1e-3)).step(mixedBatch(32, 32), new SplittableRandom(33));
        for (LossStats s : r.losses().values()) {
            double sum = 0;
            long n = 0;
            for (int i = 0; i < s.bucketSums().length; i++) {
                sum += s.bucketSums()[i];
                n += s.bucketCounts()[i];
            }
            assertEquals(s.sum(), sum, 1e-9);
            assertEquals(s.count(), n);
        }
        // GenMask's mask sampler puts 80% of draws at s > 0.9 (a = 0.05); the image sampler only ~8%
        long[] seg = r.losses().get(Task.SEGMENTATION).bucketCounts();
        long[] gen = r.losses().get(Task.GENERATION).bucketCounts();
        assertTrue(seg[seg.length - 1] > 16, java.util.Arrays.toString(seg));
        assertTrue(gen[gen.length - 1] < 16, java.util.Arrays.toString(gen));
    }

    @Test
    void aBatchMissingATaskIsRefused() {
        GenMaskDiT model = TinyModels.model(EnumSet.allOf(Task.class), 41);
        DiTTrainer trainer = new DiTTrainer(model, config(1e-3));
        Map<Task, TaskBatch> batch = mixedBatch(42, 2);
        batch.remove(Task.GENERATION);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.step(batch, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("GENERATION"), e.getMessage());
    }
}
