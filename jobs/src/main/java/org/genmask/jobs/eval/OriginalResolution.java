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
 *
 * <p><b>Agreement with the forward resize</b> ({@link SquareCrop#sourceColumn}, how training masks are made): every
 * original pixel that the forward nearest-neighbour resize feeds into the square gets its value back from a square
 * pixel it fed. When shrinking this holds for the rule above as it stands. When enlarging, the first or last square
 * column (row) can take an original pixel whose centre lies just outside the crop (the square pixel's centre falls
 * in that pixel's near half); such an edge pixel takes that edge prediction pixel instead of background.
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
        int[] cols = sources(width, crop.scaledWidth(), crop.offsetX(), r, crop.sourceColumn(0),
                crop.sourceColumn(r - 1));
        int[] rows = sources(height, crop.scaledHeight(), crop.offsetY(), r, crop.sourceRow(0), crop.sourceRow(r - 1));
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

    /**
     * For each of {@code n} original positions, the prediction index it samples, or -1 outside the crop; {@code first}
     * and {@code last} are the original positions the forward resize takes for prediction indices 0 and r - 1.
     */
    private static int[] sources(int n, int scaled, int offset, int r, int first, int last) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long s = ((2L * i + 1) * scaled) / (2L * n) - offset;
            if (s >= 0 && s < r) {
                out[i] = (int) s;
            } else if (s < 0 && i == first) {
                out[i] = 0;
            } else if (s >= r && i == last) {
                out[i] = r - 1;
            } else {
                out[i] = -1;
            }
        }
        return out;
    }
}
