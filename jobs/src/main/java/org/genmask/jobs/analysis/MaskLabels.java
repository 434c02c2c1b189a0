package org.genmask.jobs.analysis;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Masks at latent resolution, the labels of the analyses. One rule for every source: a latent position (an
 * f x f block of the square mask, f = the VAE's downsampling factor) is foreground when <b>more than half</b> of its
 * pixels are. A pixel of a mask given as an RGB image in [-1, 1] (a VAE decode, or a mask rendered as the
 * precomputation renders it) is foreground when the mean of its channels is strictly greater than 0.
 */
public final class MaskLabels {

    private MaskLabels() {
    }

    /**
     * @param rgb [N, C, H, W] masks as images in [-1, 1] (e.g. decoded mask latents), H = W a multiple of h = w
     * @return [N, h, w], 1 = foreground
     */
    public static INDArray fromRgb(INDArray rgb, int h, int w) {
        if (rgb.rank() != 4 || rgb.size(2) != rgb.size(3) || h != w || rgb.size(2) % h != 0) {
            throw new IllegalArgumentException("masks must be square [N, C, H, W] with H a multiple of " + h
                    + ", got " + Arrays.toString(rgb.shape()));
        }
        int n = (int) rgb.size(0);
        int c = (int) rgb.size(1);
        int side = (int) rgb.size(2);
        double[] flat = rgb.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        float[] out = new float[n * h * w];
        boolean[] fg = new boolean[side * side];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < fg.length; p++) {
                double sum = 0;
                for (int ch = 0; ch < c; ch++) {
                    sum += flat[(i * c + ch) * fg.length + p];
                }
                fg[p] = sum / c > 0;
            }
            System.arraycopy(blocks(fg, side, h), 0, out, i * h * w, h * w);
        }
        return Nd4j.create(out, new long[] {n, h, w}, 'c');
    }

    /**
     * @param bits  a square mask, row-major, {@code side x side}
     * @param h     the latent side (side must be a multiple of it)
     * @return [h * h] labels, row-major, 1 = foreground
     */
    public static float[] blocks(boolean[] bits, int side, int h) {
        if (bits.length != side * side || side % h != 0) {
            throw new IllegalArgumentException("a " + side + "x" + side + " mask (" + bits.length + " pixels) does not "
                    + "split into " + h + "x" + h + " blocks");
        }
        int f = side / h;
        float[] out = new float[h * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < h; x++) {
                int count = 0;
                for (int dy = 0; dy < f; dy++) {
                    for (int dx = 0; dx < f; dx++) {
                        count += bits[(y * f + dy) * side + x * f + dx] ? 1 : 0;
                    }
                }
                out[y * h + x] = 2 * count > f * f ? 1 : 0;
            }
        }
        return out;
    }
}
