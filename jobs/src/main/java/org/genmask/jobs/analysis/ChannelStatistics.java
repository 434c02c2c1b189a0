package org.genmask.jobs.analysis;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-channel mean and standard deviation of a latent batch over all maps and positions, in double precision; the
 * standard deviation is the population one (divided by the count, not the count - 1).
 *
 * @param mean [C] per-channel means
 * @param std  [C] per-channel standard deviations
 */
public record ChannelStatistics(double[] mean, double[] std) {

    /** Copies the arrays. */
    public ChannelStatistics {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("channel statistics: " + mean.length + " means, " + std.length
                    + " standard deviations");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** @param latents [N, C, h, w] */
    public static ChannelStatistics of(INDArray latents) {
        double[][] x = LatentPixels.vectors(latents);
        int c = x[0].length;
        double[] mean = new double[c];
        double[] std = new double[c];
        for (double[] v : x) {
            for (int j = 0; j < c; j++) {
                mean[j] += v[j];
            }
        }
        for (int j = 0; j < c; j++) {
            mean[j] /= x.length;
        }
        for (double[] v : x) {
            for (int j = 0; j < c; j++) {
                std[j] += (v[j] - mean[j]) * (v[j] - mean[j]);
            }
        }
        for (int j = 0; j < c; j++) {
            std[j] = Math.sqrt(std[j] / x.length);
        }
        return new ChannelStatistics(mean, std);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }
}
