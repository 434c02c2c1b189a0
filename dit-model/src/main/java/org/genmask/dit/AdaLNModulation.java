package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * {@code adaLN_modulation = Sequential(SiLU, Linear(D, chunks * D))} with GenMask's per-token timestep conditioning.
 *
 * <p>The conditioning comes as {@code c: [B, K, D]}, one vector per distinct timestep of a sample (K = 1 for the plain
 * DiT and image generation; K = 2 for segmentation: the noisy target tokens at s and the clean condition tokens at
 * s = 0). The modulation is computed once per distinct timestep ({@code [B, K, chunks*D]}) and only then spread to the
 * tokens by one matrix product with a constant one-hot token-to-group matrix {@code [n, K]}. (Not a gather on axis 1:
 * SameDiff 1.0.0-M2.1 cannot differentiate two such gathers in one graph, it reuses a fixed variable name.)
 * Starts at zero (adaLN-Zero).
 */
final class AdaLNModulation {
    private final Linear linear;
    private final int dim;
    private final int chunks;

    AdaLNModulation(StateDict params, String prefix, int dim, int chunks) {
        this.linear = new Linear(params, prefix + ".1", dim, chunks * dim, StateDict.Init.ZEROS,
                StateDict.Init.ZEROS);
        this.dim = dim;
        this.chunks = chunks;
    }

    /**
     * @param c           [B, K, D]
     * @param tokenGroups [n, K] one-hot group of each token, or null when K = 1 (broadcast over tokens)
     * @return {@code chunks} tensors, each [B, n, D] (or [B, 1, D] when broadcasting), in the reference order
     */
    SDVariable[] forward(String name, SDVariable c, int groups, SDVariable tokenGroups) {
        SameDiff sd = c.getSameDiff();
        SDVariable rows = sd.nn().swish(c.reshape(-1, dim));                     // [B*K, D]
        SDVariable mod = sd.reshape(name + "/per_group", linear.forward(name, rows),
                -1, groups, chunks * dim);                                       // [B, K, chunks*D]
        if (tokenGroups != null) {
            int n = (int) tokenGroups.getShape()[0];
            SDVariable byGroup = sd.permute(mod, 1, 0, 2).reshape(groups, -1);  // [K, B*chunks*D]
            SDVariable byToken = sd.mmul(tokenGroups, byGroup)                  // [n, B*chunks*D]
                    .reshape(n, -1, chunks * dim);                              // [n, B, chunks*D]
            mod = sd.permute(name + "/per_token", byToken, 1, 0, 2);            // [B, n, chunks*D]
        }
        return sd.split(mod, chunks, 2);                                         // chunks x [B, n|1, D]
    }

    /** {@code x * (1 + scale) + shift}; x [B, n, D], shift/scale [B, n|1, D]. */
    static SDVariable modulate(SDVariable x, SDVariable shift, SDVariable scale) {
        return x.mul(scale.add(1.0)).add(shift);                                 // [B, n, D]
    }
}
