package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A DiT block with adaLN-Zero conditioning; with text, a cross-attention to the text tokens sits between the
 * self-attention and the MLP (as in PixArt-alpha).
 */
final class DiTBlock {
    private final LayerNorm norm1 = new LayerNorm(1e-6);
    private final SelfAttention attn;
    private final CrossAttention crossAttn;
    private final LayerNorm norm2 = new LayerNorm(1e-6);
    private final Mlp mlp;
    private final AdaLNModulation adaLN;

    DiTBlock(StateDict params, String prefix, DiTConfig config) {
        int d = config.hiddenSize();
        this.attn = new SelfAttention(params, prefix + ".attn", d, config.numHeads());
        this.crossAttn = config.text() == null ? null
                : new CrossAttention(params, prefix + ".cross_attn", d, config.numHeads());
        this.mlp = new Mlp(params, prefix + ".mlp", d, config.mlpHidden());
        this.adaLN = new AdaLNModulation(params, prefix + ".adaLN_modulation", d, 6);
    }

    /**
     * @param x           [B, n, D] tokens
     * @param c           [B, K, D] conditioning per distinct timestep
     * @param tokenGroups [n] group of each token or null (K = 1)
     * @param text        text features or null (class-conditional)
     */
    SDVariable forward(String name, SDVariable x, int n, SDVariable c, int groups, SDVariable tokenGroups,
                       TextEmbedder.Features text, int textLength) {
        SDVariable[] m = adaLN.forward(name + "/adaLN", c, groups, tokenGroups); // 6 x [B, n|1, D]
        SDVariable h = AdaLNModulation.modulate(norm1.forward(name + "/norm1", x), m[0], m[1]);
        x = x.add(m[2].mul(attn.forward(name + "/attn", h, n, null)));           // [B, n, D]
        if (crossAttn != null) {
            x = x.add(crossAttn.forward(name + "/cross_attn", x, n, text.context(), textLength,
                    text.contextBias()));                                          // [B, n, D]
        }
        h = AdaLNModulation.modulate(norm2.forward(name + "/norm2", x), m[3], m[4]);
        return x.add(name, m[5].mul(mlp.forward(name + "/mlp", h, n)));           // [B, n, D]
    }
}
