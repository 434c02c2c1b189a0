package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Cross-attention from image tokens to text tokens, named as in PixArt-alpha's {@code MultiHeadCrossAttention}
 * ({@code q_linear}, {@code kv_linear} with output ordered k | v, {@code proj}). The output projection starts at
 * zero, so a block with fresh cross-attention computes what it computed without it.
 */
final class CrossAttention {
    private final Linear qLinear;
    private final Linear kvLinear;
    private final Linear proj;
    private final int dim;
    private final int heads;

    CrossAttention(StateDict params, String prefix, int dim, int heads) {
        this.qLinear = new Linear(params, prefix + ".q_linear", dim, dim);
        this.kvLinear = new Linear(params, prefix + ".kv_linear", dim, 2 * dim);
        this.proj = new Linear(params, prefix + ".proj", dim, dim, StateDict.Init.ZEROS, StateDict.Init.ZEROS);
        this.dim = dim;
        this.heads = heads;
    }

    /** x: [B, n, D], context: [B, L, D], contextBias: [B, 1, 1, L] -> [B, n, D]. */
    SDVariable forward(String name, SDVariable x, int n, SDVariable context, int length, SDVariable contextBias) {
        SameDiff sd = x.getSameDiff();
        SDVariable q = qLinear.forwardTokens(name + "/q", x, n);                  // [B, n, D]
        SDVariable kv = kvLinear.forwardTokens(name + "/kv", context, length);    // [B, L, 2D]
        SDVariable[] parts = sd.split(kv, 2, 2);                                   // 2 x [B, L, D]
        SDVariable attended = MultiHeadAttention.attend(name + "/heads", q, parts[0], parts[1], n, length, heads,
                dim, contextBias);                                                 // [B, n, D]
        return proj.forwardTokens(name, attended, n);                              // [B, n, D]
    }
}
