package org.genmask.dtype;

/**
 * bfloat16: the upper 16 bits of an IEEE float32 (same sign and 8-bit exponent, 7 mantissa bits, so the same range
 * and a relative precision of 2^-8). Conversion from float rounds to nearest, ties to even; NaN stays NaN. The one
 * owner of the format for stored latents, safetensors tensors and the optimizer moments a training round ships.
 */
public final class BFloat16 {
    private BFloat16() {
    }

    /** The bfloat16 bits of {@code f}, rounded to nearest even. */
    public static short bits(float f) {
        int raw = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((raw >>> 16) | 0x40);                // keep it a NaN after truncation
        }
        int rounding = 0x7fff + ((raw >>> 16) & 1);
        return (short) ((raw + rounding) >>> 16);
    }

    /** The float value of bfloat16 bits (exact). */
    public static float value(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    /** Every value of {@code values} as bfloat16 bits. */
    public static short[] encode(float[] values) {
        short[] out = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = bits(values[i]);
        }
        return out;
    }

    /** Every value of {@code bits} as a float. */
    public static float[] decode(short[] bits) {
        float[] out = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = value(bits[i]);
        }
        return out;
    }
}
