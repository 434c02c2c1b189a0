package org.genmask.dit.eager;

import java.util.ArrayList;
import java.util.List;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.PackedBatch;
import org.genmask.dit.Patchify;
import org.genmask.dit.PosEmbed2D;
import org.genmask.dit.RotaryEmbedding2D;
import org.genmask.dit.TextConfig;
import org.genmask.kernels.Activations;
import org.genmask.kernels.Floats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The packed training path of {@code GenMaskDiT} (its loss and the gradient of every trainable parameter) written out
 * by hand instead of run through the SameDiff graph: each matrix product is one OpenBLAS call on off-heap memory, each
 * normalisation, activation, modulation and softmax one fused Java pass, and every buffer is kept from step to step.
 * It computes what the graph computes, on the same {@link PackedBatch} and the same flat parameter vector (state-dict
 * order), to float rounding (tested against the graph); the graph stays the model for inference, weight import and
 * device backends.
 *
 * <p>Covers GenMask's configuration: text in token mode, no learned sigma, no class labels ({@link #supports}). Not
 * thread-safe: one instance per thread.
 */
public final class EagerDiT {
    private final DiTConfig config;
    private final ParameterLayout layout;
    private final Linear xEmbedder;
    private final TimestepEmbedder tEmbedder;
    private final TextEncoder text;
    private final List<DiTBlock> blocks = new ArrayList<>();
    private final FinalLayer finalLayer;
    private final float[] posEmbed;          // [T, D]
    private INDArray boundTheta;
    private INDArray boundGrad;
    private Floats patches;                  // [R, C*p*p]
    private final List<Floats> states = new ArrayList<>(); // block inputs, then the last block's output [R, D]
    private Floats tEmb;                     // [G, D]
    private Floats c;                        // [G, D] t_emb + pooled text
    private Floats siluC;                    // [G, D]
    private Floats dSiluC;                   // [G, D]
    private Floats context;                  // [G*L, D]
    private Floats dContext;                 // [G*L, D]
    private Floats out;                      // [R, F]
    private Floats dOut;                     // [R, F]
    private Floats dA;                       // [R, D]
    private Floats dB;                       // [R, D]

    /** Loss of every block [2B'] and the weighted total. */
    public record Result(float[] lossPerBlock, double loss) {
    }

    /** Whether the eager step implements this configuration. */
    public static boolean supports(DiTConfig config) {
        return config.text() != null && config.text().mode() == TextConfig.Mode.TOKENS && !config.learnSigma()
                && config.numClasses() == 0;
    }

    /**
     * @param names  the model's trainable parameter names in state-dict order (the flat vector's order)
     * @param shapes their shapes
     */
    public EagerDiT(DiTConfig config, List<String> names, List<long[]> shapes) {
        if (!supports(config)) {
            throw new IllegalArgumentException("the eager training step covers text-token GenMask models without"
                    + " learn_sigma or class labels; got " + config);
        }
        this.config = config;
        this.layout = new ParameterLayout(names, shapes);
        int d = config.hiddenSize();
        int p = config.patchSize();
        int features = config.inChannels() * p * p;
        this.xEmbedder = new Linear(layout, "x_embedder.proj", features, d, config.inChannels(), p);
        this.tEmbedder = new TimestepEmbedder(layout, "t_embedder", d,
                org.genmask.dit.TimestepEmbedder.frequencies());
        this.text = new TextEncoder(layout, "text_embedder", config.text(), d);
        RotaryEmbedding2D rope = config.rope()
                ? new RotaryEmbedding2D(config.inputSize() / p, config.headDim()) : null;
        for (int i = 0; i < config.depth(); i++) {
            blocks.add(new DiTBlock(layout, "blocks." + i, d, config.numHeads(), config.mlpHidden(), rope));
        }
        this.finalLayer = new FinalLayer(layout, "final_layer", d, p * p * config.outChannels());
        layout.requireAllClaimed();
        int grid = config.inputSize() / p;
        this.posEmbed = PosEmbed2D.table(d, grid).data().asFloat();
    }

    /** Number of trainable values, the length of the flat vectors. */
    public int size() {
        return layout.size;
    }

