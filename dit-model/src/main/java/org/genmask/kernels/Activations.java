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

    /**
     * GroupNorm's per-row affine map with an optional SiLU: each of {@code rows} rows of {@code length} elements (row r
     * at {@code r*length}) becomes {@code z = (x - center[r]) * scale[r] + shift[r]}, then {@code silu(z)} when
     * {@code silu}; y may be x. The SIMD loop when the module is loaded (same bits).
     */
    public static void normalizeRows(Floats x, Floats y, int rows, int length, float[] center, float[] scale,
            float[] shift, boolean silu) {
        if (SIMD) {
            VectorKernels.normalizeRows(x, y, rows, length, center, scale, shift, silu);
        } else {
            normalizeRowsScalar(x, y, rows, length, center, scale, shift, silu);
        }
    }

    /** {@link #normalizeRows} without SIMD lanes (the fallback, and the reference of the SIMD loop). */
    public static void normalizeRowsScalar(Floats x, Floats y, int rows, int length, float[] center, float[] scale,
            float[] shift, boolean silu) {
        for (int r = 0; r < rows; r++) {
            int base = r * length;
            for (int i = 0; i < length; i++) {
                float z = (x.get(base + i) - center[r]) * scale[r] + shift[r];
                y.set(base + i, silu ? z * sigmoid(z) : z);
            }
        }
    }

    /**
     * Softmax of each of {@code rows} rows of {@code cols} scores at {@code at + i*cols}, in place, without bias: as
     * {@link #softmaxRows} except that the row sum is taken as eight interleaved partial sums (element j into sum
     * {@code j % 8}, the eight then added pairwise), which the SIMD loop keeps in lanes instead of one sequential sum:
     * several times faster for long rows, rounded differently from softmaxRows, the same bits with or without SIMD.
     */
    public static void softmaxRowsInterleaved(Floats w, int at, int rows, int cols) {
        if (SIMD) {
            VectorKernels.softmaxRowsInterleaved(w, at, rows, cols);
        } else {
            softmaxRowsInterleavedScalar(w, at, rows, cols);
        }
    }

    /** {@link #softmaxRowsInterleaved} without SIMD lanes (the fallback, and the reference of the SIMD loop). */
    public static void softmaxRowsInterleavedScalar(Floats w, int at, int rows, int cols) {
        float[] z = new float[cols];
        float[] part = new float[8];
        for (int i = 0; i < rows; i++) {
            int row = at + i * cols;
            w.copyTo(row, z, 0, cols);
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, z[j]);
            }
            for (int j = 0; j < cols; j++) {
                z[j] = FloatExp.exp(z[j] - max);
            }
            eightSums(z, cols, part);
            float inv = 1f / sumOfEight(part);
            for (int j = 0; j < cols; j++) {
                z[j] *= inv;
            }
            w.copyFrom(row, z, 0, cols);
        }
    }

    /** part[l] = the sum of z[j] over j < cols with j % 8 == l, in increasing j (eight independent chains). */
    static void eightSums(float[] z, int cols, float[] part) {
        float p0 = 0f;
        float p1 = 0f;
        float p2 = 0f;
        float p3 = 0f;
        float p4 = 0f;
        float p5 = 0f;
        float p6 = 0f;
        float p7 = 0f;
        int j = 0;
        for (; j + 7 < cols; j += 8) {
            p0 += z[j];
            p1 += z[j + 1];
            p2 += z[j + 2];
            p3 += z[j + 3];
            p4 += z[j + 4];
            p5 += z[j + 5];
            p6 += z[j + 6];
            p7 += z[j + 7];
        }
        part[0] = p0;
        part[1] = p1;
        part[2] = p2;
        part[3] = p3;
        part[4] = p4;
        part[5] = p5;
        part[6] = p6;
        part[7] = p7;
        for (; j < cols; j++) {
            part[j & 7] += z[j];
        }
    }

    /** The eight partial sums of {@link #softmaxRowsInterleaved} added pairwise. */
    static float sumOfEight(float[] p) {
        return ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
    }
}
