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

    private int scaled(int side, int other) {
        if (side <= other) {
            return resolution;
        }
        return (int) Math.max(resolution, Math.round((double) side * resolution / other));
    }
}
