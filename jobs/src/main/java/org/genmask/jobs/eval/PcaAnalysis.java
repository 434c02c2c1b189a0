package org.genmask.jobs.eval;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How much of a mask latent lies on one direction (the paper's motivation): principal components of the per-pixel
 * latent vectors (C values at each of the h x w positions), the share of variance on the first, and how well the
 * first component's map, thresholded, reproduces the downsampled mask.
 *
 * <p>Rules: vectors are centred on their mean; the PC-1 map is the projection on the first eigenvector of the
 * covariance; its sign is oriented so that foreground pixels project higher on average than background pixels (when
 * both exist; otherwise the eigenvector's largest-magnitude entry is made positive); pixels projecting strictly
 * above 0 (the mean) are foreground. IoU follows {@link SampleIoU} (an empty union counts 1).
 *
 * @param varianceShare share of the total variance on PC-1 (pooled), or the mean over samples (per sample)
 * @param iou           IoU of the thresholded PC-1 map against the masks: total intersection / total union
 *                      (pooled), or the mean per-sample IoU (per sample)
 * @param samples       latent maps analysed
 */
public record PcaAnalysis(double varianceShare, double iou, int samples) {

    /** One PCA over the pixels of all N maps together. */
    public static PcaAnalysis pooled(INDArray latents, INDArray masks) {
        double[][] x = LatentPixels.vectors(latents);
        boolean[] y = LatentPixels.labels(masks, latents);
        double[] r = analyse(x, y);
        return new PcaAnalysis(r[0], new SampleIoU((long) r[1], (long) r[2]).iou(), (int) latents.size(0));
    }

    /** A PCA per map (as one would visualise a single latent); the share and IoU are averaged over the N maps. */
    public static PcaAnalysis perSample(INDArray latents, INDArray masks) {
        double[][] x = LatentPixels.vectors(latents);
        boolean[] y = LatentPixels.labels(masks, latents);
        int n = (int) latents.size(0);
        int plane = x.length / n;
        double share = 0;
        double iou = 0;
        for (int i = 0; i < n; i++) {
            double[] r = analyse(Arrays.copyOfRange(x, i * plane, (i + 1) * plane),
                    Arrays.copyOfRange(y, i * plane, (i + 1) * plane));
            share += r[0];
            iou += new SampleIoU((long) r[1], (long) r[2]).iou();
        }
        return new PcaAnalysis(share / n, iou / n, n);
    }

    /** @return {variance share, intersection, union} */
    private static double[] analyse(double[][] x, boolean[] y) {
        int m = x.length;
        int c = x[0].length;
        double[] mean = new double[c];
        for (double[] v : x) {
            for (int j = 0; j < c; j++) {
                mean[j] += v[j] / m;
            }
        }
        double[][] cov = new double[c][c];
        for (double[] v : x) {
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    cov[i][j] += (v[i] - mean[i]) * (v[j] - mean[j]) / m;
                }
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(cov);
        double total = Arrays.stream(eig.values).map(l -> Math.max(l, 0)).sum();
        double share = total == 0 ? 0 : Math.max(eig.values[0], 0) / total;
        double[] u = eig.vectors[0];
        double[] proj = new double[m];
        double fg = 0;
        double bg = 0;
        int nf = 0;
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < c; j++) {
                proj[k] += (x[k][j] - mean[j]) * u[j];
            }
            fg += y[k] ? proj[k] : 0;
            bg += y[k] ? 0 : proj[k];
            nf += y[k] ? 1 : 0;
        }
        double sign = nf > 0 && nf < m ? Math.signum(fg / nf - bg / (m - nf)) : Math.signum(largest(u));
        sign = sign == 0 ? 1 : sign;
        long inter = 0;
        long union = 0;
        for (int k = 0; k < m; k++) {
            boolean p = sign * proj[k] > 0;
            inter += p && y[k] ? 1 : 0;
            union += p || y[k] ? 1 : 0;
        }
        return new double[] {share, inter, union};
    }

    private static double largest(double[] u) {
        double best = 0;
        for (double v : u) {
            best = Math.abs(v) > Math.abs(best) ? v : best;
        }
        return best;
    }
}
