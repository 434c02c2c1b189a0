package org.genmask.safetensors;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.genmask.dtype.BFloat16;

/** The element types this project reads from safetensors files; all are converted to float32 on read. */
public enum SafetensorsDType {
    F32(4),
    F16(2),
    BF16(2);

    private final int byteSize;

    SafetensorsDType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /**
     * Converts {@code count} elements from {@code src} (positioned at the first element, little-endian order
     * already set) into {@code dst[0..count)}.
     */
    void decode(ByteBuffer src, float[] dst, int count) {
        switch (this) {
            case F32 -> src.asFloatBuffer().get(dst, 0, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[i] = halfToFloat(src.getShort(src.position() + 2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    dst[i] = BFloat16.value(src.getShort(src.position() + 2 * i));
                }
            }
            default -> throw new IllegalStateException("no decoder for " + this);
        }
    }

    /** IEEE 754 binary16 to binary32, exact (every half value is representable as a float). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) { // zero or subnormal: mant * 2^-24
            float v = Math.scalb((float) mant, -24);
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1f) { // infinity or NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** The dtype spelled exactly as in a safetensors header ("F32", "F16", "BF16"), or empty when unsupported. */
    public static Optional<SafetensorsDType> parse(String headerName) {
        for (SafetensorsDType t : values()) {
            if (t.name().equals(headerName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
