package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A DiT block with adaLN-Zero conditioning; with text, a cross-attention to the text tokens sits between the
 * self-attention and the MLP (as in PixArt-alpha).
 */
final class DiTBlock {
    private final LayerNorm norm1;
    private final SelfAttention attn;
    private final CrossAttention crossAttn;
    private final LayerNorm norm2;
    private final Mlp mlp;
    private final AdaLNModulation adaLN;

    DiTBlock(StateDict params, String prefix, DiTConfig config) {
        int d = config.hiddenSize();
        this.norm1 = new LayerNorm(d, 1e-6);
        this.attn = new SelfAttention(params, prefix + ".attn", d, config.numHeads(), config.rope()
                ? new RotaryEmbedding2D(config.inputSize() / config.patchSize(), config.headDim()) : null);
        this.crossAttn = config.text() == null ? null
                : new CrossAttention(params, prefix + ".cross_attn", d, config.numHeads());
        this.norm2 = new LayerNorm(d, 1e-6);
        this.mlp = new Mlp(params, prefix + ".mlp", d, config.mlpHidden());
        this.adaLN = new AdaLNModulation(params, prefix + ".adaLN_modulation", d, 6);
    }

    /**
     * @param x             token rows [B*n, D]
     * @param c             [B*K, D] conditioning per distinct timestep
     * @param tokenRows     [B, n, K] one-hot group of each token ({@link TokenRows})
     * @param selfBias      additive self-attention bias broadcastable to [B, H, n, n], or null (every token sees
     *                      every token of its sample)
     * @param context       text context rows [B*L, D], or null (class-conditional: no cross-attention)
     * @param contextBias   additive cross-attention bias broadcastable to [B, H, n, L]
     * @return [B*n, D]
     */
    SDVariable forward(String name, SDVariable x, int n, SDVariable c, int groups, SDVariable tokenRows,
                       SDVariable selfBias, SDVariable context, int contextLength, SDVariable contextBias) {
        SDVariable[] m = adaLN.forward(name + "/adaLN", c, groups, tokenRows, n); // 6 x [B*n, D]
        SDVariable h = AdaLNModulation.modulate(norm1.forward(name + "/norm1", x), m[0], m[1]);
        x = x.add(m[2].mul(attn.forward(name + "/attn", h, n, selfBias)));         // [B*n, D]
        if (crossAttn != null) {
            x = x.add(crossAttn.forward(name + "/cross_attn", x, n, context, contextLength,
                    contextBias));                                                   // [B*n, D]
        }
        h = AdaLNModulation.modulate(norm2.forward(name + "/norm2", x), m[3], m[4]);
        return x.add(m[5].mul(mlp.forward(name + "/mlp", h)));                       // [B*n, D]
    }
}
