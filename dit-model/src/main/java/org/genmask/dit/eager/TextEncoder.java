package org.genmask.dit.eager;

import java.util.ArrayList;
import java.util.List;
import org.genmask.dit.TextConfig;
import org.genmask.kernels.Activations;
import org.genmask.kernels.Floats;

/**
 * GenMask's text conditioning in token mode, forward and backward: token embedding plus a learned position
 * embedding, pre-LN encoder layers, a final LayerNorm, then per-token context rows for the cross-attention and a
 * pooled vector (mean over real tokens through a SiLU MLP). Mirrors {@code org.genmask.dit.TextEmbedder}.
 */
final class TextEncoder {
    private final int vocab;
    private final int length;
    private final int width;
    private final int dim;
    private final ParameterLayout.Handle tokenEmbedding;     // [V, W]
    private final ParameterLayout.Handle positionEmbedding;  // [1, L, W]
    private final List<TextEncoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear contextProj;
    private final Linear pooled1;
    private final Linear pooled2;
    private final List<Floats> states = new ArrayList<>();  // layer inputs, then the last layer's output [Rt, W]
    private Floats normed;        // [Rt, W] final_norm output
    private Floats mean;          // [G, W]
    private Floats hidden;        // [G, D] pooled_proj.linear_1 output
    private Floats activated;     // [G, D]
    private Floats dA;            // [Rt, W]
    private Floats dB;            // [Rt, W]
    private Floats dMean;         // [G, W]
    private Floats dHidden;       // [G, D]
    private Floats keyBias;       // [G, L]
    private float[] poolWeight = new float[0]; // [G, L] mask / number of real tokens
    private int[] ids = new int[0];
    private int texts;

    TextEncoder(ParameterLayout layout, String prefix, TextConfig config, int dim) {
        this.vocab = config.vocabSize();
        this.length = config.maxLength();
        this.width = config.width();
        this.dim = dim;
        this.tokenEmbedding = layout.claim(prefix + ".token_embedding.weight", vocab, width);
        this.positionEmbedding = layout.claim(prefix + ".position_embedding", 1, length, width);
        for (int j = 0; j < config.depth(); j++) {
            layers.add(new TextEncoderLayer(layout, prefix + ".layers." + j, width, config.numHeads()));
        }
        this.finalNorm = new LayerNorm(layout, prefix + ".final_norm", width, 1e-6);
        this.contextProj = new Linear(layout, prefix + ".context_proj", width, dim);
        this.pooled1 = new Linear(layout, prefix + ".pooled_proj.linear_1", width, dim);
        this.pooled2 = new Linear(layout, prefix + ".pooled_proj.linear_2", dim, dim);
    }

    /** Attention bias of the texts' padding, [G, L] (0 or -1e9), valid after {@link #forward}. */
    Attention.Bias keyBias() {
        return new Attention.Bias(keyBias, length, 0, 0);
    }

    /**
     * context[G*L, D] and pooled[G, D] of G texts: ids [G*L] in [0, V), mask [G*L] (1 real, 0 padding; every text
     * has a real token).
     */
    void forward(int[] ids, float[] mask, int texts, Floats context, Floats pooled) {
        this.texts = texts;
        int rows = texts * length;
        int rw = rows * width;
        this.ids = ids.clone();
        while (states.size() < layers.size() + 1) {
            states.add(null);
        }
        for (int i = 0; i <= layers.size(); i++) {
            states.set(i, Floats.atLeast(states.get(i), rw));
        }
        normed = Floats.atLeast(normed, rw);
        mean = Floats.atLeast(mean, texts * width);
        hidden = Floats.atLeast(hidden, texts * dim);
        activated = Floats.atLeast(activated, texts * dim);
        dA = Floats.atLeast(dA, rw);
        dB = Floats.atLeast(dB, rw);
        dMean = Floats.atLeast(dMean, texts * width);
        dHidden = Floats.atLeast(dHidden, texts * dim);
        keyBias = Floats.atLeast(keyBias, rows);
        if (poolWeight.length < rows) {
            poolWeight = new float[rows];
        }
        Floats table = tokenEmbedding.value();
        Floats position = positionEmbedding.value();
        Floats x = states.get(0);
        for (int r = 0; r < rows; r++) {
            int id = ids[r];
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("text token id " + id + " at position " + r % length
                        + " of text " + r / length + " is outside the vocabulary [0, " + vocab + ")");
            }
            for (int j = 0; j < width; j++) {
                x.set(r * width + j, table.get(id * width + j) + position.get((r % length) * width + j));
            }
            keyBias.set(r, (mask[r] - 1f) * 1e9f);
        }
        for (int g = 0; g < texts; g++) {
            float real = 0f;
            for (int l = 0; l < length; l++) {
                real += mask[g * length + l];
            }
            for (int l = 0; l < length; l++) {
                poolWeight[g * length + l] = mask[g * length + l] / real;
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(states.get(i), texts, length, keyBias(), states.get(i + 1)); // [Rt, W]
        }
        finalNorm.forward(states.get(layers.size()), rows, normed);                        // [Rt, W]
        contextProj.forward(normed, rows, context);                                         // [Rt, D]
        for (int g = 0; g < texts; g++) {
            for (int j = 0; j < width; j++) {
                float sum = 0f;
                for (int l = 0; l < length; l++) {
                    sum += normed.get((g * length + l) * width + j) * poolWeight[g * length + l];
                }
                mean.set(g * width + j, sum);                                                // [G, W]
            }
        }
        pooled1.forward(mean, texts, hidden);                                               // [G, D]
        Activations.silu(hidden, activated, texts * dim);
        pooled2.forward(activated, texts, pooled);                                          // [G, D]
    }

    /** From dL/d context [G*L, D] and dL/d pooled [G, D]: adds every text-encoder weight gradient. */
    void backward(Floats dContext, Floats dPooled) {
        int rows = texts * length;
        pooled2.backward(dPooled, activated, texts, dHidden, false);                         // [G, D]
        Activations.siluBackward(hidden, dHidden, dHidden, texts * dim);
        pooled1.backward(dHidden, mean, texts, dMean, false);                               // [G, W]
        contextProj.backward(dContext, normed, rows, dA, false);                            // dA = dL/d normed
        for (int r = 0; r < rows; r++) {
            float w = poolWeight[r];
            int g = r / length;
            for (int j = 0; j < width; j++) {
                dA.add(r * width + j, dMean.get(g * width + j) * w);
            }
        }
        dB.zero(rows * width);
        finalNorm.backward(dA, rows, dB);                                                   // dB = dL/d last state
        for (int i = layers.size() - 1; i >= 0; i--) {
            layers.get(i).backward(dB, dA);                                                 // dA = dL/d its input
            Floats t = dA;
            dA = dB;
            dB = t;
        }
        Floats dTable = tokenEmbedding.grad();
        Floats dPosition = positionEmbedding.grad();
        for (int r = 0; r < rows; r++) {
            int id = ids[r];
            int l = r % length;
            for (int j = 0; j < width; j++) {
                float d = dB.get(r * width + j);
                dTable.add(id * width + j, d);
                dPosition.add(l * width + j, d);
            }
        }
    }
}
