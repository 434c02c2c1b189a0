package org.genmask.dit.eager;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hottest element-wise loops of the eager step (GELU, softmax) in SIMD lanes through the JDK's
 * {@code jdk.incubator.vector} module (on x86 its exponential is the SVML intrinsic: measured ~10x the scalar
 * {@code Math.exp} loop). Values move between the off-heap buffers and heap chunks in bulk. Loaded only when the module
 * is in the boot layer ({@link Activations#SIMD}: this class cannot even be loaded without it); the scalar loops are
 * the fallback and the reference in tests.
 */
final class VectorKernels {

    private static final int CHUNK = 4096;

    private VectorKernels() {
    }

    /** gelu_tanh: y = x * gate, gate = sigmoid(x (a + b x^2)). */
    static void gelu(Floats x, Floats y, Floats gate, int n, float a, float b) {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        float[] xs = new float[CHUNK];
        float[] ys = new float[CHUNK];
        float[] gs = new float[CHUNK];
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            x.copyTo(start, xs, 0, m);
            int i = 0;
            for (int bound = species.loopBound(m); i < bound; i += species.length()) {
                FloatVector v = FloatVector.fromArray(species, xs, i);
                FloatVector e = v.mul(v.mul(v).mul(b).add(a)).neg().lanewise(VectorOperators.EXP);
                FloatVector s = FloatVector.broadcast(species, 1f).div(e.add(1f));
                s.intoArray(gs, i);
                v.mul(s).intoArray(ys, i);
            }
            for (; i < m; i++) {
                float v = xs[i];
                float s = (float) (1.0 / (1.0 + Math.exp(-v * (a + b * v * v))));
                gs[i] = s;
                ys[i] = v * s;
            }
            y.copyFrom(start, ys, 0, m);
            gate.copyFrom(start, gs, 0, m);
        }
    }

    /** dx = dy * gelu_tanh'(x) from the forward pass's sigmoid factors (dx may be dy). */
    static void geluBackward(Floats x, Floats gate, Floats dy, Floats dx, int n, float a, float b) {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        float[] xs = new float[CHUNK];
        float[] gs = new float[CHUNK];
        float[] ds = new float[CHUNK];
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            x.copyTo(start, xs, 0, m);
            gate.copyTo(start, gs, 0, m);
            dy.copyTo(start, ds, 0, m);
            int i = 0;
            for (int bound = species.loopBound(m); i < bound; i += species.length()) {
                FloatVector v = FloatVector.fromArray(species, xs, i);
                FloatVector s = FloatVector.fromArray(species, gs, i);
                FloatVector slope = v.mul(v).mul(3f * b).add(a);                      // a + 3 b x^2
                FloatVector dgelu = v.mul(s).mul(s.neg().add(1f)).mul(slope).add(s);  // s + x s (1 - s) slope
                FloatVector.fromArray(species, ds, i).mul(dgelu).intoArray(ds, i);
            }
            for (; i < m; i++) {
                float v = xs[i];
                float s = gs[i];
                ds[i] *= s + v * s * (1f - s) * (a + 3f * b * v * v);
            }
            dx.copyFrom(start, ds, 0, m);
        }
    }

    /**
     * Softmax of each of {@code rows} rows of {@code cols} scores at {@code at + i*cols}, after adding the bias row at
     * {@code biasAt + i*biasRowStride} (bias null: none).
     */
    static void softmaxRows(Floats w, int at, int rows, int cols, Floats bias, int biasAt, int biasRowStride) {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        float[] z = new float[cols];
        float[] bz = new float[cols];
        int bound = species.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = at + r * cols;
            w.copyTo(row, z, 0, cols);
            if (bias != null) {
                bias.copyTo(biasAt + r * biasRowStride, bz, 0, cols);
                for (int j = 0; j < cols; j++) {
                    z[j] += bz[j];
                }
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, z[j]);
            }
            float sum = 0f;
            int j = 0;
            for (; j < bound; j += species.length()) {
                FloatVector e = FloatVector.fromArray(species, z, j).sub(max).lanewise(VectorOperators.EXP);
                e.intoArray(z, j);
                sum += e.reduceLanes(VectorOperators.ADD);
            }
            for (; j < cols; j++) {
                z[j] = (float) Math.exp(z[j] - max);
                sum += z[j];
            }
            float inv = 1f / sum;
            for (j = 0; j < cols; j++) {
                z[j] *= inv;
            }
            w.copyFrom(row, z, 0, cols);
        }
    }
}
