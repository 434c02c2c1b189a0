package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * {@code adaLN_modulation = Sequential(SiLU, Linear(D, chunks * D))} with GenMask's per-token timestep conditioning.
 *
 * <p>The conditioning comes as rows {@code c: [B*K, D]}, one per distinct timestep of a sample (row {@code b*K + k};
 * K = 1 for the plain DiT and image generation; K = 2 for segmentation: the noisy target tokens at s and the clean
 * condition tokens at s = 0). The modulation is computed once per distinct timestep ({@code [B*K, chunks*D]}) and only
 * then spread to the token rows by one batched matrix product with the one-hot token-to-group map of {@link TokenRows}
 * ({@code [B, n, K]}: linear in the batch size), so every later op is a same-shape op on {@code [B*n, D]} and the way back to the K groups is a
 * matrix product, not a broadcast reduction. (Not a gather: SameDiff 1.0.0-M2.1 cannot differentiate two gathers on
 * axis 1 in one graph.) Starts at zero (adaLN-Zero).
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
     * @param c         [B*K, D]
     * @param tokenRows [B, n, K] one-hot group of each token
     * @return {@code chunks} tensors, each [B*n, D], in the reference order; the side outputs {@code name/per_group}
     *         [B, K, chunks*D] and {@code name/per_token} [B, n, chunks*D] are named for inspection
     */
    SDVariable[] forward(String name, SDVariable c, int groups, SDVariable tokenRows, int n) {
        SameDiff sd = c.getSameDiff();
        SDVariable mod = linear.forward(name + "/rows", sd.nn().swish(c));       // [B*K, chunks*D]
        SDVariable perGroup = sd.reshape(name + "/per_group", mod, -1, groups, chunks * dim); // [B, K, chunks*D]
        SDVariable byToken = sd.mmul(name + "/per_token", tokenRows, perGroup);   // [B, n, chunks*D]
        return sd.split(byToken.reshape(-1, chunks * dim), chunks, 1);            // chunks x [B*n, D]
    }

    /** {@code x * (1 + scale) + shift}; all [M, D]. */
    static SDVariable modulate(SDVariable x, SDVariable shift, SDVariable scale) {
        return x.mul(scale.add(1.0)).add(shift);                                  // [M, D]
    }
}
