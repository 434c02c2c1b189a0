package org.genmask.data.latents;

import java.io.Serializable;

/**
 * The shape {@code [C, H, W]} of one stored latent (flattened in C order).
 *
 * @param channels latent channels C
 * @param height   latent rows H
 * @param width    latent columns W
 */
public record LatentShape(int channels, int height, int width) implements Serializable {

    /** Validates the sizes. */
    public LatentShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("latent shape must be positive, got " + channels + "x" + height + "x"
                    + width);
        }
    }

    /** Values in one latent: C * H * W. */
    public int size() {
        return channels * height * width;
    }

    /** The metadata spelling, e.g. {@code 4x16x16}. */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }

    /** Parses {@link #toString()}. */
    public static LatentShape parse(String text) {
        String[] p = text == null ? new String[0] : text.split("x", -1);
        try {
            if (p.length == 3) {
                return new LatentShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("latent shape must read CxHxW (e.g. 4x16x16), got '" + text + "'");
    }
}
