package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** timm's {@code Mlp}: {@code fc2(GELU_tanh(fc1(x)))}. */
final class Mlp {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private final Linear fc1;
    private final Linear fc2;

    Mlp(StateDict params, String prefix, int dim, int hidden) {
        this.fc1 = new Linear(params, prefix + ".fc1", dim, hidden);
        this.fc2 = new Linear(params, prefix + ".fc2", hidden, dim);
    }

    /** x: [B, n, D] -> [B, n, D]. */
    SDVariable forward(String name, SDVariable x, int n) {
        SDVariable h = fc1.forwardTokens(name + "/fc1", x, n);          // [B, n, hidden]
        return fc2.forwardTokens(name, geluTanh(h), n);                  // [B, n, D]
    }

    /**
     * PyTorch's {@code GELU(approximate='tanh')}: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). SameDiff's own
     * gelu ops are other approximations, so it is written out.
     */
    static SDVariable geluTanh(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        SDVariable cubic = sd.math().pow(x, 3.0).mul(0.044715);          // same shape as x
        SDVariable inner = x.add(cubic).mul(SQRT_2_OVER_PI);
        return x.mul(0.5).mul(sd.math().tanh(inner).add(1.0));
    }
}
