package org.genmask.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.genmask.diffusion.ConditionDropout;
import org.genmask.diffusion.FlowMatching;
import org.genmask.diffusion.GaussianNoise;
import org.genmask.diffusion.TimestepBuckets;
import org.genmask.dit.DiTInputs;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.NullCondition;
import org.genmask.dit.PackedBatch;
import org.genmask.dit.Task;
import org.genmask.dit.eager.EagerDiT;
import org.genmask.kernels.Engine;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One flow-matching training step over a batch that mixes both tasks: per task, draw s from the task's timestep
 * sampler and eps ~ N(0, I), form x_s = (1 - s) x0 + s eps and the target u = eps - x0, drop the image-generation
 * condition with the CFG probability, then one forward/backward pass of the whole mixed batch and an AdamW update of
 * the flat parameter vector. All randomness comes from the caller's {@link SplittableRandom}, drawn in task order,
 * so a step is a pure function of (parameters, optimizer state, batch, random state).
 *
 * <p>The trainer owns the flat parameter vector [P] (state-dict order) and updates it in place. The loss and gradients
 * come from the {@link Engine} the config resolves to: the hand-written {@link EagerDiT}, which reads the vector
 * where it is, or the SameDiff graph, whose own arrays are refreshed from the vector after every update.
 */
public final class DiTTrainer {
    private final GenMaskDiT model;
    private final TrainConfig config;
    private final FlatParameters graphParameters;
    private final Engine engine;
    private final EagerDiT eager;            // null for the graph engine
    private final INDArray theta;            // [P] the parameters, live
    private final INDArray grad;             // [P] the eager engine's gradient, reused; null for the graph engine
    private final AdamW optimizer;
    private final TimestepBuckets buckets;
    private final ConditionDropout dropout;

    public DiTTrainer(GenMaskDiT model, TrainConfig config) {
        this.model = model;
        this.config = config;
        this.graphParameters = new FlatParameters(model.stateDict());
        this.engine = config.engine().resolve("step_engine", EagerDiT.supports(model.config()),
                "text-token GenMask models without learn_sigma or labels, not " + model.config());
        this.theta = graphParameters.get();
        if (engine == Engine.EAGER) {
            List<long[]> shapes = new ArrayList<>();
            for (String name : graphParameters.names()) {
                shapes.add(model.stateDict().shape(name));
            }
            this.eager = new EagerDiT(model.config(), graphParameters.names(), shapes);
            this.grad = Nd4j.create(DataType.FLOAT, graphParameters.size());
        } else {
            this.eager = null;
            this.grad = null;
        }
        this.optimizer = new AdamW(config.optimizer(), graphParameters.size());
        this.buckets = new TimestepBuckets(config.buckets());
        this.dropout = new ConditionDropout(config.conditionDropProb());
        for (Task task : model.tasks()) {
            config.sampler(task);
        }
    }

    /** The model, its graph's weights brought up to date with the trainer's parameters. */
    public GenMaskDiT model() {
        if (engine == Engine.EAGER) {
            graphParameters.set(theta);
        }
        return model;
    }

    /** The engine this trainer runs ({@link Engine#EAGER} or {@link Engine#GRAPH}). */
    public Engine engine() {
        return engine;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return theta.length();
    }

    /** A copy of the current parameters [P]. */
    public INDArray parameters() {
        return theta.dup();
    }

    /** Hands the parameters [P] to {@code reader} as a buffer (valid only inside the call) and returns its result. */
    public <T> T readParameters(Function<FloatBuffer, T> reader) {
        return reader.apply(theta.data().asNioFloat());
    }

    /** Lets {@code writer} fill the parameters [P] through a buffer (valid only inside the call). */
    public void writeParameters(Consumer<FloatBuffer> writer) {
        writer.accept(theta.data().asNioFloat());
        if (engine == Engine.GRAPH) {
            graphParameters.set(theta);
        }
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
        double loss;
        INDArray gradient;
        if (engine == Engine.EAGER) {
            EagerDiT.Result r = eager.lossAndGradients(packed, theta, grad);
            INDArray perBlock = Nd4j.createFromArray(r.lossPerBlock());
            times.forEach((task, s) -> losses.put(task, LossStats.of(s, packed.perSample(task, perBlock), buckets)));
            loss = r.loss();
            gradient = grad;
        } else {
            double[] graphLoss = new double[1];
            gradient = model.withLossGradients(packed.placeholders(),
                    List.of(GenMaskDiT.LOSS_PER_BLOCK, GenMaskDiT.LOSS), result -> {
                INDArray perBlock = result.getOutputs().get(GenMaskDiT.LOSS_PER_BLOCK);
                times.forEach((task, s) -> losses.put(task, LossStats.of(s, packed.perSample(task, perBlock),
                        buckets)));
                graphLoss[0] = result.getOutputs().get(GenMaskDiT.LOSS).getDouble(0);
                return graphParameters.flatten(result.getGradients());   // a copy: the step's arrays are reused
            });
            loss = graphLoss[0];
        }
        double norm = optimizer.update(theta, gradient);
        if (engine == Engine.GRAPH) {
            graphParameters.set(theta);
        }
        return new StepResult(losses, loss, norm, config.optimizer().lrAt(optimizer.step()));
    }
}
