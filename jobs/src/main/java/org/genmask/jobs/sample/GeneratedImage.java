package org.genmask.jobs.sample;

import java.io.Serializable;

/**
 * One generated image as it comes back from an executor.
 *
 * @param index  the prompt's index
 * @param width  pixels
 * @param height pixels
 * @param png    the decoded RGB image as PNG bytes ({@code PngWriter}: equal pixels give equal bytes)
 */
public record GeneratedImage(int index, int width, int height, byte[] png) implements Serializable {
    private static final long serialVersionUID = 1L;
}
