package org.genmask.vae.eager;

import org.genmask.kernels.Activations;

/**
 * GroupNorm (biased variance, affine; optionally followed by SiLU) of each image of a {@link Padded} sub-batch, as
 * {@code VaeLayers.groupNorm}: the statistics of a (image, group) pair are summed in double over its channel planes
 * (the zero borders add nothing), then one fused pass maps every plane through
 * {@code (x - mean) * (gamma / std) + beta} and the SiLU ({@link Activations#normalizeRows}).
 */
final class GroupNorm {
    private final int channels;
    private final int groups;
    private final double eps;
    private final float[] gamma;   // [C]
    private final float[] beta;    // [C]

    GroupNorm(EncoderWeights w, String prefix, int channels, int groups, double eps) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(prefix + ": " + channels + " channels in " + groups + " groups");
        }
        this.channels = channels;
        this.groups = groups;
        this.eps = eps;
        this.gamma = w.takeArray(prefix + ".weight", channels);
        this.beta = w.takeArray(prefix + ".bias", channels);
    }

    /** y = silu(GN(x)) (or GN(x)) over the whole map, border cleared; y may be x. */
    void forward(Padded x, Padded y, boolean silu, EncoderWorkspace ws) {
        if (x.channels() != channels || y.size() != x.size()) {
            throw new IllegalArgumentException("group norm of " + channels + " channels: maps " + x + " -> " + y);
        }
        int batch = x.batch();
        int plane = x.plane();
        int perGroup = channels / groups;
        double count = (double) perGroup * x.height() * x.width();
        float[] center = ws.affine(0, channels * batch);   // row c*B + b: the plane of channel c, image b
        float[] scale = ws.affine(1, channels * batch);
        float[] shift = ws.affine(2, channels * batch);
        float[] row = ws.rowIn(plane);
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < groups; g++) {
                double sum = 0;
                double squares = 0;
                for (int c = g * perGroup; c < (g + 1) * perGroup; c++) {
                    x.data().copyTo(c * x.channelStride() + b * plane, row, 0, plane);
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    double q0 = 0;
                    double q1 = 0;
                    double q2 = 0;
                    double q3 = 0;
                    int i = 0;
                    for (; i + 3 < plane; i += 4) { // four independent sums: ~4x the speed of one
                        double u0 = row[i];
                        double u1 = row[i + 1];
                        double u2 = row[i + 2];
                        double u3 = row[i + 3];
                        s0 += u0;
                        s1 += u1;
                        s2 += u2;
                        s3 += u3;
                        q0 += u0 * u0;
                        q1 += u1 * u1;
                        q2 += u2 * u2;
                        q3 += u3 * u3;
                    }
                    for (; i < plane; i++) {
                        s0 += row[i];
                        q0 += (double) row[i] * row[i];
                    }
                    sum += (s0 + s1) + (s2 + s3);
                    squares += (q0 + q1) + (q2 + q3);
                }
                double mean = sum / count;
                double inv = 1.0 / Math.sqrt(Math.max(0.0, squares / count - mean * mean) + eps);
                for (int c = g * perGroup; c < (g + 1) * perGroup; c++) {
                    center[c * batch + b] = (float) mean;
                    scale[c * batch + b] = (float) (gamma[c] * inv);
                    shift[c * batch + b] = beta[c];
                }
            }
        }
        Activations.normalizeRows(x.data(), y.data(), channels * batch, plane, center, scale, shift, silu);
        y.clearBorder();
    }
}
