package org.genmask.kernels;

/**
 * The element-wise non-linearities of the models, forward and derivative, fused into single passes: SiLU
 * ({@code x sigmoid(x)}) and PyTorch's {@code GELU(approximate='tanh')}, written as {@code x sigmoid(x (a + b x^2))}
 * with {@code a = 2 sqrt(2/pi)}, {@code b = 0.044715 a} (the same function as the graph's {@code Mlp.geluTanh}).
 * Also the softmax of score rows. Exponentials through {@link FloatExp}; the SIMD loops of {@link VectorKernels} give
 * the same bits.
 */
public final class Activations {
    public static final float GELU_A = (float) (2 * Math.sqrt(2.0 / Math.PI));
    public static final float GELU_B = 0.044715f * GELU_A;
    public static final float GELU_B3 = 3f * GELU_B;
    /** Whether the JVM runs with {@code --add-modules=jdk.incubator.vector}, so {@link VectorKernels} loads. */
    public static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Activations() {
    }

    private static float sigmoid(float z) {
        return FloatExp.sigmoid(z);
    }

    /** y[i] = silu(x[i]) for i < n. */
    public static void silu(Floats x, Floats y, int n) {
        for (int i = 0; i < n; i++) {
            float v = x.get(i);
            y.set(i, v * sigmoid(v));
        }
    }

    /** dx[i] = dy[i] * silu'(x[i]) (overwrites dx). */
    public static void siluBackward(Floats x, Floats dy, Floats dx, int n) {
        for (int i = 0; i < n; i++) {
            float v = x.get(i);
            float s = sigmoid(v);
            dx.set(i, dy.get(i) * s * (1f + v * (1f - s)));
        }
    }

    /**
     * y[i] = gelu_tanh(x[i]) for i < n; keeps the sigmoid factor in {@code gate[i]} for {@link #geluBackward} (one
     * exponential per element for both passes).
     */
    public static void gelu(Floats x, Floats y, Floats gate, int n) {
        if (SIMD) {
            VectorKernels.gelu(x, y, gate, n, GELU_A, GELU_B);
        } else {
            geluScalar(x, y, gate, n);
        }
    }

    /** {@link #gelu} without SIMD lanes (the fallback, and the reference of {@link VectorKernels#gelu}). */
    public static void geluScalar(Floats x, Floats y, Floats gate, int n) {
        for (int i = 0; i < n; i++) {
            float v = x.get(i);
            float s = sigmoid(v * (GELU_B * v * v + GELU_A));
            gate.set(i, s);
            y.set(i, v * s);
        }
    }

    /** dx[i] = dy[i] * gelu_tanh'(x[i]) from the forward pass's sigmoid factors (overwrites dx; dx may be dy). */
    public static void geluBackward(Floats x, Floats gate, Floats dy, Floats dx, int n) {
        if (SIMD) {
            VectorKernels.geluBackward(x, gate, dy, dx, n, GELU_A, GELU_B3);
        } else {
            geluBackwardScalar(x, gate, dy, dx, n);
        }
    }

    /** {@link #geluBackward} without SIMD lanes. */
    public static void geluBackwardScalar(Floats x, Floats gate, Floats dy, Floats dx, int n) {
        for (int i = 0; i < n; i++) {
            float v = x.get(i);
            float s = gate.get(i);
            dx.set(i, dy.get(i) * (v * s * (1f - s) * (GELU_B3 * v * v + GELU_A) + s));
        }
    }

    /**
     * Softmax of each of {@code rows} rows of {@code cols} scores at {@code at + i*cols}, in place, after adding the bias
     * row at {@code biasAt + i*biasRowStride} (bias null: none); the SIMD loop when the module is loaded (same bits).
     */
    public static void softmaxRows(Floats w, int at, int rows, int cols, Floats bias, int biasAt, int biasRowStride) {
        if (SIMD) {
            VectorKernels.softmaxRows(w, at, rows, cols, bias, biasAt, biasRowStride);
        } else {
            softmaxRowsScalar(w, at, rows, cols, bias, biasAt, biasRowStride);
        }
    }

    /**
     * Softmax of each of {@code rows} rows of {@code cols} scores at {@code at + i*cols}, after adding the bias row at
     * {@code biasAt + i*biasRowStride} (bias null: none), without SIMD lanes.
     */
    public static void softmaxRowsScalar(Floats w, int at, int rows, int cols, Floats bias, int biasAt, int biasRowStride) {
        for (int i = 0; i < rows; i++) {
            int row = at + i * cols;
            int b = biasAt + i * biasRowStride;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                float z = w.get(row + j) + (bias == null ? 0f : bias.get(b + j));
                w.set(row + j, z);
                max = Math.max(max, z);
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = FloatExp.exp(w.get(row + j) - max);
                w.set(row + j, e);
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < cols; j++) {
                w.set(row + j, w.get(row + j) * inv);
            }
        }
    }
}
