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

    /** x: [M, D] -> [M, D]. */
    SDVariable forward(String name, SDVariable x) {
        SDVariable h = fc1.forward(name + "/fc1", x);                    // [M, hidden]
        return fc2.forward(name, geluTanh(h));                           // [M, D]
    }

    /**
     * PyTorch's {@code GELU(approximate='tanh')}: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), computed through the
     * identity 0.5 (1 + tanh(z)) = sigmoid(2 z) as x * sigmoid(x * (a + b x^2)) with a = 2 sqrt(2/pi), b = 0.044715 a:
     * six cheap element-wise ops and their gradients instead of pow and tanh (measured: pow, tanh and their
     * derivatives took 220 ms of a 2.6 s bench step). SameDiff's own gelu ops are other approximations.
     */
    static SDVariable geluTanh(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        double a = 2 * SQRT_2_OVER_PI;
        SDVariable inner = x.mul(x.mul(x).mul(0.044715 * a).add(a));           // same shape as x; x*x, not square: see LayerNorm
        return x.mul(sd.nn().sigmoid(inner));
    }
}
