package org.genmask.dit.eager;

import org.genmask.kernels.Floats;

/**
 * {@code nn.LayerNorm} over the features of token rows [M, D] (biased variance), without affine parameters (DiT's
 * blocks and final layer) or with {@code weight}/{@code bias} (the text encoder). Keeps the normalised rows and
 * 1/std of its last forward pass for the backward pass; one pass over memory each way. Rows move to heap arrays in
 * bulk, where the element-wise loops run in SIMD lanes (C2's auto-vectorisation) and each row's sums in eight
 * interleaved partial sums.
 */
final class LayerNorm {
    /** Floats per bulk copy between the off-heap tensors and the heap loops (whole rows). */
    private static final int BLOCK = 8192;
    private final ParameterLayout.Handle weight; // [D] or null
    private final ParameterLayout.Handle bias;   // [D] or null
    private final int dim;
    private final float eps;
    private Floats normed;                        // [M, D] x-hat
    private float[] invStd = new float[0];        // [M]
    private final float[][] scratch = new float[3][];

    /** Without affine parameters. */
    LayerNorm(int dim, double eps) {
        this((ParameterLayout.Handle) null, null, dim, eps);
    }

    /** With affine parameters {@code prefix.weight} and {@code prefix.bias}. */
    LayerNorm(ParameterLayout layout, String prefix, int dim, double eps) {
        this(layout.claim(prefix + ".weight", dim), layout.claim(prefix + ".bias", dim), dim, eps);
    }

    private LayerNorm(ParameterLayout.Handle weight, ParameterLayout.Handle bias, int dim, double eps) {
        this.weight = weight;
        this.bias = bias;
        this.dim = dim;
        this.eps = (float) eps;
    }

    /** The normalised rows (x-hat, before any affine map) of the last forward pass: [M, D]. */
    Floats normed() {
        return normed;
    }

