package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;

/** timm's {@code Attention}: a fused qkv projection (output features ordered q | k | v), heads, {@code proj}. */
final class SelfAttention {
    private final Linear qkv;
    private final Linear proj;
    private final int dim;
    private final int heads;
    private final RotaryEmbedding2D rope;

    SelfAttention(StateDict params, String prefix, int dim, int heads) {
        this(params, prefix, dim, heads, null);
    }

    /** With {@code rope} non-null, queries and keys are turned by their grid position before the scores. */
    SelfAttention(StateDict params, String prefix, int dim, int heads, RotaryEmbedding2D rope) {
        this.qkv = new Linear(params, prefix + ".qkv", dim, 3 * dim);
        this.proj = new Linear(params, prefix + ".proj", dim, dim);
        this.dim = dim;
        this.heads = heads;
        this.rope = rope;
    }

    /** x: rows [B*n, D] of n-token sequences, bias broadcastable to [B, H, n, n] or null -> [B*n, D]. */
    SDVariable forward(String name, SDVariable x, int n, SDVariable keyBias) {
        int headDim = dim / heads;
        SDVariable fused = qkv.forward(name + "/qkv", x);                                  // [B*n, 3D]
        SDVariable[] qkvHeads = MultiHeadAttention.heads(fused, n, 3, heads, headDim);     // 3 x [B, H, n, hd]
        SDVariable[] qk = rope == null ? qkvHeads : rope.rotate(qkvHeads[0], qkvHeads[1], n); // 2 x [B, H, n, hd]
        SDVariable attended = MultiHeadAttention.attend(name + "/heads", qk[0], qk[1], qkvHeads[2],
                headDim, dim, keyBias);                                                    // [B*n, D]
        return proj.forward(name, attended);                                               // [B*n, D]
    }
}
