package org.genmask.jobs.eval;

import java.io.Serializable;
import java.util.Arrays;
import org.genmask.data.image.DecodedMask;
import org.genmask.data.image.PngWriter;

/**
 * A binary mask of any size, {@code true} = object (foreground), row-major. Ground-truth masks are held at their
 * original resolution; predictions at the model's square resolution until {@link OriginalResolution} maps them.
 * Immutable.
 */
public final class PixelMask implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int width;
    private final int height;
    private final boolean[] bits;
    private final long count;

    /**
     * @param width  pixels, &gt; 0
     * @param height pixels, &gt; 0
     * @param bits   {@code height * width} values, row-major (copied)
     */
    public PixelMask(int width, int height, boolean[] bits) {
        this(bits == null ? null : bits.clone(), width, height);
    }

    private PixelMask(boolean[] owned, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        if (owned == null || owned.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + (long) width * height
                    + " values, got " + (owned == null ? "null" : owned.length));
        }
        this.width = width;
        this.height = height;
        this.bits = owned;
        long n = 0;
        for (boolean b : owned) {
            n += b ? 1 : 0;
        }
        this.count = n;
    }

    /** Takes ownership of {@code bits} (no copy): for arrays the caller built and no longer touches. */
    static PixelMask wrap(int width, int height, boolean[] bits) {
        return new PixelMask(bits, width, height);
    }

    /** A mask decoded from a file (data-prep's decoder), at its own size. */
    public static PixelMask of(DecodedMask mask) {
        boolean[] bits = new boolean[mask.width() * mask.height()];
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                bits[y * mask.width() + x] = mask.get(y, x);
            }
        }
        return wrap(mask.width(), mask.height(), bits);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Whether the pixel at row {@code y}, column {@code x} is foreground. */
    public boolean get(int y, int x) {
        return bits[y * width + x];
    }

    /** Foreground pixels. */
    public long count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** A copy of the bits, row-major. */
    public boolean[] toBits() {
        return bits.clone();
    }

    /** Package-internal read access without a copy. */
    boolean[] bits() {
        return bits;
    }

    /** The mask as an 8-bit grey PNG (object 255, background 0). */
    public byte[] toPng() {
        return PngWriter.mask(width, height, bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelMask m && m.width == width && m.height == height && Arrays.equals(m.bits, bits);
    }

    @Override
    public int hashCode() {
        return (31 * width + height) * 31 + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "PixelMask[" + width + "x" + height + ", " + count + " object pixels]";
    }
}
