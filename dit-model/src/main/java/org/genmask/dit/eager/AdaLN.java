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
        float[] sh = new float[dim];
        float[] sc = new float[dim];
        float[] row = new float[dim];
        for (int r = 0; r < rows; r++) {
            if (r % tokens == 0) {                                     // a new block: its shift and 1 + scale [D]
                int m = r / tokens * linear.out + shift * dim;
                modulation.copyTo(m, sh, 0, dim);
                modulation.copyTo(m + dim, sc, 0, dim);
                for (int j = 0; j < dim; j++) {
                    sc[j] = 1f + sc[j];
                }
            }
            normed.copyTo(r * dim, row, 0, dim);
            for (int j = 0; j < dim; j++) {
                row[j] = row[j] * sc[j] + sh[j];
            }
            h.copyFrom(r * dim, row, 0, dim);
        }
    }

    /** The way back through {@link #modulate}: overwrites dh with dL/d x-hat and adds the shift and scale gradients. */
    void modulateBackward(Floats normed, int rows, int tokens, int shift, Floats dh) {
        float[] sc = new float[dim];
        float[] dSh = new float[dim];
        float[] dSc = new float[dim];
        float[] d = new float[dim];
        float[] n = new float[dim];
        for (int r = 0; r < rows; r++) {
            int m = r / tokens * linear.out + shift * dim;
            if (r % tokens == 0) {                                     // a new block: its 1 + scale, its gradients [D]
                modulation.copyTo(m + dim, sc, 0, dim);
                for (int j = 0; j < dim; j++) {
                    sc[j] = 1f + sc[j];
                }
                dModulation.copyTo(m, dSh, 0, dim);
                dModulation.copyTo(m + dim, dSc, 0, dim);
            }
            dh.copyTo(r * dim, d, 0, dim);
            normed.copyTo(r * dim, n, 0, dim);
            for (int j = 0; j < dim; j++) {
                dSh[j] += d[j];
                dSc[j] += d[j] * n[j];
                d[j] = d[j] * sc[j];
            }
            dh.copyFrom(r * dim, d, 0, dim);
            if ((r + 1) % tokens == 0 || r + 1 == rows) {             // the block's last row: store its gradients
                dModulation.copyFrom(m, dSh, 0, dim);
                dModulation.copyFrom(m + dim, dSc, 0, dim);
            }
        }
    }

    /** out = x + gate * y over token rows (gate: chunk {@code gate}). */
    void gatedAdd(Floats x, Floats y, int rows, int tokens, int gate, Floats out) {
        float[] gt = new float[dim];
        float[] xs = new float[dim];
        float[] ys = new float[dim];
        for (int r = 0; r < rows; r++) {
            if (r % tokens == 0) {
                modulation.copyTo(r / tokens * linear.out + gate * dim, gt, 0, dim);
            }
            x.copyTo(r * dim, xs, 0, dim);
            y.copyTo(r * dim, ys, 0, dim);
            for (int j = 0; j < dim; j++) {
                xs[j] = xs[j] + gt[j] * ys[j];
            }
            out.copyFrom(r * dim, xs, 0, dim);
        }
    }

    /** The way back through {@link #gatedAdd} for y: dy = gate * dOut, and the gate's gradient sum(dOut * y). */
    void gatedAddBackward(Floats dOut, Floats y, int rows, int tokens, int gate, Floats dy) {
        float[] gt = new float[dim];
        float[] dGt = new float[dim];
        float[] d = new float[dim];
        float[] ys = new float[dim];
        for (int r = 0; r < rows; r++) {
            int m = r / tokens * linear.out + gate * dim;
            if (r % tokens == 0) {
                modulation.copyTo(m, gt, 0, dim);
                dModulation.copyTo(m, dGt, 0, dim);
            }
            dOut.copyTo(r * dim, d, 0, dim);
            y.copyTo(r * dim, ys, 0, dim);
            for (int j = 0; j < dim; j++) {
                dGt[j] += d[j] * ys[j];
                d[j] = d[j] * gt[j];
            }
            dy.copyFrom(r * dim, d, 0, dim);
            if ((r + 1) % tokens == 0 || r + 1 == rows) {
                dModulation.copyFrom(m, dGt, 0, dim);
            }
        }
    }
}
