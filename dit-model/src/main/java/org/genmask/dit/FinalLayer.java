package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;

/** DiT's {@code FinalLayer}: adaLN-modulated LayerNorm, then a linear map to p*p*out_channels (both start at zero). */
final class FinalLayer {
    private final LayerNorm norm = new LayerNorm(1e-6);
    private final Linear linear;
    private final AdaLNModulation adaLN;
    private final int outFeatures;

    FinalLayer(StateDict params, String prefix, int dim, int patch, int outChannels) {
        this.outFeatures = patch * patch * outChannels;
        this.linear = new Linear(params, prefix + ".linear", dim, outFeatures, StateDict.Init.ZEROS,
                StateDict.Init.ZEROS);
        this.adaLN = new AdaLNModulation(params, prefix + ".adaLN_modulation", dim, 2);
    }

    /** x: [B, n, D], c: [B, 1, D] (the target tokens' conditioning) -> [B, n, p*p*out]. */
    SDVariable forward(String name, SDVariable x, int n, SDVariable c) {
        SDVariable[] m = adaLN.forward(name + "/adaLN", c, 1, null);            // 2 x [B, 1, D]
        SDVariable h = AdaLNModulation.modulate(norm.forward(name + "/norm", x), m[0], m[1]); // [B, n, D]
        return linear.forwardTokens(name, h, n);                                // [B, n, p*p*out]
    }
}
