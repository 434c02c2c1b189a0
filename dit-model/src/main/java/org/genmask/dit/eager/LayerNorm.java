package org.genmask.dit.eager;

import org.genmask.kernels.Floats;

/**
 * {@code nn.LayerNorm} over the features of token rows [M, D] (biased variance), without affine parameters (DiT's
 * blocks and final layer) or with {@code weight}/{@code bias} (the text encoder). Keeps the normalised rows and
 * 1/std of its last forward pass for the backward pass; one pass over memory each way.
 */
final class LayerNorm {
    private final ParameterLayout.Handle weight; // [D] or null
    private final ParameterLayout.Handle bias;   // [D] or null
    private final int dim;
    private final float eps;
    private Floats normed;                        // [M, D] x-hat
    private float[] invStd = new float[0];        // [M]

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
        float[] g = weight == null ? null : weight.value().toArray(dim);
        float[] b = bias == null ? null : bias.value().toArray(dim);
        float[] xs = new float[dim];
        float[] ns = new float[dim];
        for (int r = 0; r < rows; r++) {
            int base = r * dim;
            x.copyTo(base, xs, 0, dim);                              // one row [D] on the heap
            float sum = 0f;
            for (int j = 0; j < dim; j++) {
                sum += xs[j];
            }
            float mean = sum / dim;
            float sq = 0f;
            for (int j = 0; j < dim; j++) {
                float c = xs[j] - mean;
                sq += c * c;
            }
            float inv = (float) (1.0 / Math.sqrt(sq / dim + eps));
            invStd[r] = inv;
            for (int j = 0; j < dim; j++) {
                ns[j] = (xs[j] - mean) * inv;
            }
            normed.copyFrom(base, ns, 0, dim);
            if (y != null) {
                if (g != null) {
                    for (int j = 0; j < dim; j++) {
                        xs[j] = ns[j] * g[j] + b[j];
                    }
                }
                y.copyFrom(base, g == null ? ns : xs, 0, dim);
            }
        }
    }

    /**
     * From dL/dy (or dL/d x-hat without affine parameters) [M, D]: adds dL/dx to {@code dx}, and the affine
     * parameters' gradients to theirs.
     */
    void backward(Floats dy, int rows, Floats dx) {
        float[] g = weight == null ? null : weight.value().toArray(dim);
        float[] dg = g == null ? null : new float[dim];
        float[] db = g == null ? null : new float[dim];
        float[] dn = new float[dim];
        float[] ns = new float[dim];
        float[] dxs = new float[dim];
        for (int r = 0; r < rows; r++) {
            int base = r * dim;
            dy.copyTo(base, dn, 0, dim);                             // rows [D] on the heap
            normed.copyTo(base, ns, 0, dim);
            dx.copyTo(base, dxs, 0, dim);
            if (g != null) {
                for (int j = 0; j < dim; j++) {
                    float d = dn[j];
                    dg[j] += d * ns[j];
                    db[j] += d;
                    dn[j] = d * g[j];
                }
            }
            float sumDn = 0f;
            float sumDnN = 0f;
            for (int j = 0; j < dim; j++) {
                sumDn += dn[j];
                sumDnN += dn[j] * ns[j];
            }
            float meanDn = sumDn / dim;
            float meanDnN = sumDnN / dim;
            float inv = invStd[r];
            for (int j = 0; j < dim; j++) {
                dxs[j] += inv * (dn[j] - meanDn - ns[j] * meanDnN);
            }
            dx.copyFrom(base, dxs, 0, dim);
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
}
