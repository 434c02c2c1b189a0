package org.genmask.data.image;

/**
 * An image and one object's mask with the same geometry: the input and target of one segmentation sample.
 *
 * @param image the image, {@code [3, R, R]} in [-1, 1]
 * @param mask  the object's mask, R x R
 */
public record ImagePair(SquareImage image, SquareMask mask) {

    /** Checks that both exist and share R. */
    public ImagePair {
        if (image == null || mask == null) {
            throw new IllegalArgumentException("image and mask are required");
        }
        if (image.resolution() != mask.resolution()) {
            throw new IllegalArgumentException("image is " + image.resolution() + "x" + image.resolution()
                    + " but mask is " + mask.resolution() + "x" + mask.resolution());
        }
    }

    /**
     * Image and mask mirrored left-right together. Its referring expression must have its left/right words swapped
     * too ({@code org.genmask.data.text.LeftRightFlip}).
     */
    public ImagePair flipped() {
        return new ImagePair(image.flipped(), mask.flipped());
    }
}