    /** y[M, D] = LN(x); y may be null when only {@link #normed} is wanted (no affine parameters). */
    void forward(Floats x, int rows, Floats y) {
        normed = Floats.atLeast(normed, rows * dim);
        if (invStd.length < rows) {
            invStd = new float[rows];
        }
        float[] g = affine(weight);
        float[] b = affine(bias);
        int block = Math.max(1, BLOCK / dim);                           // rows per bulk copy
        float[] xs = scratch(0, block * dim);
        float[] ns = scratch(1, block * dim);
        float[] ys = g == null ? ns : scratch(2, block * dim);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int nr = Math.min(block, rows - r0);
            x.copyTo(r0 * dim, xs, 0, nr * dim);
            for (int k = 0; k < nr; k++) {
                int base = k * dim;
                float mean = sum8(xs, base, dim, null, 0, 0f) / dim;
                float inv = (float) (1.0 / Math.sqrt(sum8(xs, base, dim, xs, base, mean) / dim + eps));
                invStd[r0 + k] = inv;
                for (int j = 0; j < dim; j++) {
                    ns[base + j] = (xs[base + j] - mean) * inv;
                }
                if (g != null) {
                    for (int j = 0; j < dim; j++) {
                        ys[base + j] = ns[base + j] * g[j] + b[j];
                    }
                }
            }
            normed.copyFrom(r0 * dim, ns, 0, nr * dim);
            if (y != null) {
                y.copyFrom(r0 * dim, ys, 0, nr * dim);
            }
        }
    }

    /**
     * From dL/dy (or dL/d x-hat without affine parameters) [M, D]: adds dL/dx to {@code dx}, and the affine
     * parameters' gradients to theirs.
     */
    void backward(Floats dy, int rows, Floats dx) {
        float[] g = affine(weight);
        float[] dg = g == null ? null : new float[dim];
        float[] db = g == null ? null : new float[dim];
        int block = Math.max(1, BLOCK / dim);
        float[] ds = scratch(0, block * dim);
        float[] ns = scratch(1, block * dim);
        float[] xs = scratch(2, block * dim);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int nr = Math.min(block, rows - r0);
            dy.copyTo(r0 * dim, ds, 0, nr * dim);
            normed.copyTo(r0 * dim, ns, 0, nr * dim);
            dx.copyTo(r0 * dim, xs, 0, nr * dim);
            for (int k = 0; k < nr; k++) {
                int base = k * dim;
                if (g != null) {
                    for (int j = 0; j < dim; j++) {
                        float d = ds[base + j];
                        dg[j] += d * ns[base + j];
                        db[j] += d;
                        ds[base + j] = d * g[j];
                    }
                }
                float meanDn = sum8(ds, base, dim, null, 0, 0f) / dim;
                float meanDnN = dot8(ds, ns, base, dim) / dim;
                float inv = invStd[r0 + k];
                for (int j = 0; j < dim; j++) {
                    xs[base + j] += inv * (ds[base + j] - meanDn - ns[base + j] * meanDnN);
                }
            }
            dx.copyFrom(r0 * dim, xs, 0, nr * dim);
        }
        if (g != null) {
            Floats gw = weight.grad();
            Floats gb = bias.grad();
            for (int j = 0; j < dim; j++) {
                gw.add(j, dg[j]);
                gb.add(j, db[j]);
            }
        }
    }

    /**
     * The sum of {@code a[from .. from + n)} ({@code c} null), or of the squares {@code (c[i] - shift)^2}: in eight
     * interleaved partial sums added in a fixed order, so the result does not depend on the machine and the eight
     * additions run in parallel in the core.
     */
    static float sum8(float[] a, int from, int n, float[] c, int cFrom, float shift) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        if (c == null) {
            for (; i + 8 <= n; i += 8) {
                int k = from + i;
                s0 += a[k]; s1 += a[k + 1]; s2 += a[k + 2]; s3 += a[k + 3];
                s4 += a[k + 4]; s5 += a[k + 5]; s6 += a[k + 6]; s7 += a[k + 7];
            }
            for (; i < n; i++) {
                s0 += a[from + i];
            }
        } else {
            for (; i + 8 <= n; i += 8) {
                int k = cFrom + i;
                float c0 = c[k] - shift, c1 = c[k + 1] - shift, c2 = c[k + 2] - shift, c3 = c[k + 3] - shift;
                float c4 = c[k + 4] - shift, c5 = c[k + 5] - shift, c6 = c[k + 6] - shift, c7 = c[k + 7] - shift;
                s0 += c0 * c0; s1 += c1 * c1; s2 += c2 * c2; s3 += c3 * c3;
                s4 += c4 * c4; s5 += c5 * c5; s6 += c6 * c6; s7 += c7 * c7;
            }
            for (; i < n; i++) {
                float ci = c[cFrom + i] - shift;
                s0 += ci * ci;
            }
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The sum of {@code a[i] b[i]} over {@code [from, from + n)}, in the order of {@link #sum8}. */
    static float dot8(float[] a, float[] b, int from, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int k = from + i;
            s0 += a[k] * b[k]; s1 += a[k + 1] * b[k + 1]; s2 += a[k + 2] * b[k + 2]; s3 += a[k + 3] * b[k + 3];
            s4 += a[k + 4] * b[k + 4]; s5 += a[k + 5] * b[k + 5]; s6 += a[k + 6] * b[k + 6];
            s7 += a[k + 7] * b[k + 7];
        }
        for (; i < n; i++) {
            s0 += a[from + i] * b[from + i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** A parameter vector as a heap copy, or null. */
    private float[] affine(ParameterLayout.Handle h) {
        if (h == null) {
            return null;
        }
        float[] out = new float[dim];
        h.value().copyTo(0, out, 0, dim);
        return out;
    }

    /** Heap scratch array {@code k} of at least {@code n} floats, kept between calls. */
    private float[] scratch(int k, int n) {
        if (scratch[k] == null || scratch[k].length < n) {
            scratch[k] = new float[n];
        }
        return scratch[k];
    }
}
