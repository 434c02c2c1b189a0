package org.genmask.dit.eager;

import org.genmask.kernels.Floats;

/**
 * {@code adaLN_modulation = Sequential(SiLU, Linear(D, chunks * D))}, computed once per block of T tokens (each block
 * has its own timestep: GenMask's per-token conditioning) and read per token row by the block index {@code row / T}.
 * The SiLU of the conditioning is shared by every module and computed once by {@link EagerDiT}. The per-token loops
 * move runs of rows to heap arrays in bulk, where C2 runs them in SIMD lanes; each value is computed as before.
 */
final class AdaLN {
    /** Floats per bulk copy between the off-heap tensors and the heap loops. */
    private static final int BLOCK = 8192;
    private final float[][] scratch = new float[5][];
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
        float[] sh = scratch(0, dim);
        float[] sc = scratch(1, dim);
        float[] xs = scratch(2, Math.max(BLOCK, dim));
        forEachRun(rows, tokens, (g, r0, nr) -> {
            int m = g * linear.out + shift * dim;
            modulation.copyTo(m, sh, 0, dim);
            modulation.copyTo(m + dim, sc, 0, dim);
            for (int j = 0; j < dim; j++) {
                sc[j] = 1f + sc[j];
            }
            normed.copyTo(r0 * dim, xs, 0, nr * dim);
            for (int k = 0; k < nr; k++) {
                int base = k * dim;
                for (int j = 0; j < dim; j++) {
                    xs[base + j] = xs[base + j] * sc[j] + sh[j];
                }
            }
            h.copyFrom(r0 * dim, xs, 0, nr * dim);
        });
    }

    /** The way back through {@link #modulate}: overwrites dh with dL/d x-hat and adds the shift and scale gradients. */
    void modulateBackward(Floats normed, int rows, int tokens, int shift, Floats dh) {
        float[] dsh = scratch(0, dim);
        float[] dsc = scratch(1, dim);
        float[] sc = scratch(2, dim);
        float[] ds = scratch(3, Math.max(BLOCK, dim));
        float[] ns = scratch(4, Math.max(BLOCK, dim));
        forEachRun(rows, tokens, (g, r0, nr) -> {
            int m = g * linear.out + shift * dim;
            dModulation.copyTo(m, dsh, 0, dim);
            dModulation.copyTo(m + dim, dsc, 0, dim);
            modulation.copyTo(m + dim, sc, 0, dim);
            for (int j = 0; j < dim; j++) {
                sc[j] = 1f + sc[j];
            }
            dh.copyTo(r0 * dim, ds, 0, nr * dim);
            normed.copyTo(r0 * dim, ns, 0, nr * dim);
            for (int k = 0; k < nr; k++) {                            // rows in order: the sums as before
                int base = k * dim;
                for (int j = 0; j < dim; j++) {
                    float d = ds[base + j];
                    dsh[j] += d;
                    dsc[j] += d * ns[base + j];
                    ds[base + j] = d * sc[j];
                }
            }
            dModulation.copyFrom(m, dsh, 0, dim);
            dModulation.copyFrom(m + dim, dsc, 0, dim);
            dh.copyFrom(r0 * dim, ds, 0, nr * dim);
        });
    }

    /** out = x + gate * y over token rows (gate: chunk {@code gate}). */
    void gatedAdd(Floats x, Floats y, int rows, int tokens, int gate, Floats out) {
        float[] gs = scratch(0, dim);
        float[] xs = scratch(1, Math.max(BLOCK, dim));
        float[] ys = scratch(2, Math.max(BLOCK, dim));
        forEachRun(rows, tokens, (g, r0, nr) -> {
            modulation.copyTo(g * linear.out + gate * dim, gs, 0, dim);
            x.copyTo(r0 * dim, xs, 0, nr * dim);
            y.copyTo(r0 * dim, ys, 0, nr * dim);
            for (int k = 0; k < nr; k++) {
                int base = k * dim;
                for (int j = 0; j < dim; j++) {
                    xs[base + j] = xs[base + j] + gs[j] * ys[base + j];
                }
            }
            out.copyFrom(r0 * dim, xs, 0, nr * dim);
        });
    }

    /** The way back through {@link #gatedAdd} for y: dy = gate * dOut, and the gate's gradient sum(dOut * y). */
    void gatedAddBackward(Floats dOut, Floats y, int rows, int tokens, int gate, Floats dy) {
        float[] gs = scratch(0, dim);
        float[] dgs = scratch(1, dim);
        float[] ds = scratch(2, Math.max(BLOCK, dim));
        float[] ys = scratch(3, Math.max(BLOCK, dim));
        forEachRun(rows, tokens, (g, r0, nr) -> {
            int m = g * linear.out + gate * dim;
            modulation.copyTo(m, gs, 0, dim);
            dModulation.copyTo(m, dgs, 0, dim);
            dOut.copyTo(r0 * dim, ds, 0, nr * dim);
            y.copyTo(r0 * dim, ys, 0, nr * dim);
            for (int k = 0; k < nr; k++) {
                int base = k * dim;
                for (int j = 0; j < dim; j++) {
                    float d = ds[base + j];
                    dgs[j] += d * ys[base + j];
                    ys[base + j] = d * gs[j];
                }
            }
            dModulation.copyFrom(m, dgs, 0, dim);
            dy.copyFrom(r0 * dim, ys, 0, nr * dim);
        });
    }

    private interface Run {
        void apply(int group, int firstRow, int rows);
    }

    /**
     * Calls {@code run} for consecutive runs of rows that share a block (so one modulation vector) and fit in
     * {@link #BLOCK} floats, in row order.
     */
    private void forEachRun(int rows, int tokens, Run run) {
        int perRun = Math.max(1, Math.min(tokens, BLOCK / dim));
        for (int r0 = 0; r0 < rows; ) {
            int g = r0 / tokens;
            int nr = Math.min(perRun, Math.min(rows, (g + 1) * tokens) - r0);
            run.apply(g, r0, nr);
            r0 += nr;
        }
    }

    /** Heap scratch array {@code k} of at least {@code n} floats, kept between calls. */
    private float[] scratch(int k, int n) {
        if (scratch[k] == null || scratch[k].length < n) {
            scratch[k] = new float[n];
        }
        return scratch[k];
    }
}
