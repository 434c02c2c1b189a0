package org.genmask.jobs.analysis;

import java.util.Arrays;
import org.genmask.jobs.eval.SampleIoU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How much of a latent lies on one direction (the paper's motivation): principal components of the per-pixel latent
 * vectors (C values at each of the h x w positions of every map, pooled), the variance spectrum, and how well the
 * first component's map, thresholded, reproduces the downsampled mask.
 *
 * <p>Rules: vectors are centred on their pooled mean; the spectrum is the covariance's eigenvalues (population
 * covariance, negative round-off clipped to 0) as shares of their sum, descending. PC-1 is the first eigenvector
 * oriented so that its largest-magnitude entry is positive. The PC-1 map (the projections of all maps, pooled) is
 * thresholded at t, Otsu's threshold of the projections (the cut between two sorted values that maximises the
 * between-class variance; label-free, and unlike the mean it does not drift into the background when the foreground
 * is a few percent of the pixels). The map is {@code projection > t} for sign +1 and {@code projection < t} for
 * sign -1; {@link #sign} is the one with the higher IoU (+1 on a tie), since an eigenvector's sign is arbitrary and
 * the question is whether PC-1 separates the mask at all. IoU is pooled: total intersection / total union over all
 * maps ({@link SampleIoU}: an empty union counts 1).
 *
 * @param spectrum    variance shares of the principal components, descending (sum 1, or all 0 for constant data)
 * @param iouPositive IoU of {@code projection > t} against the masks
 * @param iouNegative IoU of {@code projection < t} against the masks
 * @param perMapShare PC-1's share in a PCA of each map alone, averaged over the maps
 * @param samples     latent maps analysed
 */
public record PcaAnalysis(double[] spectrum, double iouPositive, double iouNegative, double perMapShare,
                          int samples) {

    /** Copies the spectrum. */
    public PcaAnalysis {
        spectrum = spectrum.clone();
    }

    /**
     * @param latents [N, C, h, w]
     * @param masks   [N, h, w], non-zero = foreground
     */
    public static PcaAnalysis of(INDArray latents, INDArray masks) {
        double[][] x = LatentPixels.vectors(latents);
        boolean[] y = LatentPixels.labels(masks, latents);
        int n = (int) latents.size(0);
        double[] mean = mean(x);
        SymmetricEigen eig = SymmetricEigen.of(covariance(x, mean));
        double[] spectrum = shares(eig.values);
        double[] u = oriented(eig.vectors[0]);
        double[] proj = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            for (int j = 0; j < u.length; j++) {
                proj[k] += (x[k][j] - mean[j]) * u[j];
            }
        }
        double t = otsu(proj);
        long[] pos = new long[2];
        long[] neg = new long[2];
        for (int k = 0; k < x.length; k++) {
            count(pos, proj[k] > t, y[k]);
            count(neg, proj[k] < t, y[k]);
        }
        int plane = x.length / n;
        double perMap = 0;
        for (int i = 0; i < n; i++) {
            double[][] map = Arrays.copyOfRange(x, i * plane, (i + 1) * plane);
            perMap += shares(SymmetricEigen.of(covariance(map, mean(map))).values)[0] / n;
        }
        return new PcaAnalysis(spectrum, new SampleIoU(pos[0], pos[1]).iou(), new SampleIoU(neg[0], neg[1]).iou(),
                perMap, n);
    }

    /** PC-1's share of the total variance. */
    public double varianceShare() {
        return spectrum[0];
    }

    /** +1 or -1: the orientation of PC-1 whose thresholded map has the higher IoU (+1 on a tie). */
    public int sign() {
        return iouNegative > iouPositive ? -1 : 1;
    }

    /** The IoU of the thresholded PC-1 map with the chosen {@link #sign}. */
    public double iou() {
        return Math.max(iouPositive, iouNegative);
    }

    @Override
    public double[] spectrum() {
        return spectrum.clone();
    }

    /**
     * Otsu's threshold: the midpoint between the two adjacent sorted distinct values whose cut maximises
     * {@code w0 w1 (m0 - m1)^2} (first such cut on a tie); the value itself when all values are equal.
     */
    static double otsu(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        double total = 0;
        for (double a : v) {
            total += a;
        }
        double best = -1;
        double threshold = v[0];
        double below = 0;
        for (int k = 0; k < v.length - 1; k++) {
            below += v[k];
            if (v[k + 1] == v[k]) {
                continue;
            }
            double w0 = k + 1;
            double w1 = v.length - w0;
            double diff = below / w0 - (total - below) / w1;
            double between = w0 * w1 * diff * diff;
            if (between > best) {
                best = between;
                threshold = v[k] + (v[k + 1] - v[k]) / 2;
            }
        }
        return threshold;
    }

    private static void count(long[] interUnion, boolean predicted, boolean truth) {
        interUnion[0] += predicted && truth ? 1 : 0;
        interUnion[1] += predicted || truth ? 1 : 0;
    }

    private static double[] mean(double[][] x) {
        double[] mean = new double[x[0].length];
        for (double[] v : x) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += v[j] / x.length;
            }
        }
        return mean;
    }

    private static double[][] covariance(double[][] x, double[] mean) {
        int c = mean.length;
        double[][] cov = new double[c][c];
        for (double[] v : x) {
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    cov[i][j] += (v[i] - mean[i]) * (v[j] - mean[j]) / x.length;
                }
            }
        }
        return cov;
    }

    private static double[] shares(double[] eigenvalues) {
        double total = Arrays.stream(eigenvalues).map(l -> Math.max(l, 0)).sum();
        return Arrays.stream(eigenvalues).map(l -> total == 0 ? 0 : Math.max(l, 0) / total).toArray();
    }

    private static double[] oriented(double[] u) {
        double largest = 0;
        for (double v : u) {
            largest = Math.abs(v) > Math.abs(largest) ? v : largest;
        }
        return largest < 0 ? Arrays.stream(u).map(v -> -v).toArray() : u.clone();
    }
}
