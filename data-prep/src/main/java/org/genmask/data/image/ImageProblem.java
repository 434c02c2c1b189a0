package org.genmask.data.image;

/** Why an image or mask cannot be used; carried by {@link ImageDataException} so that a job can route rejects. */
public enum ImageProblem {
    /** No reader understood the bytes, or they are corrupt. */
    UNDECODABLE,
    /** Decoded, but in a colour space other than grey, RGB or palette (e.g. CMYK). */
    UNSUPPORTED,
    /** A mask whose width and height differ from its image's. */
    SIZE_MISMATCH,
    /** A mask with no non-zero pixel. */
    EMPTY_MASK,
    /** A mask whose object pixels all fall outside the centre crop. */
    EMPTY_AFTER_CROP
}
