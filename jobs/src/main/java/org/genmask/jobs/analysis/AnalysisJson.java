package org.genmask.jobs.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The numbers of a {@link LatentAnalysis} as the JSON of {@code latent-analysis.json} (after the caller's
 * provenance header):
 * <pre>
 * samples, foreground_share, seed,
 * channels: {mask|image: {mean: [C], std: [C]}},
 * pca: {rule, mask|image: {spectrum: [C], pc1_share, pc1_share_per_map, pc1_sign, pc1_iou, pc1_iou_positive,
 *       pc1_iou_negative}},
 * probe: {rule, levels: [L], probe_steps, probe_lr, mask|image: {accuracy: [L], balanced_accuracy: [L]}}
 * </pre>
 */
final class AnalysisJson {
    static final String PCA_RULE = "PCA of the per-pixel latent vectors pooled over all maps (population covariance);"
            + " spectrum = eigenvalues as shares of their sum, descending; PC-1 oriented so its largest-magnitude "
            + "entry is positive; map = projection on PC-1 thresholded at t, Otsu's threshold of the pooled "
            + "projections (label-free): sign +1 marks projection > t as foreground, -1 projection < t; pc1_sign is "
            + "the sign with the higher IoU (+1 on a tie); IoU = total intersection / total union against the masks "
            + "at latent resolution";
    static final String PROBE_RULE = "x_s = (1 - s) x0 + s eps, one seeded eps for every level and for masks and "
            + "images; per level a logistic-regression probe on the per-pixel vectors (standardised, class-balanced "
            + "loss, full-batch gradient descent from 0) trained on the even maps, scored on the odd maps; accuracy = "
            + "share correct, balanced_accuracy = mean of the two class recalls (0.5 = chance)";

    private AnalysisJson() {
    }

    static ObjectNode write(LatentAnalysis a, ObjectNode header) {
        ObjectNode o = header.deepCopy();
        o.put("samples", a.samples()).put("foreground_share", a.foreground()).put("seed", a.settings().seed());
        ObjectNode channels = o.putObject("channels");
        channels(channels.putObject("mask"), a.maskChannels());
        channels(channels.putObject("image"), a.imageChannels());
        ObjectNode pca = o.putObject("pca");
        pca.put("rule", PCA_RULE);
        pca(pca.putObject("mask"), a.maskPca());
        pca(pca.putObject("image"), a.imagePca());
        ObjectNode probe = o.putObject("probe");
        probe.put("rule", PROBE_RULE);
        array(probe.putArray("levels"), a.settings().levels());
        probe.put("probe_steps", a.settings().probeSteps()).put("probe_lr", a.settings().probeLearningRate());
        probe(probe.putObject("mask"), a.maskProbe());
        probe(probe.putObject("image"), a.imageProbe());
        return o;
    }

    private static void channels(ObjectNode o, ChannelStatistics s) {
        array(o.putArray("mean"), s.mean());
        array(o.putArray("std"), s.std());
    }

    private static void pca(ObjectNode o, PcaAnalysis p) {
        array(o.putArray("spectrum"), p.spectrum());
        o.put("pc1_share", p.varianceShare()).put("pc1_share_per_map", p.perMapShare()).put("pc1_sign", p.sign())
                .put("pc1_iou", p.iou()).put("pc1_iou_positive", p.iouPositive())
                .put("pc1_iou_negative", p.iouNegative());
    }

    private static void probe(ObjectNode o, ProbeCurve c) {
        array(o.putArray("accuracy"), c.accuracy());
        array(o.putArray("balanced_accuracy"), c.balancedAccuracy());
    }

    private static void array(ArrayNode a, double[] values) {
        for (double v : values) {
            a.add(v);
        }
    }
}
