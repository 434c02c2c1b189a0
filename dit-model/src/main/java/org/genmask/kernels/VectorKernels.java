package org.genmask.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hottest element-wise loops of the eager kernels (GELU, softmax, GroupNorm with SiLU) in SIMD lanes through the
 * JDK's {@code jdk.incubator.vector} module (on x86 its exponential is the SVML intrinsic: measured ~10x the scalar
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

    /**
     * {@link Activations#normalizeRowsScalar} in lanes: z = (x - center) * scale + shift, then z * sigmoid(z). A row's
     * ragged end runs in lanes too, over stale elements of the heap chunk that are computed and not written back.
     * (Species and vectors stay out of locals that live into a loop: an on-stack-replacement compilation of the loop
     * would not see them as constants and would box every vector.)
     */
    static void normalizeRows(Floats x, Floats y, int rows, int length, float[] center, float[] scale, float[] shift,
            boolean silu) {
        float[] zs = new float[(Math.min(CHUNK, Math.max(1, length)) + SPECIES.length() - 1) / SPECIES.length()
                * SPECIES.length()];
        for (int r = 0; r < rows; r++) {
            float c = center[r];
            float a = scale[r];
            float b = shift[r];
            for (int start = 0; start < length; start += CHUNK) {
                int m = Math.min(CHUNK, length - start);
                int at = r * length + start;
                x.copyTo(at, zs, 0, m);
                if (silu) { // two loops: a vector merged from two branches would not stay in registers
                    for (int i = 0; i < m; i += SPECIES.length()) {
                        FloatVector z = FloatVector.fromArray(SPECIES, zs, i).sub(c).mul(a).add(b);
                        z.mul(FloatVector.broadcast(SPECIES, 1f).div(exp(z.neg()).add(1f))).intoArray(zs, i);
                    }
                } else {
                    for (int i = 0; i < m; i += SPECIES.length()) {
                        FloatVector.fromArray(SPECIES, zs, i).sub(c).mul(a).add(b).intoArray(zs, i);
                    }
                }
                y.copyFrom(at, zs, 0, m);
            }
        }
    }

    /**
     * {@link Activations#softmaxRowsInterleavedScalar} with the exponentials and the scaling in lanes; the max and the
     * eight interleaved sums stay scalar loops (eight independent chains), as JDK 17 boxes a vector carried around a
     * loop.
     */
    static void softmaxRowsInterleaved(Floats w, int at, int rows, int cols) {
        float[] z = new float[(Math.max(1, cols) + SPECIES.length() - 1) / SPECIES.length() * SPECIES.length()];
        float[] part = new float[8];
        for (int r = 0; r < rows; r++) {
            int row = at + r * cols;
            w.copyTo(row, z, 0, cols);
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, z[j]);
            }
            for (int j = 0; j < cols; j += SPECIES.length()) { // the ragged end's stale lanes are never read
                exp(FloatVector.fromArray(SPECIES, z, j).sub(max)).intoArray(z, j);
            }
            Activations.eightSums(z, cols, part);
            float inv = 1f / Activations.sumOfEight(part);
            for (int j = 0; j < cols; j += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, z, j).mul(inv).intoArray(z, j);
            }
            w.copyFrom(row, z, 0, cols);
        }
    }
}
