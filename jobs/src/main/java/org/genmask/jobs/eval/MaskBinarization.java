package org.genmask.jobs.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The binarization rule for VAE-decoded masks. The decoder returns an RGB image nominally in [-1, 1] (black -1 =
 * background, white +1 = object, as masks are rendered for training). A pixel is <b>foreground when the mean of its
 * channels is strictly greater than 0</b>, i.e. brighter than mid-grey; a mean of exactly 0 is background. The mean
 * is taken in double precision over the channels in order, on the raw decoder output: values are not clamped
 * first (clamping can flip the sign of the mean, e.g. (3, -0.9, -0.9)).
 */
public final class MaskBinarization {
    /** The threshold on the channel mean: foreground iff mean &gt; THRESHOLD. */
    public static final double THRESHOLD = 0.0;

    private MaskBinarization() {
    }

    /**
     * @param chw      one decoded image, {@code [channels, height, width]} in C order
     * @param channels C &gt;= 1
     * @return the {@code width x height} foreground mask
     */
    public static PixelMask binarize(float[] chw, int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("decoded mask shape must be positive, got [" + channels + ", "
                    + height + ", " + width + "]");
        }
        int plane = height * width;
        if (chw.length != (long) channels * plane) {
            throw new IllegalArgumentException("a decoded [" + channels + ", " + height + ", " + width + "] mask needs "
                    + (long) channels * plane + " values, got " + chw.length);
        }
        boolean[] bits = new boolean[plane];
        for (int i = 0; i < plane; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += chw[c * plane + i];
            }
            bits[i] = sum / channels > THRESHOLD;
        }
        return PixelMask.wrap(width, height, bits);
    }

    /** {@link #binarize(float[], int, int, int)} of one {@code [C, H, W]} array. */
    public static PixelMask binarize(INDArray chw) {
        if (chw.rank() != 3) {
            throw new IllegalArgumentException("a decoded mask must be [C, H, W], got rank " + chw.rank());
        }
        float[] values = chw.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return binarize(values, (int) chw.size(0), (int) chw.size(1), (int) chw.size(2));
    }
}
