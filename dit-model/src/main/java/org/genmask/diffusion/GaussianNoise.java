package org.genmask.diffusion;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic standard-normal noise eps ~ N(0, I) for the flow-matching interpolant, drawn from a caller-owned
 * {@link SplittableRandom} rather than ND4J's global RNG (which is shared by all threads of an executor and so
 * not reproducible per worker). A worker that seeds its generator from (seed, round, worker), e.g. with
 * {@link WorkerSeed}, reproduces exactly the same noise on any machine.
 *
 * <p>Values are Box–Muller pairs (see {@link StandardNormal}), written in C (row-major) order.
 */
public final class GaussianNoise {

    private GaussianNoise() {
    }

    /**
     * A float32, C-ordered array of the given shape filled with N(0, 1) draws from {@code rng}.
     *
     * @throws IllegalArgumentException if the shape is empty, has a dimension &lt; 1, or more than
     *         Integer.MAX_VALUE elements
     */
    public static INDArray sample(SplittableRandom rng, long... shape) {
        return Nd4j.create(sampleFloats(rng, checkedLength(shape)), shape.clone(), 'c');
    }

    /**
     * {@code n} N(0, 1) draws from {@code rng}; {@link #sample(SplittableRandom, long...)} of any shape with n
     * elements holds exactly these values in C order.
     *
     * @throws IllegalArgumentException if n is negative
     */
    public static float[] sampleFloats(SplittableRandom rng, int n) {
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        float[] values = new float[n];
        StandardNormal.fill(values, rng);
        return values;
    }

    private static int checkedLength(long[] shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("shape must have at least one dimension, got "
                    + Arrays.toString(shape));
        }
        long length = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1) {
                throw new IllegalArgumentException("shape[" + i + "] must be >= 1, got " + shape[i]
                        + " in " + Arrays.toString(shape));
            }
            length = Math.multiplyExact(length, shape[i]);
            if (length > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more than Integer.MAX_VALUE elements");
            }
        }
        return (int) length;
    }
}
