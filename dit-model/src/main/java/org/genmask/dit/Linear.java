package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * {@code nn.Linear}: {@code y = x W^T + b} with the weight kept in PyTorch's {@code [out, in]} layout. Tokens reach it
 * as rows ({@code [B*n, in]}, see {@link DiT}), so every projection is one matrix product with no reshapes.
 */
final class Linear {
    final SDVariable weight; // [out, in]
    final SDVariable bias;   // [out]
    final int in;
    final int out;

    Linear(StateDict params, String prefix, int in, int out, StateDict.Init weightInit, StateDict.Init biasInit) {
        this.in = in;
        this.out = out;
        this.weight = params.param(prefix + ".weight", weightInit, out, in);
        this.bias = params.param(prefix + ".bias", biasInit, out);
    }

    /** Xavier-uniform weight, zero bias: what {@code initialize_weights} does to every linear layer. */
    Linear(StateDict params, String prefix, int in, int out) {
        this(params, prefix, in, out, StateDict.Init.XAVIER_UNIFORM, StateDict.Init.ZEROS);
    }

    /** x: [M, in] -> [M, out]. */
    SDVariable forward(String name, SDVariable x) {
        SameDiff sd = x.getSameDiff();
        SDVariable y = sd.mmul(x, weight, false, true, false); // [M, out]
        return sd.nn().biasAdd(name, y, bias, false);          // [M, out]
    }
}
