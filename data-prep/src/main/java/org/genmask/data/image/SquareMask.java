package org.genmask.data.image;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model-ready binary mask of side R ({@code true} = object), with the same geometry as its
 * {@link SquareImage}. The model sees it as a black/white RGB image ({@link #toRgb()}: white = object = 1,
 * black = background = -1). Immutable.
 */
public final class SquareMask {

    private final int resolution;
    private final boolean[] bits;
    private final int count;

    /**
     * @param resolution R, &gt; 0
     * @param bits       {@code R * R} values, row-major (copied)
     */
    public SquareMask(int resolution, boolean[] bits) {
        this(bits.clone(), resolution);
    }

    private SquareMask(boolean[] owned, int resolution) {
        if (resolution <= 0 || owned.length != resolution * resolution) {
            throw new IllegalArgumentException("a " + resolution + "x" + resolution + " mask needs "
                    + (long) resolution * resolution + " values, got " + owned.length);
        }
        this.resolution = resolution;
        this.bits = owned;
        int n = 0;
        for (boolean b : owned) {
            n += b ? 1 : 0;
        }
        this.count = n;
    }

    static SquareMask wrap(int resolution, boolean[] owned) {
        return new SquareMask(owned, resolution);
    }

    /** R. */
    public int resolution() {
        return resolution;
    }

    /** Whether the pixel at row {@code y}, column {@code x} belongs to the object. */
    public boolean get(int y, int x) {
        return bits[y * resolution + x];
    }

    /** The number of object pixels. */
    public int count() {
        return count;
    }

    /** Whether no pixel belongs to the object. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** A copy of the bits, row-major. */
    public boolean[] toBits() {
        return bits.clone();
    }

    /** The mask as a {@code [3, R, R]} black/white RGB image in [-1, 1]: object 1 (white), background -1. */
    public float[] toRgb() {
        int plane = resolution * resolution;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            float v = bits[i] ? 1f : -1f;
            out[i] = v;
            out[plane + i] = v;
            out[2 * plane + i] = v;
        }
        return out;
    }

    /** {@link #toRgb()} as a new ND4J FLOAT array of shape {@code [3, R, R]}. */
    public INDArray toNd4j() {
        return Nd4j.create(toRgb(), new long[] {3, resolution, resolution}, 'c');
    }

    /** {@link #toRgb()} as a {@link SquareImage} (e.g. to write it with {@link PngWriter}). */
    public SquareImage toImage() {
        return new SquareImage(resolution, toRgb(), false);
    }

    /** The mask mirrored left-right. */
    public SquareMask flipped() {
        boolean[] out = new boolean[bits.length];
        for (int y = 0; y < resolution; y++) {
            int base = y * resolution;
            for (int x = 0; x < resolution; x++) {
                out[base + x] = bits[base + resolution - 1 - x];
            }
        }
        return wrap(resolution, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SquareMask s && s.resolution == resolution && Arrays.equals(s.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * resolution + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "SquareMask[" + resolution + "x" + resolution + ", " + count + " object pixels]";
    }
}
