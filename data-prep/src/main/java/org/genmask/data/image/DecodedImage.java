package org.genmask.data.image;

import java.util.Arrays;

/**
 * A decoded image at its own size: three planes (R, G, B), each {@code height x width} row-major, values in
 * [0, 1]. Immutable.
 */
public final class DecodedImage {

    private final int width;
    private final int height;
    private final float[] planes;

    /**
     * @param width  pixels, &gt; 0
     * @param height pixels, &gt; 0
     * @param planes {@code 3 * height * width} values in [0, 1], plane-major (copied)
     */
    public DecodedImage(int width, int height, float[] planes) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (planes == null || planes.length != 3L * width * height) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs " + 3L * width * height
                    + " values, got " + (planes == null ? "null" : planes.length));
        }
        for (float v : planes) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("image values must lie in [0, 1], got " + v);
            }
        }
        this.width = width;
        this.height = height;
        this.planes = planes.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The value of channel {@code c} (0 = R, 1 = G, 2 = B) at column {@code x}, row {@code y}. */
    public float get(int c, int y, int x) {
        return planes[(c * height + y) * width + x];
    }

    /** A copy of the planes. */
    public float[] planes() {
        return planes.clone();
    }

    float[] planesView() {
        return planes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedImage d && d.width == width && d.height == height
                && Arrays.equals(d.planes, planes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(planes);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + "]";
    }
}
