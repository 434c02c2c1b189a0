package org.genmask.jobs.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genmask.diffusion.GaussianNoise;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Linear separability of foreground and background latents as noise rises (the paper's second observation): for
 * each noise level s, the per-pixel vectors of {@code x_s = (1 - s) x0 + s eps} are probed with a fresh
 * {@link LinearProbe}. The same eps (drawn once from the seed) serves every level. Maps with an even index train the
 * probe, odd ones test it, so the scores are held out. Run it on mask latents and on image latents with the same
 * masks as labels to compare the two.
 *
 * @param levels           the noise levels s
 * @param accuracy         held-out accuracy per level
 * @param balancedAccuracy held-out balanced accuracy per level (0.5 = chance)
 */
public record ProbeCurve(double[] levels, double[] accuracy, double[] balancedAccuracy) {

    /**
     * @param latents [N, C, h, w] clean latents x0, N &gt;= 2
     * @param masks   [N, h, w] downsampled masks (non-zero = foreground)
     * @param levels  noise levels in [0, 1]
     */
    public static ProbeCurve measure(INDArray latents, INDArray masks, double[] levels, long seed, int steps,
                                     double lr) {
        double[][] x0 = LatentPixels.vectors(latents);
        boolean[] y = LatentPixels.labels(masks, latents);
        int n = (int) latents.size(0);
        if (n < 2) {
            throw new IllegalArgumentException("a probe curve needs at least 2 latent maps (train and test), got " + n);
        }
        int c = x0[0].length;
        int plane = x0.length / n;
        float[] eps = GaussianNoise.sampleFloats(new SplittableRandom(seed), x0.length * c);
        double[] acc = new double[levels.length];
        double[] bal = new double[levels.length];
        for (int l = 0; l < levels.length; l++) {
            double s = levels[l];
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("noise level must be in [0, 1], got " + s);
            }
            List<double[]> trainX = new ArrayList<>();
            List<Boolean> trainY = new ArrayList<>();
            List<double[]> testX = new ArrayList<>();
            List<Boolean> testY = new ArrayList<>();
            for (int k = 0; k < x0.length; k++) {
                double[] v = new double[c];
                for (int j = 0; j < c; j++) {
                    v[j] = (1 - s) * x0[k][j] + s * eps[k * c + j];
                }
                boolean train = (k / plane) % 2 == 0;
                (train ? trainX : testX).add(v);
                (train ? trainY : testY).add(y[k]);
            }
            LinearProbe probe = LinearProbe.fit(trainX.toArray(new double[0][]), unbox(trainY), steps, lr);
            double[][] tx = testX.toArray(new double[0][]);
            acc[l] = probe.accuracy(tx, unbox(testY));
            bal[l] = probe.balancedAccuracy(tx, unbox(testY));
        }
        return new ProbeCurve(levels.clone(), acc, bal);
    }

    private static boolean[] unbox(List<Boolean> list) {
        boolean[] out = new boolean[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
