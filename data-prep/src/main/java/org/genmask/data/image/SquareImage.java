package org.genmask.data.image;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model-ready image: a {@code [3, R, R]} float tensor (channels R, G, B; rows top to bottom), values in
 * [-1, 1] (-1 = black, 1 = white), C-order. Immutable.
 */
public final class SquareImage {

    private final int resolution;
    private final float[] chw;

    /**
     * @param resolution R, &gt; 0
     * @param chw        {@code 3 * R * R} values in [-1, 1] (copied)
     */
    public SquareImage(int resolution, float[] chw) {
        this(resolution, chw.clone(), true);
    }

    SquareImage(int resolution, float[] chw, boolean check) {
        if (resolution <= 0 || chw == null || chw.length != 3 * resolution * resolution) {
            throw new IllegalArgumentException("a [3, " + resolution + ", " + resolution + "] image needs "
                    + 3L * resolution * resolution + " values, got " + (chw == null ? "null" : chw.length));
        }
        if (check) {
            for (float v : chw) {
                if (!(v >= -1f && v <= 1f)) {
                    throw new IllegalArgumentException("image values must lie in [-1, 1], got " + v);
                }
            }
        }
        this.resolution = resolution;
        this.chw = chw;
    }

    /** R. */
    public int resolution() {
        return resolution;
    }

    /** The value of channel {@code c} at row {@code y}, column {@code x}. */
    public float get(int c, int y, int x) {
        return chw[(c * resolution + y) * resolution + x];
    }

    /** A copy of the {@code [3, R, R]} values, C-order. */
    public float[] toArray() {
        return chw.clone();
    }

    /** A new ND4J FLOAT array of shape {@code [3, R, R]}. */
    public INDArray toNd4j() {
        return Nd4j.create(chw.clone(), new long[] {3, resolution, resolution}, 'c');
    }

    /** The image mirrored left-right. */
    public SquareImage flipped() {
        float[] out = new float[chw.length];
        for (int row = 0; row < 3 * resolution; row++) {
            int base = row * resolution;
            for (int x = 0; x < resolution; x++) {
                out[base + x] = chw[base + resolution - 1 - x];
            }
        }
        return new SquareImage(resolution, out, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SquareImage s && s.resolution == resolution && Arrays.equals(s.chw, chw);
    }

    @Override
    public int hashCode() {
        return 31 * resolution + Arrays.hashCode(chw);
    }

    @Override
    public String toString() {
        return "SquareImage[3x" + resolution + "x" + resolution + "]";
    }
}
