package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * {@code nn.LayerNorm} over the last axis, biased variance. Without affine parameters (DiT's blocks and final layer,
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

    /** x: [..., D] -> [..., D]. */
    SDVariable forward(String name, SDVariable x) {
        SameDiff sd = x.getSameDiff();
        SDVariable centred = x.sub(x.mean(true, -1));                    // [..., D]
        SDVariable variance = sd.math().square(centred).mean(true, -1);  // [..., 1]
        SDVariable normed = centred.mul(sd.math().rsqrt(variance.add(eps))); // [..., D]
        if (weight == null) {
            return sd.identity(name, normed);
        }
        return normed.mul(weight).add(name, bias);                          // [..., D]
    }
}
