package org.genmask.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hottest element-wise loops of the eager kernels (GELU, softmax) in SIMD lanes through the JDK's
 * {@code jdk.incubator.vector} module (on x86 its exponential is the SVML intrinsic: measured ~10x the scalar
 * {@code Math.exp} loop). Values move between the off-heap buffers and heap chunks in bulk. Loaded only when the module
 * is in the boot layer ({@link Activations#SIMD}: this class cannot even be loaded without it); the scalar loops are
 * the fallback and the reference in tests.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHUNK = 4096;

    private VectorKernels() {
    }

    /** {@link FloatExp#exp} lane by lane: the same operations in the same order. */
    static FloatVector exp(FloatVector x) {
        VectorMask<Float> underflow = x.compare(VectorOperators.LT, FloatExp.LOWEST);
        FloatVector c = x.min(FloatExp.HIGHEST);
        FloatVector t = c.mul(FloatExp.LOG2E).add(FloatExp.ROUNDER);
        IntVector k = t.reinterpretAsInts().sub(FloatExp.ROUNDER_BITS);
        FloatVector kf = t.sub(FloatExp.ROUNDER);
        FloatVector r = c.sub(kf.mul(FloatExp.LN2_HI)).sub(kf.mul(FloatExp.LN2_LO));
        FloatVector p = r.mul(FloatExp.C7).add(FloatExp.C6);
        p = r.mul(p).add(FloatExp.C5);
        p = r.mul(p).add(FloatExp.C4);
        p = r.mul(p).add(FloatExp.C3);
        p = r.mul(p).add(FloatExp.C2);
        p = r.mul(p).add(1f);
        p = r.mul(p).add(1f);
        FloatVector scale = k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale).blend(0f, underflow);
    }

    /** gelu_tanh: y = x * gate, gate = sigmoid(x (b x^2 + a)) ({@link Activations#geluScalar}). */
    static void gelu(Floats x, Floats y, Floats gate, int n, float a, float b) {
        float[] xs = new float[CHUNK];
        float[] ys = new float[CHUNK];
        float[] gs = new float[CHUNK];
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            x.copyTo(start, xs, 0, m);
            int i = 0;
            for (int bound = SPECIES.loopBound(m); i < bound; i += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, xs, i);
                FloatVector z = v.mul(v.mul(b).mul(v).add(a));
                FloatVector s = FloatVector.broadcast(SPECIES, 1f).div(exp(z.neg()).add(1f));
                s.intoArray(gs, i);
                v.mul(s).intoArray(ys, i);
            }
            for (; i < m; i++) {
                float v = xs[i];
                float s = FloatExp.sigmoid(v * (b * v * v + a));
                gs[i] = s;
                ys[i] = v * s;
            }
            y.copyFrom(start, ys, 0, m);
            gate.copyFrom(start, gs, 0, m);
        }
    }

    /** dx = dy * gelu_tanh'(x) from the forward pass's sigmoid factors (dx may be dy); b3 = 3 b. */
    static void geluBackward(Floats x, Floats gate, Floats dy, Floats dx, int n, float a, float b3) {
        float[] xs = new float[CHUNK];
        float[] gs = new float[CHUNK];
        float[] ds = new float[CHUNK];
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            x.copyTo(start, xs, 0, m);
            gate.copyTo(start, gs, 0, m);
            dy.copyTo(start, ds, 0, m);
            int i = 0;
            for (int bound = SPECIES.loopBound(m); i < bound; i += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, xs, i);
                FloatVector s = FloatVector.fromArray(SPECIES, gs, i);
                FloatVector slope = v.mul(b3).mul(v).add(a);                           // 3 b x^2 + a
                FloatVector dgelu = v.mul(s).mul(s.neg().add(1f)).mul(slope).add(s);   // x s (1 - s) slope + s
                FloatVector.fromArray(SPECIES, ds, i).mul(dgelu).intoArray(ds, i);
            }
            for (; i < m; i++) {
                float v = xs[i];
                float s = gs[i];
                ds[i] = ds[i] * (v * s * (1f - s) * (b3 * v * v + a) + s);
            }
            dx.copyFrom(start, ds, 0, m);
        }
    }

    /**
     * Softmax of each of {@code rows} rows of {@code cols} scores at {@code at + i*cols}, after adding the bias row at
     * {@code biasAt + i*biasRowStride} (bias null: none); {@link Activations#softmaxRowsScalar} with the exponentials in lanes
     * (sums stay sequential, so the bits match).
     */
    static void softmaxRows(Floats w, int at, int rows, int cols, Floats bias, int biasAt, int biasRowStride) {
        float[] z = new float[cols];
        float[] bz = new float[cols];
        int bound = SPECIES.loopBound(cols);
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
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                exp(FloatVector.fromArray(SPECIES, z, j).sub(max)).intoArray(z, j);
            }
            for (; j < cols; j++) {
                z[j] = FloatExp.exp(z[j] - max);
            }
            float sum = 0f;
            for (j = 0; j < cols; j++) {
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
