package org.genmask.jobs.train;

import java.io.Serializable;
import org.genmask.dtype.BFloat16;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flat vector as it travels between the driver and the workers of a round: float32 as it is, or bfloat16. The
 * parameters [P] always travel as float32; the AdamW moments [2P] (m, then v) as bfloat16 when the config key
 * {@code moments_dtype} says so, which halves two thirds of the bytes a round moves. bfloat16 keeps float32's
 * exponent range, so no second moment underflows to 0 (float16 would), and each value is within a relative 2^-8 of
 * the float: far below the noise of the moments themselves, far above what a parameter update needs.
 */
final class ShippedVector implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Exactly one of the two is set. */
    private final float[] floats;
    private final short[] bfloat16;

    private ShippedVector(float[] floats, short[] bfloat16) {
        this.floats = floats;
        this.bfloat16 = bfloat16;
    }

    /** {@code values} for shipping: kept by reference as float32, or rounded to nearest even bfloat16. */
    static ShippedVector of(float[] values, boolean asBfloat16) {
        return asBfloat16 ? new ShippedVector(null, BFloat16.encode(values)) : new ShippedVector(values, null);
    }

    int length() {
        return floats != null ? floats.length : bfloat16.length;
    }

    float get(int i) {
        return floats != null ? floats[i] : BFloat16.value(bfloat16[i]);
    }

    /** The values as a fresh float array. */
    float[] values() {
        return floats != null ? floats.clone() : BFloat16.decode(bfloat16);
    }

    /** The values as a float32 ND4J vector of their own. */
    INDArray toNd4j() {
        return Nd4j.createFromArray(floats != null ? floats : BFloat16.decode(bfloat16));
    }

    /** {@code sum[i] += this[i]}. */
    void addTo(double[] sum) {
        requireLength(sum.length);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += get(i);
        }
    }

    /** The float of {@code (a[i] + b[i]) / workers} in double, in one pass. */
    static float[] mean(ShippedVector a, ShippedVector b, int workers) {
        a.requireLength(b.length());
        float[] out = new float[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (((double) a.get(i) + b.get(i)) / workers);
        }
        return out;
    }

    void requireLength(int other) {
        if (length() != other) {
            throw new IllegalStateException("workers disagree on the vector length: " + length() + " vs "
                    + other);
        }
    }
}
