package org.genmask.data.latents;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.genmask.dtype.BFloat16;

/**
 * How latent values are stored in a Parquet BINARY column: little-endian IEEE float32, IEEE float16 (binary16) or
 * bfloat16, both 16-bit forms rounded to nearest, ties to even. A finite value that does not fit the type
 * (|v| above 65504 for float16) is an error, never a silent infinity.
 */
public enum LatentDType {
    FLOAT32(4), FLOAT16(2), BFLOAT16(2);

    private final int bytes;

    LatentDType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per stored value. */
    public int bytesPerValue() {
        return bytes;
    }

    /** The configuration and metadata spelling: {@code float32}, {@code float16}, {@code bfloat16}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this spelling; the message lists the valid ones. */
    public static LatentDType parse(String name) {
        for (LatentDType t : values()) {
            if (t.configName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("latent dtype must be float32, float16 or bfloat16, got '" + name + "'");
    }

    /**
     * The values as little-endian bytes of this type.
     *
     * @throws ArithmeticException when a finite value overflows this type
     */
    public byte[] encode(float[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (this) {
                case FLOAT32 -> out.putFloat(v);
                case FLOAT16 -> out.putShort(checked(v, toFloat16(v)));
                case BFLOAT16 -> out.putShort(checked(v, BFloat16.bits(v)));
                default -> throw new IllegalStateException(name());
            }
        }
        return out.array();
    }

    /**
     * Decodes {@code count} values.
     *
     * @throws IllegalArgumentException when the byte count does not match
     */
    public float[] decode(byte[] data, int count) {
        if (data == null || data.length != count * bytes) {
            throw new IllegalArgumentException("a " + configName() + " latent of " + count + " values needs "
                    + count * bytes + " bytes, got " + (data == null ? "null" : data.length));
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (this) {
                case FLOAT32 -> in.getFloat();
                case FLOAT16 -> fromFloat16(in.getShort());
                case BFLOAT16 -> BFloat16.value(in.getShort());
            };
        }
        return out;
    }

    /** The value after a round trip through this type. */
    public float round(float v) {
        return switch (this) {
            case FLOAT32 -> v;
            case FLOAT16 -> fromFloat16(toFloat16(v));
            case BFLOAT16 -> BFloat16.value(BFloat16.bits(v));
        };
    }

    private short checked(float v, short stored) {
        float back = this == FLOAT16 ? fromFloat16(stored) : BFloat16.value(stored);
        if (Float.isFinite(v) && !Float.isFinite(back)) {
            throw new ArithmeticException("latent value " + v + " overflows " + configName());
        }
        return stored;
    }

    /** IEEE binary16 bits of {@code f}, rounded to nearest even. */
    static short toFloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
            half++; // a carry into the exponent is the correct rounding (up to infinity)
        }
        return (short) (sign | half);
    }

    /** The float value of IEEE binary16 bits. */
    static float fromFloat16(short h) {
        int s = (h & 0x8000) << 16;
        int e = (h >>> 10) & 0x1f;
        int m = h & 0x3ff;
        if (e == 0) {
            float v = m * 0x1p-24f;
            return s != 0 ? -v : v;
        }
        if (e == 0x1f) {
            return Float.intBitsToFloat(s | 0x7f800000 | (m << 13));
        }
        return Float.intBitsToFloat(s | ((e + 112) << 23) | (m << 13));
    }
}
