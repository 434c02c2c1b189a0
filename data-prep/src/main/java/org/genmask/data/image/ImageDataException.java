package org.genmask.data.image;

import java.io.IOException;

/**
 * An image or mask that cannot be used, with its {@link ImageProblem} and a one-line message that names the file,
 * e.g. {@code masks/000017_2.png: mask is 320x240 but its image images/000017.png is 640x480}.
 */
public final class ImageDataException extends IOException {

    private static final long serialVersionUID = 1L;

    private final ImageProblem problem;

    /**
     * @param problem the kind of problem
     * @param message the one-line message, naming the file
     */
    public ImageDataException(ImageProblem problem, String message) {
        super(message);
        if (problem == null) {
            throw new IllegalArgumentException("problem is null for: " + message);
        }
        this.problem = problem;
    }

    /** The kind of problem. */
    public ImageProblem problem() {
        return problem;
    }
}
