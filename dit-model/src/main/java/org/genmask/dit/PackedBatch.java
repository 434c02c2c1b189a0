package org.genmask.dit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one owner of the packed training layout: both tasks' samples in one forward pass, so every block op runs once
 * per step instead of once per task.
 *
 * <p>The unit is a <em>block</em> of T tokens (one latent) with its own timestep, text and loss weight. Blocks pair
 * up into packed sequences of 2T tokens, so every sequence has the same length:
 * <ul>
 *   <li>sequences {@code 0 .. P-1}: two image-generation samples each (sample {@code 2p + k} is block {@code 2p + k});
 *       attention never crosses from one to the other (a block-diagonal self-attention bias, and each block's
 *       queries see only its own text). An odd count is padded with a copy of the last sample at weight 0;</li>
 *   <li>sequences {@code P .. P+S-1}: one segmentation sample each, the noisy target latent (block {@code 2q}) beside
 *       the clean condition latent at s = 0 (block {@code 2q + 1}, weight 0: it carries no loss), attending to each
 *       other freely, as in the task's own path.</li>
 * </ul>
 * The model computes the same per-sample values as the per-task paths (tested): only the arrangement differs.
 * Placeholders (scope {@value #SCOPE}): {@code latents [2B', C, H, W], s [2B'], text + text_mask [2B', L] (or label
 * [2B']), target [2B', C, H, W], weight [2B'], self_bias [B', H, 2T, 2T], cross_bias [B', H, 2T, 2L] (text),
 * token_rows [B', 2T, 2]}.
 */
public final class PackedBatch {
    public static final String SCOPE = "train";
    static final float MASKED = -1e9f;

    private final Map<String, INDArray> placeholders;
    private final Map<Task, int[]> blockOfSample;

    private PackedBatch(Map<String, INDArray> placeholders, Map<Task, int[]> blockOfSample) {
        this.placeholders = placeholders;
        this.blockOfSample = blockOfSample;
    }

    /** One task's share of a training batch: its inputs, velocity target [B, C, H, W] and loss weight [B]. */
    public record Share(DiTInputs inputs, INDArray target, INDArray weight) {
    }

    static PackedBatch pack(DiTConfig config, Map<Task, Share> shares) {
        List<Block> blocks = new ArrayList<>();
        Map<Task, int[]> blockOfSample = new EnumMap<>(Task.class);
        Share gen = shares.get(Task.GENERATION);
        if (gen != null) {
            blockOfSample.put(Task.GENERATION, addTargets(blocks, gen, false));
            if (blocks.size() % 2 == 1) {
                blocks.add(Block.padding(gen, gen.inputs().batchSize() - 1)); // weight 0, attends only to itself
            }
        }
        int pairs = blocks.size() / 2;
        Share seg = shares.get(Task.SEGMENTATION);
        if (seg != null) {
            blockOfSample.put(Task.SEGMENTATION, addTargets(blocks, seg, true));
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a training batch needs at least one sample");
        }
        return new PackedBatch(arrays(config, blocks, pairs), blockOfSample);
    }

    /**
     * Appends a share's samples as target blocks (each followed by its condition block when {@code withCondition});
     * returns the block index of every sample.
     */
    private static int[] addTargets(List<Block> blocks, Share share, boolean withCondition) {
        int[] index = new int[share.inputs().batchSize()];
        for (int i = 0; i < index.length; i++) {
            index[i] = blocks.size();
            blocks.add(Block.target(share, i));
            if (withCondition) {
                blocks.add(Block.condition(share, i));
            }
        }
        return index;
    }

    /** The placeholder arrays of the packed training path. */
    public Map<String, INDArray> placeholders() {
        return placeholders;
    }

    /** The blocks' latents [2B', C, H, W]: noisy targets and clean condition latents. */
    public INDArray latents() {
        return placeholders.get(SCOPE + "/latents");
    }

    /** The blocks' velocity targets [2B', C, H, W] (zeros for condition blocks). */
    public INDArray target() {
        return placeholders.get(SCOPE + "/target");
    }

    /** The blocks' times s [2B'] (0 for condition blocks). */
    public INDArray times() {
        return placeholders.get(SCOPE + "/s");
    }

    /** The blocks' loss weights [2B'] (0 for condition and padding blocks). */
    public INDArray weights() {
        return placeholders.get(SCOPE + "/weight");
    }

    /** The blocks' text token ids [2B', L] (INT32) or embeddings; null for a class-conditional model. */
    public INDArray text() {
        return placeholders.get(SCOPE + "/text");
    }

    /** The blocks' text masks [2B', L]; null for a class-conditional model. */
    public INDArray textMask() {
        return placeholders.get(SCOPE + "/text_mask");
    }

    /** The additive self-attention bias [B', H, 2T, 2T] (see {@link #selfBias(int, int, int, int, float)}). */
    public INDArray selfBias() {
        return placeholders.get(SCOPE + "/self_bias");
    }

    /** The additive cross-attention bias [B', H, 2T, 2L] (see {@link #crossBias(INDArray, int, int)}); null without text. */
    public INDArray crossBias() {
        return placeholders.get(SCOPE + "/cross_bias");
    }

    /** A task's per-sample values [B] out of a per-block output [2B'] (for example the loss per block). */
    public float[] perSample(Task task, INDArray perBlock) {
        int[] index = blockOfSample.get(task);
        if (index == null) {
            throw new IllegalArgumentException("this batch holds no " + task + " samples");
        }
        float[] out = new float[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = perBlock.getFloat(index[i]);
        }
        return out;
    }

    /** One block: where its arrays come from ({@code source} row {@code row}) and what it is. */
    private record Block(Share source, int row, boolean condition, boolean padding) {
        static Block target(Share share, int row) {
            return new Block(share, row, false, false);
        }

        static Block condition(Share share, int row) {
            return new Block(share, row, true, false);
        }

        static Block padding(Share share, int row) {
            return new Block(share, row, false, true);
        }

        DiTInputs in() {
            return source.inputs();
        }
    }

    private static Map<String, INDArray> arrays(DiTConfig config, List<Block> blocks, int pairs) {
        int n = blocks.size();
        int sequences = n / 2;
        int t = config.numPatches();
        int c = config.inChannels();
        int h = config.inputSize();
        String p = SCOPE + "/";
        INDArray latents = Nd4j.create(DataType.FLOAT, n, c, h, h);
        INDArray target = Nd4j.create(DataType.FLOAT, n, c, h, h);
        float[] s = new float[n];
        float[] weight = new float[n];
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            latents.slice(i).assign((b.condition() ? b.in().cond() : b.in().x()).slice(b.row()));
            if (!b.condition()) {
                target.slice(i).assign(b.source().target().slice(b.row()));
                s[i] = b.in().s().getFloat(b.row());
            }
            weight[i] = b.condition() || b.padding() ? 0f : b.source().weight().getFloat(b.row());
        }
        Map<String, INDArray> map = new HashMap<>();
        map.put(p + "latents", latents);
        map.put(p + "target", target);
        map.put(p + "s", Nd4j.createFromArray(s));
        map.put(p + "weight", Nd4j.createFromArray(weight));
        map.put(p + "token_rows", TokenRows.oneHot(sequences, 2 * t, 2));
        map.put(p + "self_bias", selfBias(sequences, pairs, config.numHeads(), t, (float) config.condAlignBias()));
        if (config.text() == null) {
            int[] label = new int[n];
            for (int i = 0; i < n; i++) {
                label[i] = blocks.get(i).in().label().getInt(blocks.get(i).row());
            }
            map.put(p + "label", Nd4j.createFromArray(label));
        } else {
            boolean tokens = config.text().mode() == TextConfig.Mode.TOKENS;
            long[] shape = blocks.get(0).in().text().shape().clone();
            shape[0] = n;
            INDArray text = Nd4j.create(tokens ? DataType.INT : DataType.FLOAT, shape);   // ids or embeddings
            INDArray mask = Nd4j.create(DataType.FLOAT, n, config.text().maxLength());
            for (int i = 0; i < n; i++) {
                Block b = blocks.get(i);
                text.slice(i).assign(b.in().text().slice(b.row()));
                mask.slice(i).assign(b.in().textMask().slice(b.row()));
            }
            map.put(p + "text", text);
            map.put(p + "text_mask", mask);
            map.put(p + "cross_bias", crossBias(mask, config.numHeads(), t));
        }
        return map;
    }

    /**
     * [B', H, 2T, 2T]: 0 where a query may see a key; the first {@code pairs} sequences are block-diagonal, the
     * segmentation sequences after them carry {@link #conditionAlignment} (nothing when {@code alignBias} is 0).
     */
    static INDArray selfBias(int sequences, int pairs, int heads, int t, float alignBias) {
        int n = 2 * t;
        float[] values = new float[sequences * heads * n * n];
        for (int q = 0; q < pairs; q++) {
            for (int head = 0; head < heads; head++) {
                int base = (q * heads + head) * n * n;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (i / t != j / t) {
                            values[base + i * n + j] = MASKED;
                        }
                    }
                }
            }
        }
        if (alignBias != 0 && sequences > pairs) {
            float[] align = conditionAlignment(heads, t, alignBias).data().asFloat();  // [1, H, 2T, 2T]
            for (int q = pairs; q < sequences; q++) {
                System.arraycopy(align, 0, values, q * align.length, align.length);
            }
        }
        return Nd4j.create(values, new long[] {sequences, heads, n, n}, 'c');
    }

    /**
     * [1, H, 2T, 2T], the segmentation sequence's self-attention prior ({@link DiTConfig#condAlignBias}): in heads
     * {@code 0 .. max(1, H/2) - 1}, {@code bias} where target token i (row/column i) meets condition token i (T + i),
     * both ways; 0 elsewhere. Shared by the packed layout and the segmentation task's own path.
     */
    static INDArray conditionAlignment(int heads, int t, float bias) {
        int n = 2 * t;
        float[] values = new float[heads * n * n];
        for (int head = 0; head < Math.max(1, heads / 2); head++) {
            int base = head * n * n;
            for (int i = 0; i < t; i++) {
                values[base + i * n + t + i] = bias;
                values[base + (t + i) * n + i] = bias;
            }
        }
        return Nd4j.create(values, new long[] {1, heads, n, n}, 'c');
    }

    /**
     * [B', H, 2T, 2L]: a query of block k of a sequence sees the real tokens of block k's own text (keys
     * {@code k*L .. k*L + L - 1}) and nothing else.
     */
    static INDArray crossBias(INDArray textMask, int heads, int t) {
        int blocks = (int) textMask.size(0);
        int length = (int) textMask.size(1);
        float[] mask = textMask.data().asFloat();                  // [blocks, L], FLOAT (built by arrays)
        int n = 2 * t;
        int keys = 2 * length;
        int sequences = blocks / 2;
        float[] values = new float[sequences * heads * n * keys];
        java.util.Arrays.fill(values, MASKED);
        for (int q = 0; q < sequences; q++) {
            for (int head = 0; head < heads; head++) {
                int base = (q * heads + head) * n * keys;
                for (int i = 0; i < n; i++) {
                    int k = i / t;
                    for (int j = 0; j < length; j++) {
                        if (mask[(2 * q + k) * length + j] != 0f) {
                            values[base + i * keys + k * length + j] = 0f;
                        }
                    }
                }
            }
        }
        return Nd4j.create(values, new long[] {sequences, heads, n, keys}, 'c');
    }
}
