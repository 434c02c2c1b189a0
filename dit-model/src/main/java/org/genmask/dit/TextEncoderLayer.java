package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;

/** One pre-LN transformer layer of the small text encoder: {@code x + attn(norm1(x))}, then {@code x + mlp(norm2(x))}. */
final class TextEncoderLayer {
    private final LayerNorm norm1;
    private final SelfAttention attn;
    private final LayerNorm norm2;
    private final Mlp mlp;

    TextEncoderLayer(StateDict params, String prefix, int width, int heads) {
        this.norm1 = new LayerNorm(params, prefix + ".norm1", width, 1e-6);
        this.attn = new SelfAttention(params, prefix + ".attn", width, heads);
        this.norm2 = new LayerNorm(params, prefix + ".norm2", width, 1e-6);
        this.mlp = new Mlp(params, prefix + ".mlp", width, 4 * width);
    }

    /** x: rows [B*L, W], keyBias: [B, 1, 1, L] -> [B*L, W]. */
    SDVariable forward(String name, SDVariable x, int length, SDVariable keyBias) {
        SDVariable h = x.add(attn.forward(name + "/attn", norm1.forward(name + "/norm1", x), length, keyBias));
        return h.add(name, mlp.forward(name + "/mlp", norm2.forward(name + "/norm2", h)));    // [B*L, W]
    }
}
