package org.genmask.dit.eager;

/**
 * The two element-wise non-linearities of the DiT, forward and derivative, fused into single passes: SiLU
 * ({@code x sigmoid(x)}) and PyTorch's {@code GELU(approximate='tanh')}, written as {@code x sigmoid(x (a + b x^2))}
 * with {@code a = 2 sqrt(2/pi)}, {@code b = 0.044715 a} (the same function as the graph's {@code Mlp.geluTanh}).
 */
final class Activations {
    private static final float GELU_A = (float) (2 * Math.sqrt(2.0 / Math.PI));
    private static final float GELU_B = 0.044715f * GELU_A;

    private Activations() {
    }

    private static float sigmoid(float z) {
        return (float) (1.0 / (1.0 + Math.exp(-z)));
    }

    /** y[i] = silu(x[i]) for i < n. */
    static void silu(Floats x, Floats y, int n) {
        for (int i = 0; i < n; i++) {
            float v = x.get(i);
            y.set(i, v * sigmoid(v));
        }
    }

    /** dx[i] = dy[i] * silu'(x[i]) (overwrites dx). */
    static void siluBackward(Floats x, Floats dy, Floats dx, int n) {
        for (int i = 0; i < n; i++) {
            float v = x.get(i);
            float s = sigmoid(v);
            dx.set(i, dy.get(i) * s * (1f + v * (1f - s)));
        }
    }

    /** y[i] = gelu_tanh(x[i]) for i < n. */
    static void gelu(Floats x, Floats y, int n) {
        for (int i = 0; i < n; i++) {
            float v = x.get(i);
            y.set(i, v * sigmoid(v * (GELU_A + GELU_B * v * v)));
        }
    }

    /** dx[i] = dy[i] * gelu_tanh'(x[i]) (overwrites dx; dx may be dy). */
    static void geluBackward(Floats x, Floats dy, Floats dx, int n) {
        for (int i = 0; i < n; i++) {
            float v = x.get(i);
            float s = sigmoid(v * (GELU_A + GELU_B * v * v));
            dx.set(i, dy.get(i) * (s + v * s * (1f - s) * (GELU_A + 3f * GELU_B * v * v)));
        }
    }
}
