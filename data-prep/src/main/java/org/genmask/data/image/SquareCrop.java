package org.genmask.data.image;

/**
 * The geometry of the resize/crop policy: scale so that the shorter side is exactly {@code resolution} (the longer
 * side becomes {@code round(longer * resolution / shorter)}), then cut the centred {@code resolution x resolution}
 * square; an odd surplus leaves the extra pixel on the right/bottom.
 *
 * @param sourceWidth  source pixels
 * @param sourceHeight source pixels
 * @param resolution   the output side R
 */
public record SquareCrop(int sourceWidth, int sourceHeight, int resolution) {

    /** Validates the sizes. */
    public SquareCrop {
        if (sourceWidth <= 0 || sourceHeight <= 0 || resolution <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got source " + sourceWidth + "x"
                    + sourceHeight + ", resolution " + resolution);
        }
    }

    /** The width after scaling, before cropping. */
    public int scaledWidth() {
        return scaled(sourceWidth, sourceHeight);
    }

    /** The height after scaling, before cropping. */
    public int scaledHeight() {
        return scaled(sourceHeight, sourceWidth);
    }

    /** Scaled columns cut off on the left. */
    public int offsetX() {
        return (scaledWidth() - resolution) / 2;
    }

    /** Scaled rows cut off at the top. */
    public int offsetY() {
        return (scaledHeight() - resolution) / 2;
    }

    /**
     * The source column that output column {@code x} takes under nearest-neighbour resampling (masks): the one
     * holding the output pixel's centre, {@code floor((x + offsetX + 0.5) * sourceWidth / scaledWidth)}.
     */
    public int sourceColumn(int x) {
        return nearest(x, sourceWidth, scaledWidth(), offsetX());
    }

    /** The source row that output row {@code y} takes under nearest-neighbour resampling (as {@link #sourceColumn}). */
    public int sourceRow(int y) {
        return nearest(y, sourceHeight, scaledHeight(), offsetY());
    }

    private int nearest(int i, int source, int scaled, int offset) {
        if (i < 0 || i >= resolution) {
            throw new IllegalArgumentException("output index " + i + " outside [0, " + resolution + ")");
        }
        double f = (double) source / scaled;
        return Math.min(source - 1, (int) Math.floor((i + offset + 0.5) * f));
    }

    private int scaled(int side, int other) {
        if (side <= other) {
            return resolution;
        }
        return (int) Math.max(resolution, Math.round((double) side * resolution / other));
    }
}
