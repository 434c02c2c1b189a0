package org.genmask.dit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.genmask.samediff.QuietGradientBuild;
import org.genmask.samediff.StepArrayPool;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GenMask DiT as one SameDiff graph over shared weights: one inference path per task (placeholders per task scope:
 * {@code x, s, label | text + text_mask, cond (seg)} and the token-row maps of {@link TokenRows}, which
 * {@link #placeholders} fills in; output {@code scope/output}), and one packed training path that runs both tasks'
 * samples in a single pass ({@link PackedBatch}, scope {@value PackedBatch#SCOPE}). Its scalar {@code loss} is
 * {@code sum over samples of weight_b * mean((output_b[:C] - target_b)^2)}, so the weights set the mix; the per-block
 * losses are {@value #LOSS_PER_BLOCK}. Each path enters the graph on its first use.
 *
 * <p>Not thread-safe: one instance per thread (in Spark, one per executor slot).
 */
public final class GenMaskDiT {
    public static final String LOSS = "loss";
    /** Loss of every block of a packed batch [2B'] ({@link PackedBatch#perSample}). */
    public static final String LOSS_PER_BLOCK = PackedBatch.SCOPE + "/loss_per_block";
    /** Name under which SameDiff keeps a graph's gradient function. */
    private static final String GRADIENT_FUNCTION = "grad";
    private static final String TOKEN_ROWS = "token_rows";
    private static final String TARGET_ROWS = "target_rows";

    private final DiTConfig config;
    private final Set<Task> tasks;
    private final SameDiff sd;
    private final StateDict params;
    private final DiT dit;
    /** Built on first use: a trainer's graph holds only the packed path (SameDiff's per-call cost grows with the
     *  graph), an evaluator's only its inference path. */
    private final Set<Task> builtPaths = EnumSet.noneOf(Task.class);
    private boolean trainingPathBuilt;

    private GenMaskDiT(DiTConfig config, Set<Task> tasks, long seed) {
        this.config = config;
        this.tasks = Collections.unmodifiableSet(EnumSet.copyOf(tasks));
        this.sd = SameDiff.create();
        this.params = new StateDict(sd, seed);
        this.dit = new DiT(params, config);
    }

    /** A freshly initialised model ({@code initialize_weights} of the reference) with paths for the given tasks. */
    public static GenMaskDiT create(DiTConfig config, Set<Task> tasks, long seed) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("at least one task");
        }
        return new GenMaskDiT(config, tasks, seed);
    }

    private void ensurePath(Task task) {
        if (builtPaths.add(task)) {
            buildPath(task);
        }
    }

    private void buildPath(Task task) {
        String p = task.scope() + "/";
        int c = config.inChannels();
        int h = config.inputSize();
        SDVariable x = sd.placeHolder(p + "x", DataType.FLOAT, -1, c, h, h);
        SDVariable s = sd.placeHolder(p + "s", DataType.FLOAT, -1);
        Condition condition = conditionPlaceholders(p);
        SDVariable cond = task == Task.SEGMENTATION ? sd.placeHolder(p + "cond", DataType.FLOAT, -1, c, h, h) : null;
        SDVariable tokenRows = sd.placeHolder(p + TOKEN_ROWS, DataType.FLOAT, -1, -1, -1);   // [B, n, K]
        SDVariable targetRows = cond == null ? tokenRows
                : sd.placeHolder(p + TARGET_ROWS, DataType.FLOAT, -1, -1, -1);             // [B, T, 1]
        dit.forward(task.scope(), new DiT.Inputs(x, s, condition.label(), condition.text(), condition.textMask(), cond,
                tokenRows, targetRows));                                                    // [B, out, H, W]
    }

    /** A path's text (or label) placeholders; the unused ones are null. */
    private record Condition(SDVariable label, SDVariable text, SDVariable textMask) {
    }

    private Condition conditionPlaceholders(String p) {
        if (config.text() == null) {
            return new Condition(sd.placeHolder(p + "label", DataType.INT, -1), null, null);
        }
        int len = config.text().maxLength();
        SDVariable text = config.text().mode() == TextConfig.Mode.TOKENS
                ? sd.placeHolder(p + "text", DataType.INT, -1, len)
                : sd.placeHolder(p + "text", DataType.FLOAT, -1, len, config.text().embedWidth());
        return new Condition(null, text, sd.placeHolder(p + "text_mask", DataType.FLOAT, -1, len));
    }

    private void ensureTrainingPath() {
        if (!trainingPathBuilt) {
            sd.identity(LOSS, buildTrainingPath());
            sd.setLossVariables(LOSS);
            trainingPathBuilt = true;
        }
    }

    /** The packed path of both tasks and its loss (scalar). */
    private SDVariable buildTrainingPath() {
        String p = PackedBatch.SCOPE + "/";
        int c = config.inChannels();
        int h = config.inputSize();
        SDVariable latents = sd.placeHolder(p + "latents", DataType.FLOAT, -1, c, h, h);  // [2B', C, H, W]
        SDVariable s = sd.placeHolder(p + "s", DataType.FLOAT, -1);                         // [2B']
        Condition condition = conditionPlaceholders(p);
        SDVariable crossBias = config.text() == null ? null
                : sd.placeHolder(p + "cross_bias", DataType.FLOAT, -1, -1, -1, -1);          // [B', H, 2T, 2L]
        SDVariable tokenRows = sd.placeHolder(p + TOKEN_ROWS, DataType.FLOAT, -1, -1, -1);  // [B', 2T, 2]
        SDVariable selfBias = sd.placeHolder(p + "self_bias", DataType.FLOAT, -1, -1, -1, -1); // [B', H, 2T, 2T]
        SDVariable out = dit.forwardPacked(PackedBatch.SCOPE, new DiT.PackedInputs(latents, s, condition.label(),
                condition.text(), condition.textMask(), tokenRows, selfBias, crossBias));                                 // [2B', out, H, W]
        SDVariable velocity = config.learnSigma() ? sd.split(out, 2, 1)[0] : out;          // [2B', C, H, W]
        SDVariable target = sd.placeHolder(p + "target", DataType.FLOAT, -1, c, h, h);
        SDVariable weight = sd.placeHolder(p + "weight", DataType.FLOAT, -1);
        SDVariable perBlock = sd.math().squaredDifference(velocity, target).mean(LOSS_PER_BLOCK, 1, 2, 3); // [2B']
        return perBlock.mul(weight).sum();                                                  // scalar
    }

    public DiTConfig config() {
        return config;
    }

    public Set<Task> tasks() {
        return tasks;
    }

    public StateDict stateDict() {
        return params;
    }

    /** Attaches SameDiff listeners to the graph (for example a profiler); they see every later forward and backward. */
    public void addListeners(Listener... listeners) {
        sd.addListeners(listeners);
    }

    /** The placeholder arrays of one task's inputs (without target and weight). */
    public Map<String, INDArray> placeholders(Task task, DiTInputs in) {
        check(task, in);
        String p = task.scope() + "/";
        Map<String, INDArray> map = new HashMap<>();
        map.put(p + "x", in.x().castTo(DataType.FLOAT));
        map.put(p + "s", in.s().castTo(DataType.FLOAT));
        if (config.text() == null) {
            map.put(p + "label", in.label().castTo(DataType.INT));
        } else {
            map.put(p + "text", config.text().mode() == TextConfig.Mode.TOKENS ? in.text().castTo(DataType.INT)
                    : in.text().castTo(DataType.FLOAT));
            map.put(p + "text_mask", in.textMask().castTo(DataType.FLOAT));
        }
        int batch = (int) in.x().size(0);
        int t = config.numPatches();
        if (in.cond() != null) {
            map.put(p + "cond", in.cond().castTo(DataType.FLOAT));
            map.put(p + TOKEN_ROWS, TokenRows.oneHot(batch, 2 * t, 2));
            map.put(p + TARGET_ROWS, TokenRows.oneHot(batch, t, 1));
        } else {
            map.put(p + TOKEN_ROWS, TokenRows.oneHot(batch, t, 1));
        }
        return map;
    }

    /** Refuses inputs this model cannot take: a task it was built without, a misplaced cond, a missing condition. */
    private void check(Task task, DiTInputs in) {
        if (!tasks.contains(task)) {
            throw new IllegalArgumentException("this model was built without a " + task + " path");
        }
        if ((task == Task.SEGMENTATION) != (in.cond() != null)) {
            throw new IllegalArgumentException(task + " " + (in.cond() == null ? "needs" : "takes no")
                    + " condition-image latent (cond)");
        }
        if (config.text() == null && in.label() == null) {
            throw new IllegalArgumentException("a class-conditional DiT needs labels");
        }
        if (config.text() != null && in.text() == null) {
            throw new IllegalArgumentException("a text-conditioned DiT needs text and text_mask");
        }
    }

    /**
     * A training batch of the given tasks' shares (inputs, velocity target, per-sample loss weight) in the packed
     * layout; its {@link PackedBatch#placeholders} go to {@link #withLossGradients}.
     */
    public PackedBatch trainingBatch(Map<Task, PackedBatch.Share> shares) {
        shares.forEach((task, share) -> check(task, share.inputs()));
        return PackedBatch.pack(config, shares);
    }

    /**
     * Gradients of {@link #LOSS} with respect to every trainable parameter (by state-dict name), and the requested
     * outputs, in one forward and backward pass, handed to {@code use}. The arrays of the {@link OutAndGrad} are valid
     * only inside {@code use}: the step's arrays are reused by the next pass ({@link StepArrayPool}), so {@code use}
     * copies whatever it keeps.
     */
    public <T> T withLossGradients(Map<String, INDArray> placeholders, List<String> outputs,
                                   Function<OutAndGrad, T> use) {
        ensureTrainingPath();
        if (!sd.hasGradientFunction()) {
            QuietGradientBuild.run(sd::createGradFunction);
        }
        StepArrayPool pool = StepArrayPool.install(sd.getFunction(GRADIENT_FUNCTION));
        try {
            return use.apply(sd.calculateGradientsAndOutputs(placeholders, outputs, params.trainableNames()));
        } finally {
            pool.reclaim();
        }
    }

    /** The model's prediction [B, out_channels, H, W]. */
    public INDArray predict(Task task, DiTInputs in) {
        return outputs(task, in, "output").get("output");
    }

    /**
     * Named outputs of one path, by their name inside the scope ({@code "output"}, {@code "x_embed"},
     * {@code "blocks.0"}, ...); returned under the same short names.
     */
    public Map<String, INDArray> outputs(Task task, DiTInputs in, String... names) {
        Map<String, INDArray> placeholders = placeholders(task, in); // checks the task first
        ensurePath(task);
        String p = task.scope() + "/";
        List<String> full = new ArrayList<>();
        for (String n : names) {
            full.add(p + n);
        }
        Map<String, INDArray> raw = sd.output(placeholders, full);
        Map<String, INDArray> out = new HashMap<>();
        for (String n : names) {
            out.put(n, raw.get(p + n));
        }
        return out;
    }
}
