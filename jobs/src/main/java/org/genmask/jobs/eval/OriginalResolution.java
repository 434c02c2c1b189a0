package org.genmask.jobs.eval;

import org.genmask.data.image.SquareCrop;

/**
 * Maps a square prediction (the model's frame, side R) onto the pixel grid of the original ground-truth mask
 * (W x H), inverting the project's one resize policy ({@link SquareCrop}: scale the shorter side to R, cut the
 * centred R x R square).
 *
 * <p>Nearest neighbour at pixel centres: original pixel (x, y) has its centre at scaled coordinate
 * {@code (x + 0.5) * scaledW / W}; it takes the prediction pixel {@code floor((2x + 1) * scaledW / (2W)) - offsetX}
 * (rows alike), computed in exact integer arithmetic. Original pixels whose centre falls outside the cropped square
 * were never seen by the model and are predicted background, so ground-truth object pixels there count as misses.
 * For a square ground truth (W = H) this is plain nearest-neighbour resizing (identity when W = R), and for integer
 * factors it replicates each prediction pixel in a k x k block.
 */
public final class OriginalResolution {

    private OriginalResolution() {
    }

    /**
     * @param prediction a square mask in the model's frame
     * @param width      W of the ground truth
     * @param height     H of the ground truth
     * @return the prediction as a W x H mask
     */
    public static PixelMask upsample(PixelMask prediction, int width, int height) {
        if (prediction.width() != prediction.height()) {
            throw new IllegalArgumentException("the prediction must be square (the model's frame), got "
                    + prediction.width() + "x" + prediction.height());
        }
        int r = prediction.width();
        if (width == r && height == r) {
            return prediction;
        }
        SquareCrop crop = new SquareCrop(width, height, r);
        int[] cols = sources(width, crop.scaledWidth(), crop.offsetX(), r);
        int[] rows = sources(height, crop.scaledHeight(), crop.offsetY(), r);
        boolean[] src = prediction.bits();
        boolean[] out = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            if (rows[y] < 0) {
                continue;
            }
            int base = rows[y] * r;
            for (int x = 0; x < width; x++) {
                out[y * width + x] = cols[x] >= 0 && src[base + cols[x]];
            }
        }
        return PixelMask.wrap(width, height, out);
    }

    /** For each of {@code n} original positions, the prediction index it samples, or -1 outside the crop. */
    private static int[] sources(int n, int scaled, int offset, int r) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long s = ((2L * i + 1) * scaled) / (2L * n) - offset;
            out[i] = s >= 0 && s < r ? (int) s : -1;
        }
        return out;
    }
}
