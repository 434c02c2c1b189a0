package org.genmask.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD loops give the scalar loops' bits (so a step does not depend on the lane count, the JIT's state or the
 * vector module), and {@link FloatExp} is an exponential (the tests run with the vector module, as the jobs do).
 */
class VectorKernelsTest {

    private static Floats random(int n, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Floats f = Floats.allocate(n);
        for (int i = 0; i < n; i++) {
            f.set(i, (float) ((2 * rng.nextDouble() - 1) * scale));
        }
        return f;
    }

    private static void assertSameBits(Floats expected, Floats actual, int n, String what) {
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(expected.get(i)), Float.floatToRawIntBits(actual.get(i)),
                    what + " at " + i + ": " + expected.get(i) + " vs " + actual.get(i));
        }
    }

    @Test
    void moduleIsPresentInTheTestJvm() {
        assertTrue(Activations.SIMD, "the tests run with --add-modules=jdk.incubator.vector (root pom java17.opens)");
    }

    @Test
    void floatExpIsWithinTwoUlpOfMathExpAndFlushesUnderflowToZero() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) (rng.nextDouble() * 175 - 87.2);
            float want = (float) Math.exp(x);
            float got = FloatExp.exp(x);
            assertTrue(Math.abs(got - want) <= 2 * Math.ulp(want), "exp(" + x + ") = " + got + ", want " + want);
        }
        assertEquals(0f, FloatExp.exp(-1e9f));
        assertEquals(1f, FloatExp.exp(0f));
        assertEquals(0.5f, FloatExp.sigmoid(0f));
    }

    @Test
    void geluAndItsDerivativeGiveTheScalarBits() {
        int n = 3 * 4096 + 37;                                     // whole chunks, and a tail shorter than a vector
        Floats x = random(n, 12, 1);
        Floats dy = random(n, 1, 2);
        Floats y1 = Floats.allocate(n);
        Floats g1 = Floats.allocate(n);
        Floats y2 = Floats.allocate(n);
        Floats g2 = Floats.allocate(n);
        Activations.geluScalar(x, y1, g1, n);
        VectorKernels.gelu(x, y2, g2, n, Activations.GELU_A, Activations.GELU_B);
        assertSameBits(y1, y2, n, "gelu");
        assertSameBits(g1, g2, n, "sigmoid factor");
        Floats d1 = Floats.allocate(n);
        Floats d2 = Floats.allocate(n);
        Activations.geluBackwardScalar(x, g1, dy, d1, n);
        VectorKernels.geluBackward(x, g1, dy, d2, n, Activations.GELU_A, Activations.GELU_B3);
        assertSameBits(d1, d2, n, "gelu'");
        Floats one = Floats.allocate(1);
        one.set(0, 1f);
        Floats out = Floats.allocate(1);
        Activations.geluScalar(one, out, Floats.allocate(1), 1);
        assertEquals(0.841192f, out.get(0), 1e-6f, "gelu_tanh(1) as PyTorch computes it");
    }

    @Test
    void softmaxWithMaskedBiasGivesTheScalarBits() {
        int rows = 5;
        for (int cols : new int[] {16, 40, 128}) {
            Floats bias = random(rows * cols, 2, 3);
            for (int j = 0; j < cols; j += 3) {
                bias.set(j, -1e9f);                                // masked keys in the first row
            }
            Floats w1 = random(2 + rows * cols, 8, 4);
            Floats w2 = random(2 + rows * cols, 8, 4);
            Activations.softmaxRowsScalar(w1, 2, rows, cols, bias, 0, cols);
            VectorKernels.softmaxRows(w2, 2, rows, cols, bias, 0, cols);
            assertSameBits(w1, w2, 2 + rows * cols, "softmax, " + cols + " columns");
            assertEquals(0f, w2.get(2), "a masked key gets weight 0");
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += w2.get(2 + cols + j);
            }
            assertEquals(1f, sum, 1e-5f);
        }
    }
}
