package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;

/** DiT's {@code FinalLayer}: adaLN-modulated LayerNorm, then a linear map to p*p*out_channels (both start at zero). */
final class FinalLayer {
    private final LayerNorm norm;
    private final Linear linear;
    private final AdaLNModulation adaLN;

    FinalLayer(StateDict params, String prefix, int dim, int patch, int outChannels) {
        this.norm = new LayerNorm(dim, 1e-6);
        this.linear = new Linear(params, prefix + ".linear", dim, patch * patch * outChannels, StateDict.Init.ZEROS,
                StateDict.Init.ZEROS);
        this.adaLN = new AdaLNModulation(params, prefix + ".adaLN_modulation", dim, 2);
    }

    /**
     * x: token rows [B*n, D], c: [B*K, D] conditioning per group, tokenRows: [B, n, K] -> [B*n, p*p*out].
     */
    SDVariable forward(String name, SDVariable x, int n, SDVariable c, int groups, SDVariable tokenRows) {
        SDVariable[] m = adaLN.forward(name + "/adaLN", c, groups, tokenRows, n);      // 2 x [B*n, D]
        SDVariable h = AdaLNModulation.modulate(norm.forward(name + "/norm", x), m[0], m[1]); // [B*n, D]
        return linear.forward(name + "/rows", h);                                       // [B*n, p*p*out]
    }
}