    /**
     * One forward and backward pass of the packed batch: returns the losses and overwrites {@code grad} [P] with the
     * gradient of the weighted loss at the parameters {@code theta} [P] (both contiguous float32 vectors).
     */
    public Result lossAndGradients(PackedBatch batch, INDArray theta, INDArray grad) {
        if (theta != boundTheta || grad != boundGrad) {
            layout.bind(Floats.of(theta), Floats.of(grad));
            boundTheta = theta;
            boundGrad = grad;
        }
        int groups = (int) batch.latents().size(0);                   // G = 2B' blocks
        int sequences = groups / 2;
        int tokens = config.numPatches();                             // T
        int rows = groups * tokens;                                   // R
        int d = config.hiddenSize();
        int length = config.text().maxLength();
        int heads = config.numHeads();
        int n = 2 * tokens;
        int cc = config.inChannels();
        int size = config.inputSize();
        int p = config.patchSize();
        int features = p * p * config.outChannels();
        allocate(groups, rows, length);
        layout.zeroGrad();

        // forward
        float[] patched = Patchify.patchify(batch.latents().castTo(DataType.FLOAT).data().asFloat(), groups, cc,
                size, p);                                             // [R, C*p*p]
        patches.copyFrom(0, patched, 0, patched.length);
        Floats x = states.get(0);
        xEmbedder.forward(patches, rows, x);                          // [R, D]
        for (int r = 0; r < rows; r++) {
            int t = (r % tokens) * d;
            for (int j = 0; j < d; j++) {
                x.add(r * d + j, posEmbed[t + j]);
            }
        }
        tEmbedder.forward(batch.times().castTo(DataType.FLOAT).data().asFloat(), groups,
                (float) config.timestepScale(), tEmb);                // [G, D]
        text.forward(batch.text().castTo(DataType.INT).data().asInt(),
                batch.textMask().castTo(DataType.FLOAT).data().asFloat(), groups, context, c); // c = pooled [G, D]
        for (int i = 0; i < groups * d; i++) {
            c.set(i, c.get(i) + tEmb.get(i));                         // c = t_emb + pooled
        }
        Activations.silu(c, siluC, groups * d);
        Attention.Bias selfBias = new Attention.Bias(Floats.of(contiguous(batch.selfBias())), heads * n * n, n * n,
                n);
        Attention.Bias crossBias = new Attention.Bias(Floats.of(contiguous(batch.crossBias())),
                heads * n * 2 * length, n * 2 * length, 2 * length);
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).forward(states.get(i), sequences, tokens, siluC, context, length, selfBias, crossBias,
                    states.get(i + 1));                               // [R, D]
        }
        finalLayer.forward(states.get(blocks.size()), rows, tokens, siluC, out); // [R, F]

        // loss: per block, the mean squared error over its C*H*W values; dL/d out
        float[] target = Patchify.outputTokens(batch.target().castTo(DataType.FLOAT).data().asFloat(), groups,
                config.outChannels(), size, p);                       // [R, F]
        float[] weight = batch.weights().castTo(DataType.FLOAT).data().asFloat();
        float[] perBlock = new float[groups];
        double loss = 0;
        int perLatent = tokens * features;                            // C*H*W
        for (int g = 0; g < groups; g++) {
            double sum = 0;
            float scale = 2f * weight[g] / perLatent;
            for (int i = g * perLatent; i < (g + 1) * perLatent; i++) {
                float diff = out.get(i) - target[i];
                sum += diff * diff;
                dOut.set(i, scale * diff);
            }
            perBlock[g] = (float) (sum / perLatent);
            loss += weight[g] * (double) perBlock[g];
        }

        // backward
        dSiluC.zero(groups * d);
        dContext.zero(groups * length * d);
        finalLayer.backward(dOut, dA, dSiluC);                        // dA = dL/d last state
        for (int i = blocks.size() - 1; i >= 0; i--) {
            blocks.get(i).backward(dA, dB, dSiluC, dContext);          // dB = dL/d block input
            Floats t = dA;
            dA = dB;
            dB = t;
        }
        xEmbedder.backward(dA, patches, rows, null, false);
        Activations.siluBackward(c, dSiluC, dSiluC, groups * d);      // dL/dc, to t_emb and the pooled text
        tEmbedder.backward(dSiluC);
        text.backward(dContext, dSiluC);
        return new Result(perBlock, loss);
    }

    private static INDArray contiguous(INDArray a) {
        INDArray f = a.castTo(DataType.FLOAT);
        return f.isView() || f.ordering() != 'c' ? f.dup('c') : f;
    }

    private void allocate(int groups, int rows, int length) {
        int d = config.hiddenSize();
        int p = config.patchSize();
        patches = Floats.atLeast(patches, rows * config.inChannels() * p * p);
        while (states.size() < blocks.size() + 1) {
            states.add(null);
        }
        for (int i = 0; i <= blocks.size(); i++) {
            states.set(i, Floats.atLeast(states.get(i), rows * d));
        }
        tEmb = Floats.atLeast(tEmb, groups * d);
        c = Floats.atLeast(c, groups * d);
        siluC = Floats.atLeast(siluC, groups * d);
        dSiluC = Floats.atLeast(dSiluC, groups * d);
        context = Floats.atLeast(context, groups * length * d);
        dContext = Floats.atLeast(dContext, groups * length * d);
        out = Floats.atLeast(out, rows * p * p * config.outChannels());
        dOut = Floats.atLeast(dOut, rows * p * p * config.outChannels());
        dA = Floats.atLeast(dA, rows * d);
        dB = Floats.atLeast(dB, rows * d);
    }
}
