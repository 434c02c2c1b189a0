package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** timm's {@code Attention}: a fused qkv projection (output features ordered q | k | v), heads, {@code proj}. */
final class SelfAttention {
    private final Linear qkv;
    private final Linear proj;
    private final int dim;
    private final int heads;

    SelfAttention(StateDict params, String prefix, int dim, int heads) {
        this.qkv = new Linear(params, prefix + ".qkv", dim, 3 * dim);
        this.proj = new Linear(params, prefix + ".proj", dim, dim);
        this.dim = dim;
        this.heads = heads;
    }

    /** x: [B, n, D], keyBias [B, 1, 1, n] or null -> [B, n, D]. */
    SDVariable forward(String name, SDVariable x, int n, SDVariable keyBias) {
        SameDiff sd = x.getSameDiff();
        SDVariable fused = qkv.forwardTokens(name + "/qkv", x, n);        // [B, n, 3D]
        SDVariable[] parts = sd.split(fused, 3, 2);                        // 3 x [B, n, D]
        SDVariable attended = MultiHeadAttention.attend(name + "/heads", parts[0], parts[1], parts[2], n, n, heads,
                dim, keyBias);                                             // [B, n, D]
        return proj.forwardTokens(name, attended, n);                      // [B, n, D]
    }
}
