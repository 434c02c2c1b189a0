package org.genmask.kernels;

/**
 * e^x in float arithmetic alone (range reduction x = k ln2 + r, |r| <= ln2/2, a degree-7 Taylor polynomial, 2^k built
 * in the exponent bits): within ~2 ulp of {@code Math.exp}, 0 below -87.3 (e^x under the smallest normal float).
 * {@link VectorKernels} runs the same operations in the same order in SIMD lanes, and Java float arithmetic is exact
 * IEEE, so an element gets the same bits whatever the lane count, the JIT's state or whether the vector module is
 * loaded. (The vector module's own exponential differs by an ulp between interpreted and compiled code: a training
 * step would then depend on JIT timing, and a retried task would not recompute the same result.)
 */
public final class FloatExp {
    static final float LOWEST = -87.3f;
    static final float HIGHEST = 88.0f;
    static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = 0x4B400000;
    static final float LN2_HI = 0.693145751953125f;
    static final float LN2_LO = 1.42860677e-6f;
    static final float C2 = 1f / 2;
    static final float C3 = 1f / 6;
    static final float C4 = 1f / 24;
    static final float C5 = 1f / 120;
    static final float C6 = 1f / 720;
    static final float C7 = 1f / 5040;

    private FloatExp() {
    }

    public static float exp(float x) {
        if (x < LOWEST) {
            return 0f;
        }
        float c = Math.min(x, HIGHEST);
        float t = c * LOG2E + ROUNDER;
        int k = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        float kf = t - ROUNDER;
        float r = c - kf * LN2_HI - kf * LN2_LO;
        float p = 1f + r * (1f + r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * C7))))));
        return p * Float.intBitsToFloat((k + 127) << 23);
    }

    /** 1 / (1 + e^-z). */
    public static float sigmoid(float z) {
        return 1f / (1f + exp(-z));
    }
}
