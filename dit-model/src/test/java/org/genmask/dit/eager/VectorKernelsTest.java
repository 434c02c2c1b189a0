package org.genmask.dit.eager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD loops against the scalar loops they replace (the tests run with the vector module, as the jobs do). */
class VectorKernelsTest {

    private static Floats random(int n, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Floats f = Floats.allocate(n);
        for (int i = 0; i < n; i++) {
            f.set(i, (float) ((2 * rng.nextDouble() - 1) * scale));
        }
        return f;
    }

    private static void assertClose(Floats expected, Floats actual, int n, double rel, String what) {
        for (int i = 0; i < n; i++) {
            float e = expected.get(i);
            assertEquals(e, actual.get(i), rel * Math.max(1e-2, Math.abs(e)), what + " at " + i);
        }
    }

    @Test
    void moduleIsPresentInTheTestJvm() {
        assertTrue(Activations.SIMD, "the tests run with --add-modules=jdk.incubator.vector (root pom java17.opens)");
    }

    @Test
    void geluAndItsDerivativeMatchTheScalarLoops() {
        int n = 3 * 4096 + 37;                                     // whole chunks, and a tail shorter than a vector
        Floats x = random(n, 6, 1);
        Floats dy = random(n, 1, 2);
        Floats y1 = Floats.allocate(n);
        Floats g1 = Floats.allocate(n);
        Floats y2 = Floats.allocate(n);
        Floats g2 = Floats.allocate(n);
        Activations.geluScalar(x, y1, g1, n);
        VectorKernels.gelu(x, y2, g2, n, Activations.GELU_A, Activations.GELU_B);
        assertClose(y1, y2, n, 1e-5, "gelu");
        assertClose(g1, g2, n, 1e-5, "sigmoid factor");
        Floats d1 = Floats.allocate(n);
        Floats d2 = Floats.allocate(n);
        Activations.geluBackwardScalar(x, g1, dy, d1, n);
        VectorKernels.geluBackward(x, g1, dy, d2, n, Activations.GELU_A, Activations.GELU_B);
        assertClose(d1, d2, n, 1e-5, "gelu'");
    }

    @Test
    void softmaxWithMaskedBiasMatchesTheScalarLoop() {
        int rows = 5;
        for (int cols : new int[] {16, 40, 128}) {
            Floats bias = random(rows * cols, 2, 3);
            for (int j = 0; j < cols; j += 3) {
                bias.set(j, -1e9f);                                // masked keys in the first row
            }
            Floats w1 = random(2 + rows * cols, 8, 4);
            Floats w2 = random(2 + rows * cols, 8, 4);
            Attention.softmaxRows(w1, 2, rows, cols, bias, 0, cols);
            VectorKernels.softmaxRows(w2, 2, rows, cols, bias, 0, cols);
            assertClose(w1, w2, 2 + rows * cols, 1e-5, "softmax, " + cols + " columns");
            assertEquals(0f, w2.get(2), "a masked key gets weight 0");
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += w2.get(2 + cols + j);
            }
            assertEquals(1f, sum, 1e-5f);
        }
    }
}
