package org.genmask.dit.eager;

/** {@code nn.Linear} on token rows: {@code y = x W^T + b}, W in PyTorch's [out, in] layout. */
final class Linear {
    private final ParameterLayout.Handle weight; // [out, in]
    private final ParameterLayout.Handle bias;   // [out]
    final int in;
    final int out;

    Linear(ParameterLayout layout, String prefix, int in, int out) {
        this(layout, prefix, in, out, new long[] {out, in});
    }

    /**
     * A p x p conv of stride p on patchified input ({@code PatchEmbed}): the weight [out, channels, p, p] is the linear
     * weight [out, channels*p*p].
     */
    Linear(ParameterLayout layout, String prefix, int in, int out, int channels, int patch) {
        this(layout, prefix, in, out, new long[] {out, channels, patch, patch});
    }

    private Linear(ParameterLayout layout, String prefix, int in, int out, long[] weightShape) {
        this.weight = layout.claim(prefix + ".weight", weightShape);
        this.bias = layout.claim(prefix + ".bias", out);
        this.in = in;
        this.out = out;
    }

    /** y[rows, out] = x[rows, in] W^T + b (x and y with leading dimensions {@code in} and {@code out}). */
    void forward(Floats x, int rows, Floats y) {
        Floats b = bias.value();
        for (int r = 0; r < rows; r++) {
            int base = r * out;
            for (int j = 0; j < out; j++) {
                y.set(base + j, b.get(j));
            }
        }
        Blas.gemm(false, true, rows, out, in, 1f, x, 0, in, weight.value(), 0, in, 1f, y, 0, out);
    }

    /**
     * Adds dW += dy^T x and db += column sums of dy to the gradient; writes dx = dy W (adds it when {@code addDx}),
     * unless {@code dx} is null.
     */
    void backward(Floats dy, Floats x, int rows, Floats dx, boolean addDx) {
        Blas.gemm(true, false, out, in, rows, 1f, dy, 0, out, x, 0, in, 1f, weight.grad(), 0, in);
        Floats db = bias.grad();
        float[] sums = new float[out];
        for (int r = 0; r < rows; r++) {
            int base = r * out;
            for (int j = 0; j < out; j++) {
                sums[j] += dy.get(base + j);
            }
        }
        for (int j = 0; j < out; j++) {
            db.add(j, sums[j]);
        }
        if (dx != null) {
            Blas.gemm(false, false, rows, in, out, 1f, dy, 0, out, weight.value(), 0, in, addDx ? 1f : 0f, dx, 0, in);
        }
    }
}
