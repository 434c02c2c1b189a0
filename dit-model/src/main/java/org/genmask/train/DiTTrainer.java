package org.genmask.train;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genmask.diffusion.ConditionDropout;
import org.genmask.diffusion.FlowMatching;
import org.genmask.diffusion.GaussianNoise;
import org.genmask.diffusion.TimestepBuckets;
import org.genmask.dit.DiTInputs;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.NullCondition;
import org.genmask.dit.PackedBatch;
import org.genmask.dit.Task;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One flow-matching training step over a batch that mixes both tasks: per task, draw s from the task's timestep
 * sampler and eps ~ N(0, I), form x_s = (1 - s) x0 + s eps and the target u = eps - x0, drop the image-generation
 * condition with the CFG probability, then one forward/backward pass of the whole mixed batch and an AdamW update of
 * the flat parameter vector. All randomness comes from the caller's {@link SplittableRandom}, drawn in task order,
 * so a step is a pure function of (parameters, optimizer state, batch, random state).
 */
public final class DiTTrainer {
    private final GenMaskDiT model;
    private final TrainConfig config;
    private final FlatParameters parameters;
    private final AdamW optimizer;
    private final TimestepBuckets buckets;
    private final ConditionDropout dropout;

    public DiTTrainer(GenMaskDiT model, TrainConfig config) {
        this.model = model;
        this.config = config;
        this.parameters = new FlatParameters(model.stateDict());
        this.optimizer = new AdamW(config.optimizer(), parameters.size());
        this.buckets = new TimestepBuckets(config.buckets());
        this.dropout = new ConditionDropout(config.conditionDropProb());
        for (Task task : model.tasks()) {
            config.sampler(task);
        }
    }

    public GenMaskDiT model() {
        return model;
    }

    public FlatParameters parameters() {
        return parameters;
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /** One step; the batch must hold every task the model was built for. */
    public StepResult step(Map<Task, TaskBatch> batch, SplittableRandom rng) {
        if (!batch.keySet().equals(model.tasks())) {
            throw new IllegalArgumentException("batch holds " + batch.keySet() + ", the model trains " + model.tasks());
        }
        int total = batch.values().stream().mapToInt(TaskBatch::size).sum();
        Map<Task, PackedBatch.Share> shares = new EnumMap<>(Task.class);
        Map<Task, float[]> times = new EnumMap<>(Task.class);
        for (Task task : Task.values()) {
            TaskBatch tb = batch.get(task);
            if (tb == null) {
                continue;
            }
            int b = tb.size();
            float[] s = config.sampler(task).sample(rng, b);
            INDArray eps = GaussianNoise.sample(rng, tb.x0().shape());                 // [B, C, H, W]
            INDArray sArr = Nd4j.createFromArray(s);                                     // [B]
            INDArray xs = FlowMatching.noisyLatent(tb.x0(), eps, sArr);                  // [B, C, H, W]
            INDArray target = FlowMatching.velocityTarget(tb.x0(), eps);                 // [B, C, H, W]
            DiTInputs in = tb.inputs(xs, sArr);
            if (task == Task.GENERATION && config.conditionDropProb() > 0) {
                in = NullCondition.apply(in, dropout.sample(rng, b), model.config());
            }
            INDArray weight = Nd4j.valueArrayOf(new long[] {b}, 1.0 / total, DataType.FLOAT);
            shares.put(task, new PackedBatch.Share(in, target, weight));
            times.put(task, s);
        }
        PackedBatch packed = model.trainingBatch(shares);
        Map<Task, LossStats> losses = new EnumMap<>(Task.class);
        double[] loss = new double[1];
        INDArray grad = model.withLossGradients(packed.placeholders(),
                List.of(GenMaskDiT.LOSS_PER_BLOCK, GenMaskDiT.LOSS), result -> {
            INDArray perBlock = result.getOutputs().get(GenMaskDiT.LOSS_PER_BLOCK);
            for (Map.Entry<Task, float[]> e : times.entrySet()) {
                losses.put(e.getKey(), LossStats.of(e.getValue(), packed.perSample(e.getKey(), perBlock), buckets));
            }
            loss[0] = result.getOutputs().get(GenMaskDiT.LOSS).getDouble(0);
            return parameters.flatten(result.getGradients());                  // a copy: the step's arrays are reused
        });
        INDArray flat = parameters.get();
        double norm = optimizer.update(flat, grad);
        parameters.set(flat);
        return new StepResult(losses, loss[0], norm, config.optimizer().lrAt(optimizer.step()));
    }
}
