package org.genmask.jobs.analysis;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Latents with known structure for the analysis tests: rectangle masks [N, h, w], and latents whose per-pixel vector
 * is {@code offset + (fg ? +a : -a) * d + noise * N(0, I)} with d a fixed unit direction.
 */
final class SyntheticLatents {
    static final double[] DIRECTION = {0.5, -0.5, 0.5, 0.5};
    static final double[] OFFSET = {0.3, 0.1, -0.2, 0.0};
    final INDArray masks;
    final INDArray latents;

    private SyntheticLatents(INDArray masks, INDArray latents) {
        this.masks = masks;
        this.latents = latents;
    }

    static SyntheticLatents of(int n, int side, double amplitude, double noise, long seed) {
        Random rng = new Random(seed);
        int c = DIRECTION.length;
        double[] m = new double[n * side * side];
        double[] x = new double[n * c * side * side];
        for (int i = 0; i < n; i++) {
            int x0 = rng.nextInt(side - 2);
            int y0 = rng.nextInt(side - 2);
            int x1 = x0 + 2 + rng.nextInt(side - x0 - 1);
            int y1 = y0 + 2 + rng.nextInt(side - y0 - 1);
            for (int y = 0; y < side; y++) {
                for (int xx = 0; xx < side; xx++) {
                    boolean fg = y >= y0 && y < y1 && xx >= x0 && xx < x1;
                    m[(i * side + y) * side + xx] = fg ? 1 : 0;
                    for (int ch = 0; ch < c; ch++) {
                        x[((i * c + ch) * side + y) * side + xx] = OFFSET[ch] + (fg ? amplitude : -amplitude)
                                * DIRECTION[ch] + noise * rng.nextGaussian();
                    }
                }
            }
        }
        return new SyntheticLatents(Nd4j.create(m, new long[] {n, side, side}, 'c'),
                Nd4j.create(x, new long[] {n, c, side, side}, 'c'));
    }
}
