package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code nn.LayerNorm} over the features of token rows {@code [M, D]}, biased variance. Without affine parameters
 * (DiT's blocks and final layer, eps 1e-6) or with {@code weight}/{@code bias} (the text encoder). Written out because
 * SameDiff's layer-norm op has no switch for "no affine" and a fixed epsilon.
 *
 * <p>Two choices are for speed on nd4j-native 1.0.0-M2.1 (bench step, measured): {@code c * c} rather than
 * {@code square(c)}, whose gradient goes through the general power derivative (85 ms per step for the DiT's squares);
 * and the per-row factor {@code 1/std} spread over the row by a matrix product with a row of ones before it multiplies,
 * because the gradient of a multiply that broadcasts a {@code [M, 1]} column is ~7x slower than a same-shape multiply
 * and a matrix product together.
 */
final class LayerNorm {
    private final SDVariable weight; // [D] or null
    private final SDVariable bias;   // [D] or null
    private final int dim;
    private final double eps;

    /** Without affine parameters. */
    LayerNorm(int dim, double eps) {
        this.weight = null;
        this.bias = null;
        this.dim = dim;
        this.eps = eps;
    }

    /** With affine parameters {@code prefix.weight} (ones) and {@code prefix.bias} (zeros). */
    LayerNorm(StateDict params, String prefix, int dim, double eps) {
        this.weight = params.param(prefix + ".weight", StateDict.Init.ONES, dim);
        this.bias = params.param(prefix + ".bias", StateDict.Init.ZEROS, dim);
        this.dim = dim;
        this.eps = eps;
    }

    /** x: [M, D] -> [M, D]. (Axis 1, not -1: SameDiff's reductions silently miscompute a negative axis in M2.1.) */
    SDVariable forward(String name, SDVariable x) {
        SameDiff sd = x.getSameDiff();
        SDVariable centred = x.sub(x.mean(true, 1));                             // [M, D]
        SDVariable variance = centred.mul(centred).mean(true, 1);                // [M, 1]
        SDVariable ones = sd.constant(Nd4j.ones(1, dim));                        // [1, D]
        SDVariable invStd = sd.mmul(sd.math().rsqrt(variance.add(eps)), ones);   // [M, D]
        SDVariable normed = centred.mul(invStd);                                 // [M, D]
        if (weight == null) {
            return sd.identity(name, normed);
        }
        return normed.mul(weight).add(name, bias);                               // [M, D]
    }
}
