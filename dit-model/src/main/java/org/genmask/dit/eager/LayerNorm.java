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
        Floats g = weight == null ? null : weight.value();
        Floats b = bias == null ? null : bias.value();
        for (int r = 0; r < rows; r++) {
            int base = r * dim;
            float sum = 0f;
            for (int j = 0; j < dim; j++) {
                sum += x.get(base + j);
            }
            float mean = sum / dim;
            float sq = 0f;
            for (int j = 0; j < dim; j++) {
                float c = x.get(base + j) - mean;
                sq += c * c;
            }
            float inv = (float) (1.0 / Math.sqrt(sq / dim + eps));
            invStd[r] = inv;
            for (int j = 0; j < dim; j++) {
                float n = (x.get(base + j) - mean) * inv;
                normed.set(base + j, n);
                if (y != null) {
                    y.set(base + j, g == null ? n : n * g.get(j) + b.get(j));
                }
            }
        }
    }

    /**
     * From dL/dy (or dL/d x-hat without affine parameters) [M, D]: adds dL/dx to {@code dx}, and the affine
     * parameters' gradients to theirs.
     */
    void backward(Floats dy, int rows, Floats dx) {
        Floats g = weight == null ? null : weight.value();
        float[] dg = g == null ? null : new float[dim];
        float[] db = g == null ? null : new float[dim];
        float[] dn = new float[dim];
        for (int r = 0; r < rows; r++) {
            int base = r * dim;
            float sumDn = 0f;
            float sumDnN = 0f;
            for (int j = 0; j < dim; j++) {
                float d = dy.get(base + j);
                float n = normed.get(base + j);
                if (g != null) {
                    dg[j] += d * n;
                    db[j] += d;
                    d *= g.get(j);
                }
                dn[j] = d;
                sumDn += d;
                sumDnN += d * n;
            }
            float meanDn = sumDn / dim;
            float meanDnN = sumDnN / dim;
            float inv = invStd[r];
            for (int j = 0; j < dim; j++) {
                dx.add(base + j, inv * (dn[j] - meanDn - normed.get(base + j) * meanDnN));
            }
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
