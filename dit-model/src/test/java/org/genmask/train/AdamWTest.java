package org.genmask.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Both update paths against PyTorch's AdamW written out in double precision, with clipping, decay and warm-up. */
class AdamWTest {
    private static final int P = 1000;
    private static final AdamWConfig CONFIG = new AdamWConfig(1e-2, 0.9, 0.99, 1e-8, 0.05, 3, 1.0);

    /** torch.optim.AdamW's step for one element array, after clip_grad_norm_ (p, g, m, v updated in place). */
    private static double reference(double[] p, double[] g, double[] m, double[] v, long step) {
        double norm = 0;
        for (double x : g) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        double scale = norm > CONFIG.gradClip() ? CONFIG.gradClip() / norm : 1;
        double lr = CONFIG.lrAt(step);
        double c1 = 1 - Math.pow(CONFIG.beta1(), step);
        double c2 = 1 - Math.pow(CONFIG.beta2(), step);
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] * scale;
            p[i] *= 1 - lr * CONFIG.weightDecay();
            m[i] = CONFIG.beta1() * m[i] + (1 - CONFIG.beta1()) * gi;
            v[i] = CONFIG.beta2() * v[i] + (1 - CONFIG.beta2()) * gi * gi;
            p[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + CONFIG.eps());
        }
        return norm;
    }

    private static void bothPathsFollowTheReference(boolean host) {
        Random rng = new Random(7);
        double[] p = new double[P];
        double[] m = new double[P];
        double[] v = new double[P];
        for (int i = 0; i < P; i++) {
            p[i] = rng.nextGaussian();
        }
        AdamW adam = new AdamW(CONFIG, P);
        INDArray params = Nd4j.createFromArray(toFloat(p));
        for (int step = 1; step <= 6; step++) {
            double size = step % 2 == 0 ? 0.001 : 0.5;                    // odd steps are clipped (norm ~16), even not
            double[] g = new double[P];
            for (int i = 0; i < P; i++) {
                g[i] = size * rng.nextGaussian();
            }
            INDArray grad = Nd4j.createFromArray(toFloat(g));
            double[] gAsFloat = grad.toDoubleVector();
            double expectedNorm = reference(p, gAsFloat, m, v, step);
            double norm = adam.update(params, grad, host);
            assertEquals(expectedNorm, norm, 1e-4 * expectedNorm, "norm at step " + step);
            assertEquals(gAsFloat[0], grad.getDouble(0), 0.0, "the gradient is left as it is");
            assertClose(p, params.toDoubleVector(), "params at step " + step);
        }
        double[] state = adam.state().toDoubleVector();
        double[] mv = new double[2 * P];
        System.arraycopy(m, 0, mv, 0, P);
        System.arraycopy(v, 0, mv, P, P);
        assertClose(mv, state, "moments");
        assertEquals(6, adam.step());
    }

    @Test
    void hostLoopFollowsTorchAdamW() {
        bothPathsFollowTheReference(true);
    }

    @Test
    void elementWiseOpsFollowTorchAdamW() {
        bothPathsFollowTheReference(false);
    }

    @Test
    void viewsAndWrongSizesAreRejected() {
        AdamW adam = new AdamW(CONFIG, 4);
        INDArray big = Nd4j.zeros(DataType.FLOAT, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.update(big.get(NDArrayIndex.interval(0, 4)),
                        Nd4j.zeros(DataType.FLOAT, 4)));
        assertTrue(e.getMessage().startsWith("params must be a float vector of 4 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adam.update(Nd4j.zeros(DataType.FLOAT, 4),
                Nd4j.zeros(DataType.DOUBLE, 4)));
    }

    @Test
    void stateRoundTripsThroughTheHostBufferAndTheArrayForms() {
        AdamW adam = new AdamW(CONFIG, 3);
        adam.update(Nd4j.createFromArray(1f, 2f, 3f), Nd4j.createFromArray(0.5f, -1f, 2f));
        float[] after = adam.state().toFloatVector();                       // m then v, both non-zero
        float[] read = adam.readState(b -> {
            float[] out = new float[b.limit()];
            b.duplicate().get(out);
            return out;
        });
        assertArrayEquals(after, read);
        AdamW other = new AdamW(CONFIG, 3);
        other.writeState(b -> b.duplicate().put(read), 7);
        assertEquals(7, other.step());
        assertArrayEquals(after, other.state().toFloatVector());
        AdamW third = new AdamW(CONFIG, 3);
        third.setState(Nd4j.createFromArray(after), 1);
        // same state, same step count, same gradient: the same update as the original optimizer's next one
        INDArray p1 = Nd4j.createFromArray(1f, 1f, 1f);
        INDArray p3 = Nd4j.createFromArray(1f, 1f, 1f);
        adam.update(p1, Nd4j.createFromArray(0.1f, 0.2f, 0.3f));
        third.update(p3, Nd4j.createFromArray(0.1f, 0.2f, 0.3f));
        assertArrayEquals(p1.toFloatVector(), p3.toFloatVector());
        assertArrayEquals(adam.state().toFloatVector(), third.state().toFloatVector());
        assertThrows(IllegalArgumentException.class, () -> third.setState(Nd4j.zeros(DataType.FLOAT, 5), 0));
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tol = 2e-5 * Math.max(1e-3, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tol, what + "[" + i + "]");
        }
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
