package org.genmask.jobs.train;

import java.io.Serializable;
import java.nio.FloatBuffer;
import org.genmask.dtype.BFloat16;

/**
 * A flat vector as it travels between the driver and the workers of a round: float32 as it is, or bfloat16. The
 * parameters [P] always travel as float32; the AdamW moments [2P] (m, then v) as bfloat16 when the config key
 * {@code moments_dtype} says so, which halves two thirds of the bytes a round moves. bfloat16 keeps float32's
 * exponent range, so no second moment underflows to 0 (float16 would), and each value is within a relative 2^-8 of
 * the float: far below the noise of the moments themselves, but too coarse for the parameters, whose updates are
 * smaller than that.
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

    /** The values as floats: the vector's own array when it is float32 (not a copy), decoded from bfloat16. */
    float[] values() {
        return floats != null ? floats : BFloat16.decode(bfloat16);
    }

    /** This vector as float32 or as bfloat16 (itself when it already is). */
    ShippedVector as(boolean asBfloat16) {
        return asBfloat16 == (bfloat16 != null) ? this : of(values(), asBfloat16);
    }

    /** The {@code buffer}'s values from position 0 to its limit in one pass, as float32 or rounded to bfloat16. */
    static ShippedVector of(FloatBuffer buffer, boolean asBfloat16) {
        FloatBuffer in = buffer.duplicate().rewind();
        int n = in.limit();
        if (!asBfloat16) {
            float[] out = new float[n];
            in.get(out);
            return new ShippedVector(out, null);
        }
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = BFloat16.bits(in.get(i));
        }
        return new ShippedVector(null, out);
    }

    /** Writes the values into {@code buffer} from position 0, in one pass; its limit must be this vector's length. */
    void writeTo(FloatBuffer buffer) {
        FloatBuffer out = buffer.duplicate().rewind();
        requireLength(out.limit());
        if (floats != null) {
            out.put(floats);
        } else {
            for (int i = 0; i < bfloat16.length; i++) {
                out.put(i, BFloat16.value(bfloat16[i]));
            }
        }
    }

    /** {@code sum[i] += this[i]}. */
    void addTo(double[] sum) {
        requireLength(sum.length);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += get(i);
        }
    }

    /** The float of {@code (a[i] + b[i]) / workers} in double, stored as float32 or bfloat16, in one pass. */
    static ShippedVector mean(ShippedVector a, ShippedVector b, int workers, boolean asBfloat16) {
        a.requireLength(b.length());
        int n = a.length();
        if (!asBfloat16) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = (float) (((double) a.get(i) + b.get(i)) / workers);
            }
            return new ShippedVector(out, null);
        }
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = BFloat16.bits((float) (((double) a.get(i) + b.get(i)) / workers));
        }
        return new ShippedVector(null, out);
    }

    /** The float of {@code sums[i] / workers}, stored as float32 or bfloat16, in one pass. */
    static ShippedVector mean(double[] sums, int workers, boolean asBfloat16) {
        if (!asBfloat16) {
            float[] out = new float[sums.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (sums[i] / workers);
            }
            return new ShippedVector(out, null);
        }
        short[] out = new short[sums.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = BFloat16.bits((float) (sums[i] / workers));
        }
        return new ShippedVector(null, out);
    }

    private void requireLength(int other) {
        if (length() != other) {
            throw new IllegalStateException("workers disagree on the vector length: " + length() + " vs "
                    + other);
        }
    }
}
