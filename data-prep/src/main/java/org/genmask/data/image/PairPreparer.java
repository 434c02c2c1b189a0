package org.genmask.data.image;

/**
 * Turns image and mask files into model-ready tensors under the {@link SquareResize} policy, with the checks a
 * job turns into reject reasons: a mask must have its image's size, must not be empty, and must keep at least one
 * object pixel after the centre crop.
 *
 * @param resize the resize/crop policy
 */
public record PairPreparer(SquareResize resize) {

    /** Validates the policy. */
    public PairPreparer {
        if (resize == null) {
            throw new IllegalArgumentException("resize policy is null");
        }
    }

    /** A preparer for resolution R. */
    public static PairPreparer ofResolution(int resolution) {
        return new PairPreparer(new SquareResize(resolution));
    }

    /** Decodes and resizes an image. */
    public SquareImage image(String imageName, byte[] imageBytes) throws ImageDataException {
        return resize.image(ImageDecoder.decodeImage(imageName, imageBytes));
    }

    /**
     * Decodes, checks and resizes one mask of an image of the given size.
     *
     * @throws ImageDataException {@link ImageProblem#SIZE_MISMATCH} (naming both sizes),
     *                            {@link ImageProblem#EMPTY_MASK}, {@link ImageProblem#EMPTY_AFTER_CROP}, or a decoding
     *                            problem
     */
    public SquareMask mask(String maskName, byte[] maskBytes, String imageName, int imageWidth, int imageHeight)
            throws ImageDataException {
        return mask(maskName, ImageDecoder.decodeMask(maskName, maskBytes), imageName, imageWidth, imageHeight);
    }

    /** {@link #mask(String, byte[], String, int, int)} for an already decoded mask. */
    public SquareMask mask(String maskName, DecodedMask mask, String imageName, int imageWidth, int imageHeight)
            throws ImageDataException {
        if (mask.width() != imageWidth || mask.height() != imageHeight) {
            throw new ImageDataException(ImageProblem.SIZE_MISMATCH, maskName + ": mask is " + mask.width() + "x"
                    + mask.height() + " but its image " + imageName + " is " + imageWidth + "x" + imageHeight);
        }
        if (mask.count() == 0) {
            throw new ImageDataException(ImageProblem.EMPTY_MASK, maskName + ": mask is empty (no non-zero pixel)");
        }
        SquareMask out = resize.mask(mask);
        if (out.isEmpty()) {
            throw new ImageDataException(ImageProblem.EMPTY_AFTER_CROP, maskName + ": mask is empty after resize"
                    + " and centre crop to " + resize.resolution() + "x" + resize.resolution() + " (had "
                    + mask.count() + " object pixels at " + mask.width() + "x" + mask.height() + ")");
        }
        return out;
    }

    /** Decodes, checks and resizes an image and one of its masks. */
    public ImagePair pair(String imageName, byte[] imageBytes, String maskName, byte[] maskBytes)
            throws ImageDataException {
        DecodedImage image = ImageDecoder.decodeImage(imageName, imageBytes);
        SquareMask mask = mask(maskName, maskBytes, imageName, image.width(), image.height());
        return new ImagePair(resize.image(image), mask);
    }
}
