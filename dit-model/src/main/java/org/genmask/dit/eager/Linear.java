package org.genmask.dit.eager;

import org.genmask.kernels.Blas;
import org.genmask.kernels.Floats;

/** {@code nn.Linear} on token rows: {@code y = x W^T + b}, W in PyTorch's [out, in] layout. */
final class Linear {
    private final ParameterLayout.Handle weight; // [out, in]
    private final ParameterLayout.Handle bias;   // [out]
    final int in;
    final int out;
    private Floats ones = Floats.allocate(0);    // [rows] of 1: the bias as matrix products

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
        ensureOnes(rows);
        Blas.gemm(false, false, rows, out, 1, 1f, ones, 0, 1, bias.value(), 0, out, 0f, y, 0, out); // b in every row
        Blas.gemm(false, true, rows, out, in, 1f, x, 0, in, weight.value(), 0, in, 1f, y, 0, out);
    }

    /**
     * Adds dW += dy^T x and db += column sums of dy to the gradient; writes dx = dy W (adds it when {@code addDx}),
     * unless {@code dx} is null.
     */
    void backward(Floats dy, Floats x, int rows, Floats dx, boolean addDx) {
        Blas.gemm(true, false, out, in, rows, 1f, dy, 0, out, x, 0, in, 1f, weight.grad(), 0, in);
        ensureOnes(rows);
        Blas.gemv(true, rows, out, 1f, dy, 0, out, ones, 0, 1f, bias.grad(), 0);     // db += dy^T 1
        if (dx != null) {
            Blas.gemm(false, false, rows, in, out, 1f, dy, 0, out, weight.value(), 0, in, addDx ? 1f : 0f, dx, 0, in);
        }
    }

    private void ensureOnes(int rows) {
        if (ones.length < rows) {
            ones = Floats.allocate(rows);
            for (int i = 0; i < rows; i++) {
                ones.set(i, 1f);
            }
        }
    }
}
