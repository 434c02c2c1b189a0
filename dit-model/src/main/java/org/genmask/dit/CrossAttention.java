package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;

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

    /** x: rows [B*n, D], context: rows [B*L, D], contextBias: broadcastable to [B, H, n, L] -> [B*n, D]. */
    SDVariable forward(String name, SDVariable x, int n, SDVariable context, int length, SDVariable contextBias) {
        int headDim = dim / heads;
        SDVariable q = MultiHeadAttention.heads(qLinear.forward(name + "/q", x), n, 1, heads, headDim)[0]; // [B, H, n, hd]
        SDVariable[] kv = MultiHeadAttention.heads(kvLinear.forward(name + "/kv", context), length, 2, heads,
                headDim);                                                                 // 2 x [B, H, L, hd]
        SDVariable attended = MultiHeadAttention.attend(name + "/heads", q, kv[0], kv[1], headDim, dim,
                contextBias);                                                             // [B*n, D]
        return proj.forward(name, attended);                                              // [B*n, D]
    }
}
