package org.genmask.data.synthetic;

/**
 * A near-grey background, plain or lightly textured. The pixel at unit coordinates (u, v) has, in each channel c,
 * {@code base[c] + gradient * ((u - 0.5) * cos(angle) + (v - 0.5) * sin(angle)) + noise}, where noise is uniform
 * in [-noise, noise] (the high 32 bits of a SplitMix64 hash of (pixel, noiseSeed), scaled), the same for all channels;
 * clamped to 0..255. Channels
 * differ by at most 16 at every pixel, so the background is never a shape colour.
 *
 * @param red       base red, 0..255
 * @param green     base green
 * @param blue      base blue
 * @param gradient  total brightness change across the image along {@code angle}, 0..40
 * @param angle     gradient direction in radians
 * @param noise     per-pixel noise amplitude, 0..12
 * @param noiseSeed the noise's seed
 */
public record Background(int red, int green, int blue, double gradient, double angle, int noise, long noiseSeed) {

    /** Validates the fields. */
    public Background {
        if (red < 0 || red > 255 || green < 0 || green > 255 || blue < 0 || blue > 255) {
            throw new IllegalArgumentException("background colour must be 0..255, got " + red + "," + green + ","
                    + blue);
        }
        int spread = Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue));
        if (spread > 16) {
            throw new IllegalArgumentException("background must be near-grey (channels within 16), got " + red + ","
                    + green + "," + blue);
        }
        if (!(gradient >= 0 && gradient <= 40) || noise < 0 || noise > 12) {
            throw new IllegalArgumentException("background gradient must be 0..40 and noise 0..12, got " + gradient
                    + ", " + noise);
        }
    }

    /** The words a caption uses: {@code plain light grey}, {@code speckled dark grey}, {@code shaded grey}. */
    public String words() {
        int level = (red + green + blue) / 3;
        String tone = level >= 150 ? "light grey" : level < 100 ? "dark grey" : "grey";
        String texture = noise > 0 ? "speckled" : gradient > 0 ? "shaded" : "plain";
        return texture + " " + tone;
    }

    /**
     * The brightness offset (before clamping) of pixel (px, py) of a {@code size x size} image, given
     * {@code cos = gradient * cos(angle)} and {@code sin = gradient * sin(angle)}.
     */
    int offset(int px, int py, int size, double cos, double sin) {
        double u = (px + 0.5) / size - 0.5;
        double v = (py + 0.5) / size - 0.5;
        double g = u * cos + v * sin;
        int n = 0;
        if (noise > 0) {
            long h = noiseSeed + 0x9E3779B97F4A7C15L * ((long) py * size + px + 1);
            h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
            h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
            h ^= h >>> 31;
            n = (int) (((h >>> 32) * (2L * noise + 1)) >>> 32) - noise;
        }
        return (int) Math.round(g) + n;
    }
}
