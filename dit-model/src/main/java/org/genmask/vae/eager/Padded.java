package org.genmask.vae.eager;

import org.genmask.kernels.Floats;

/**
 * Feature maps of a sub-batch of {@code batch} images in the layout every eager encoder layer reads and writes:
 * channel-major, then image, each image's {@code height x width} interior inside a one-element border of zeros, so
 * element (c, b, y, x) lies at {@code c*batch*plane + b*plane + (y+1)*(width+2) + x+1} with
 * {@code plane = (height+2)*(width+2)}. A 3x3 convolution with padding 1 is then nine matrix products over shifted
 * stretches of the same memory ({@link Conv}); the positions between two image rows and between two images receive
 * junk that {@link #clearBorder} zeroes again.
 *
 * @param data holds at least {@link #size()} elements from index 0
 */
record Padded(Floats data, int channels, int batch, int height, int width) {

    /** Elements per padded image row. */
    int stride() {
        return width + 2;
    }

    /** Elements per padded image of one channel. */
    int plane() {
        return (height + 2) * stride();
    }

    /** Elements per channel (all the images). */
    int channelStride() {
        return batch * plane();
    }

    int size() {
        return channels * channelStride();
    }

    /** Offset of interior element (0, 0) of the first image in every channel. */
    int first() {
        return stride() + 1;
    }

    /** Elements from the first interior element of the first image to the last one of the last image, inclusive. */
    int span() {
        return (batch - 1) * plane() + (height - 1) * stride() + width;
    }

    /** Zeroes the border of every (channel, image) plane. */
    void clearBorder() {
        int s = stride();
        int p = plane();
        for (int q = 0; q < channels * batch; q++) {
            int base = q * p;
            for (int x = 0; x < s; x++) {
                data.set(base + x, 0f);
                data.set(base + p - s + x, 0f);
            }
            for (int y = 1; y <= height; y++) {
                data.set(base + y * s, 0f);
                data.set(base + y * s + s - 1, 0f);
            }
        }
    }
}
