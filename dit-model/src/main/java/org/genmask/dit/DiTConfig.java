package org.genmask.dit;

import java.util.Locale;
import java.util.Map;

/**
 * The DiT architecture: the arguments of the reference {@code DiT(...)} constructor plus GenMask's text conditioning.
 * A class-conditional DiT is the special case {@code text == null, numClasses > 0}; GenMask uses text
 * ({@code numClasses == 0}). Presets carry the paper's names (DiT-S/2 ... DiT-XL/2).
 *
 * @param timestepScale the model embeds {@code t = s * timestepScale}; flow-matching time s in [0, 1] is scaled to
 *                      the DDPM range [0, 1000] that DiT's sinusoidal embedder was designed for. 1 feeds t as is.
 * @param condAlignBias segmentation only: a fixed bias added to the self-attention score between target token i and
 *                      condition token i (the same latent position), both ways, in the first half of the heads (at
 *                      least one); 0 (the reference) adds none. Trained from scratch, the model otherwise needs ~200
 *                      rounds to discover which condition token lies under a target token (docs/benchmarks.md).
 *                      The layout is {@link PackedBatch#conditionAlignment}'s.
 * @param rope          also turn the self-attention queries and keys by their grid position ({@link
 *                      RotaryEmbedding2D}), on top of the reference's fixed sin-cos embedding; false is the reference
 */
public record DiTConfig(int inputSize, int patchSize, int inChannels, int hiddenSize, int depth, int numHeads,
                        double mlpRatio, double classDropoutProb, int numClasses, boolean learnSigma,
                        double timestepScale, TextConfig text, double condAlignBias, boolean rope) {

    /** Frequency channels of the sinusoidal timestep embedding (fixed in the reference). */
    public static final int FREQUENCY_EMBEDDING_SIZE = 256;

    /** Depth, hidden size and heads of the named sizes: S, B, L, XL from the DiT paper; T and Bench for tests. */
    private static final Map<String, int[]> SIZES = Map.of(
            "T", new int[] {2, 64, 4},
            "Bench", new int[] {4, 256, 4},
            "Mini", new int[] {4, 128, 4},
            "S", new int[] {12, 384, 6},
            "B", new int[] {12, 768, 12},
            "L", new int[] {24, 1024, 16},
            "XL", new int[] {28, 1152, 16});

    public DiTConfig {
        require(inputSize > 0, "input_size must be > 0, got " + inputSize);
        require(patchSize > 0 && inputSize % patchSize == 0,
                "input_size (" + inputSize + ") must be a multiple of patch_size (" + patchSize + ")");
        require(inChannels > 0, "in_channels must be > 0, got " + inChannels);
        require(depth > 0, "depth must be > 0, got " + depth);
        require(numHeads > 0 && hiddenSize % numHeads == 0,
                "hidden_size (" + hiddenSize + ") must be a multiple of num_heads (" + numHeads + ")");
        require(hiddenSize % 4 == 0, "hidden_size must be a multiple of 4 (2-D sin-cos position embedding), got "
                + hiddenSize);
        require(mlpRatio > 0, "mlp_ratio must be > 0, got " + mlpRatio);
        require(classDropoutProb >= 0 && classDropoutProb < 1,
                "class_dropout_prob must be in [0, 1), got " + classDropoutProb);
        require(numClasses >= 0, "num_classes must be >= 0, got " + numClasses);
        require(timestepScale > 0, "timestep_scale must be > 0, got " + timestepScale);
        require(numClasses > 0 || text != null, "a DiT needs a condition: num_classes > 0 or a text config");
        require(!rope || (hiddenSize / numHeads) % 4 == 0,
                "rope needs hidden_size / num_heads to be a multiple of 4, got " + hiddenSize / Math.max(1, numHeads));
        require(condAlignBias >= 0 && Double.isFinite(condAlignBias),
                "cond_align_bias must be finite and >= 0, got " + condAlignBias);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * A class-conditional preset, as in the reference {@code DiT_models}: {@code "DiT-XL/2"}, {@code "DiT-S/4"},
     * and the small {@code "DiT-T/2"}, {@code "DiT-Mini/4"} (the quickstart's) and {@code "DiT-Bench/2"} used by tests,
     * the quickstart and benchmarks.
     */
    public static DiTConfig preset(String name, int inputSize, int inChannels, int numClasses) {
        String[] parts = name.startsWith("DiT-") ? name.substring(4).split("/") : new String[0];
        int[] size = parts.length == 2 ? SIZES.get(parts[0]) : null;
        if (size == null || !parts[1].matches("[248]")) {
            throw new IllegalArgumentException("unknown DiT preset '" + name + "': expected DiT-{"
                    + String.join(",", SIZES.keySet()) + "}/{2,4,8}");
        }
        return new DiTConfig(inputSize, Integer.parseInt(parts[1]), inChannels, size[1], size[0], size[2], 4.0, 0.1,
                numClasses, true, 1.0, null, 0, false);
    }

    /** The GenMask variant: text instead of labels, no learned sigma, t = 1000 s. */
    public DiTConfig withText(TextConfig textConfig) {
        return new DiTConfig(inputSize, patchSize, inChannels, hiddenSize, depth, numHeads, mlpRatio,
                classDropoutProb, 0, false, 1000.0, textConfig, condAlignBias, rope);
    }

    public DiTConfig withLearnSigma(boolean value) {
        return new DiTConfig(inputSize, patchSize, inChannels, hiddenSize, depth, numHeads, mlpRatio,
                classDropoutProb, numClasses, value, timestepScale, text, condAlignBias, rope);
    }

    /** The same model with another width, depth and number of attention heads. */
    public DiTConfig withSize(int hidden, int blocks, int heads) {
        return new DiTConfig(inputSize, patchSize, inChannels, hidden, blocks, heads, mlpRatio,
                classDropoutProb, numClasses, learnSigma, timestepScale, text, condAlignBias, rope);
    }

    public DiTConfig withCondAlignBias(double value) {
        return new DiTConfig(inputSize, patchSize, inChannels, hiddenSize, depth, numHeads, mlpRatio,
                classDropoutProb, numClasses, learnSigma, timestepScale, text, value, rope);
    }

    public DiTConfig withRope(boolean value) {
        return new DiTConfig(inputSize, patchSize, inChannels, hiddenSize, depth, numHeads, mlpRatio,
                classDropoutProb, numClasses, learnSigma, timestepScale, text, condAlignBias, value);
    }

    /** Channels the final layer predicts: the velocity (or epsilon) plus, with {@code learn_sigma}, as many more. */
    public int outChannels() {
        return learnSigma ? 2 * inChannels : inChannels;
    }

    /** Tokens of one latent: (input_size / patch_size)^2. */
    public int numPatches() {
        int side = inputSize / patchSize;
        return side * side;
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    public int mlpHidden() {
        return (int) (hiddenSize * mlpRatio);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DiT(input=%d, patch=%d, in=%d, hidden=%d, depth=%d, heads=%d, classes=%d,"
                + " learn_sigma=%s, text=%s, cond_align_bias=%s, rope=%s)", inputSize, patchSize, inChannels,
                hiddenSize, depth, numHeads, numClasses, learnSigma, text, condAlignBias, rope);
    }
}
