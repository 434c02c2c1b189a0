package org.genmask.dit.eager;

import org.genmask.kernels.Floats;

/** DiT's {@code FinalLayer}: adaLN-modulated LayerNorm, then a linear map to p*p*out_channels, per token row. */
final class FinalLayer {
    private final int dim;
    private final LayerNorm norm;
    private final Linear linear;
    private final AdaLN adaLN;
    private Floats h;        // [R, D] modulated norm(x)
    private Floats dh;       // [R, D]
    private Floats siluC;
    private int rows;
    private int tokens;

    FinalLayer(ParameterLayout layout, String prefix, int dim, int features) {
        this.dim = dim;
        this.norm = new LayerNorm(dim, 1e-6);
        this.linear = new Linear(layout, prefix + ".linear", dim, features);
        this.adaLN = new AdaLN(layout, prefix + ".adaLN_modulation", dim, 2);
    }

    /** out[R, F] from token rows x[R, D] whose block is row / tokens, silu(c) [G, D]. */
    void forward(Floats x, int rows, int tokens, Floats siluC, Floats out) {
        this.rows = rows;
        this.tokens = tokens;
        this.siluC = siluC;
        h = Floats.atLeast(h, rows * dim);
        dh = Floats.atLeast(dh, rows * dim);
        adaLN.forward(siluC, rows / tokens);                                 // [G, 2D]
        norm.forward(x, rows, null);
        adaLN.modulate(norm.normed(), rows, tokens, 0, h);                   // [R, D]
        linear.forward(h, rows, out);                                        // [R, F]
    }

    /** From dL/d(out) [R, F]: overwrites dx [R, D], adds dL/d silu(c) to dSiluC [G, D] and the weight gradients. */
    void backward(Floats dOut, Floats dx, Floats dSiluC) {
        linear.backward(dOut, h, rows, dh, false);                           // [R, D]
        adaLN.modulateBackward(norm.normed(), rows, tokens, 0, dh);          // dL/d x-hat
        dx.zero(rows * dim);
        norm.backward(dh, rows, dx);
        adaLN.backward(siluC, rows / tokens, dSiluC);
    }
}
