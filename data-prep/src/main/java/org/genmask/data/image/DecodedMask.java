package org.genmask.data.image;

import java.util.Arrays;

/** A decoded binary mask at its own size: {@code true} = object (a non-zero pixel). Immutable. */
public final class DecodedMask {

    private final int width;
    private final int height;
    private final boolean[] bits;
    private final int count;

    /**
     * @param width  pixels, &gt; 0
     * @param height pixels, &gt; 0
     * @param bits   {@code height * width} values, row-major (copied)
     */
    public DecodedMask(int width, int height, boolean[] bits) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        if (bits == null || bits.length != (long) width * height) {
            throw new IllegalArgumentException("mask " + width + "x" + height + " needs " + (long) width * height
                    + " values, got " + (bits == null ? "null" : bits.length));
        }
        this.width = width;
        this.height = height;
        this.bits = bits.clone();
        int n = 0;
        for (boolean b : bits) {
            n += b ? 1 : 0;
        }
        this.count = n;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Whether the pixel at column {@code x}, row {@code y} belongs to the object. */
    public boolean get(int y, int x) {
        return bits[y * width + x];
    }

    /** The number of object pixels. */
    public int count() {
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedMask d && d.width == width && d.height == height && Arrays.equals(d.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "DecodedMask[" + width + "x" + height + ", " + count + " object pixels]";
    }
}
