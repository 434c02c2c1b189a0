package org.genmask.dit.eager;

import org.genmask.kernels.Floats;

/**
 * {@code adaLN_modulation = Sequential(SiLU, Linear(D, chunks * D))}, computed once per block of T tokens (each block
 * has its own timestep: GenMask's per-token conditioning) and read per token row by the block index {@code row / T}.
 * The SiLU of the conditioning is shared by every module and computed once by {@link EagerDiT}.
 */
final class AdaLN {
    private final Linear linear;
    private final int dim;
    private Floats modulation;       // [G, chunks*D]
    private Floats dModulation;      // [G, chunks*D]

    AdaLN(ParameterLayout layout, String prefix, int dim, int chunks) {
        this.linear = new Linear(layout, prefix + ".1", dim, chunks * dim);
        this.dim = dim;
    }

    /** Computes the modulation of the G blocks from silu(c) [G, D]. */
    void forward(Floats siluC, int groups) {
        modulation = Floats.atLeast(modulation, groups * linear.out);
        linear.forward(siluC, groups, modulation);                     // [G, chunks*D]
        dModulation = Floats.atLeast(dModulation, groups * linear.out);
        dModulation.zero(groups * linear.out);
    }

    /** After the backward passes of modulate and gatedAdd: the linear layer's gradients, and dL/d silu(c) added to {@code dSiluC}. */
    void backward(Floats siluC, int groups, Floats dSiluC) {
        linear.backward(dModulation, siluC, groups, dSiluC, true);
    }

    /**
     * h = x-hat (1 + scale) + shift over token rows [R, D] whose block is {@code row / tokens}; shift and scale are
     * chunks {@code shift} and {@code shift + 1}.
     */
    void modulate(Floats normed, int rows, int tokens, int shift, Floats h) {
        for (int r = 0; r < rows; r++) {
            int g = r / tokens;
            int base = r * dim;
            int m = g * linear.out + shift * dim;
            for (int j = 0; j < dim; j++) {
                h.set(base + j, normed.get(base + j) * (1f + modulation.get(m + dim + j)) + modulation.get(m + j));
            }
        }
    }

    /** The way back through {@link #modulate}: overwrites dh with dL/d x-hat and adds the shift and scale gradients. */
    void modulateBackward(Floats normed, int rows, int tokens, int shift, Floats dh) {
        for (int r = 0; r < rows; r++) {
            int g = r / tokens;
            int base = r * dim;
            int m = g * linear.out + shift * dim;
            for (int j = 0; j < dim; j++) {
                float d = dh.get(base + j);
                dModulation.add(m + j, d);
                dModulation.add(m + dim + j, d * normed.get(base + j));
                dh.set(base + j, d * (1f + modulation.get(m + dim + j)));
            }
        }
    }

    /** out = x + gate * y over token rows (gate: chunk {@code gate}). */
    void gatedAdd(Floats x, Floats y, int rows, int tokens, int gate, Floats out) {
        for (int r = 0; r < rows; r++) {
            int base = r * dim;
            int m = (r / tokens) * linear.out + gate * dim;
            for (int j = 0; j < dim; j++) {
                out.set(base + j, x.get(base + j) + modulation.get(m + j) * y.get(base + j));
            }
        }
    }

    /** The way back through {@link #gatedAdd} for y: dy = gate * dOut, and the gate's gradient sum(dOut * y). */
    void gatedAddBackward(Floats dOut, Floats y, int rows, int tokens, int gate, Floats dy) {
        for (int r = 0; r < rows; r++) {
            int base = r * dim;
            int m = (r / tokens) * linear.out + gate * dim;
            for (int j = 0; j < dim; j++) {
                float d = dOut.get(base + j);
                dModulation.add(m + j, d * y.get(base + j));
                dy.set(base + j, d * modulation.get(m + j));
            }
        }
    }
}
