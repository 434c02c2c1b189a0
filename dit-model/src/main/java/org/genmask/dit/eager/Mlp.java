package org.genmask.dit.eager;

import org.genmask.kernels.Activations;
import org.genmask.kernels.Floats;

/** timm's {@code Mlp}: {@code fc2(GELU_tanh(fc1(x)))} on token rows; keeps fc1's output and the GELU's. */
final class Mlp {
    private final Linear fc1;
    private final Linear fc2;
    private Floats hidden;     // [M, hidden] fc1(x)
    private Floats activated;  // [M, hidden] gelu(fc1(x))
    private Floats gate;       // [M, hidden] the GELU's sigmoid factor
    private Floats dHidden;    // [M, hidden] scratch

    Mlp(ParameterLayout layout, String prefix, int dim, int hidden) {
        this.fc1 = new Linear(layout, prefix + ".fc1", dim, hidden);
        this.fc2 = new Linear(layout, prefix + ".fc2", hidden, dim);
    }

    /** y[M, D] = mlp(x[M, D]). */
    void forward(Floats x, int rows, Floats y) {
        int n = rows * fc1.out;
        hidden = Floats.atLeast(hidden, n);
        activated = Floats.atLeast(activated, n);
        gate = Floats.atLeast(gate, n);
        fc1.forward(x, rows, hidden);                                   // [M, hidden]
        Activations.gelu(hidden, activated, gate, n);                        // [M, hidden]
        fc2.forward(activated, rows, y);                                // [M, D]
    }

    /** From dL/dy [M, D]: overwrites dx [M, D] with dL/dx and adds the weights' gradients. */
    void backward(Floats dy, Floats x, int rows, Floats dx) {
        int n = rows * fc1.out;
        dHidden = Floats.atLeast(dHidden, n);
        fc2.backward(dy, activated, rows, dHidden, false);              // [M, hidden]
        Activations.geluBackward(hidden, gate, dHidden, dHidden, n);          // [M, hidden]
        fc1.backward(dHidden, x, rows, dx, false);                      // [M, D]
    }
}
