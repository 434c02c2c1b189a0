package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * {@code nn.LayerNorm} over the last axis of token tensors {@code [B, n, D]}, biased variance. Without affine parameters (DiT's blocks and final layer,
 * eps 1e-6) or with {@code weight}/{@code bias} (the text encoder). Written out because SameDiff's layer-norm op has no
 * switch for "no affine" and a fixed epsilon.
 */
final class LayerNorm {
    private final SDVariable weight; // [D] or null
    private final SDVariable bias;   // [D] or null
    private final double eps;

    /** Without affine parameters. */
    LayerNorm(double eps) {
        this.weight = null;
        this.bias = null;
        this.eps = eps;
    }

    /** With affine parameters {@code prefix.weight} (ones) and {@code prefix.bias} (zeros). */
    LayerNorm(StateDict params, String prefix, int dim, double eps) {
        this.weight = params.param(prefix + ".weight", StateDict.Init.ONES, dim);
        this.bias = params.param(prefix + ".bias", StateDict.Init.ZEROS, dim);
        this.eps = eps;
    }

    /**
     * x: [B, n, D] -> [B, n, D]. The axis is written as 2, not -1: SameDiff's reductions silently compute garbage for
     * a negative axis (seen in 1.0.0-M2.1).
     */
    SDVariable forward(String name, SDVariable x) {
        SameDiff sd = x.getSameDiff();
        SDVariable centred = x.sub(x.mean(true, 2));                    // [B, n, D]
        SDVariable variance = sd.math().square(centred).mean(true, 2);  // [B, n, 1]
        SDVariable normed = centred.mul(sd.math().rsqrt(variance.add(eps))); // [B, n, D]
        if (weight == null) {
            return sd.identity(name, normed);
        }
        return normed.mul(weight).add(name, bias);                          // [B, n, D]
    }
}
