package org.genmask.jobs.analysis;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-pixel views of latent maps for the analyses: a latent batch {@code [N, C, h, w]} as N*h*w vectors of C
 * values (order n, y, x), and masks {@code [N, h, w]} (non-zero = foreground) as N*h*w labels in the same order.
 */
final class LatentPixels {
    private LatentPixels() {
    }

    /** @return [N*h*w][C] */
    static double[][] vectors(INDArray latents) {
        if (latents.rank() != 4) {
            throw new IllegalArgumentException("latents must be [N, C, h, w], got shape "
                    + Arrays.toString(latents.shape()));
        }
        int n = (int) latents.size(0);
        int c = (int) latents.size(1);
        int plane = (int) (latents.size(2) * latents.size(3));
        double[] flat = latents.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] out = new double[n * plane][c];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    out[i * plane + p][ch] = flat[base + p];
                }
            }
        }
        return out;
    }

    /** @return [N*h*w] foreground labels; the masks must be {@code [N, h, w]} matching the latents */
    static boolean[] labels(INDArray masks, INDArray latents) {
        long[] want = {latents.size(0), latents.size(2), latents.size(3)};
        if (!Arrays.equals(masks.shape(), want)) {
            throw new IllegalArgumentException("masks must be [N, h, w] = " + Arrays.toString(want)
                    + " to match the latents, got " + Arrays.toString(masks.shape()));
        }
        double[] flat = masks.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        boolean[] out = new boolean[flat.length];
        for (int i = 0; i < flat.length; i++) {
            out[i] = flat[i] != 0;
        }
        return out;
    }
}
