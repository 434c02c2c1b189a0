package org.genmask.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genmask.jobs.analysis.AnalysisWriter;

/**
 * The report's mask-latent analysis (the output of {@code LatentAnalysisJob}): provenance, per-channel statistics,
 * PCA numbers with the variance-spectrum chart, and the probe curves with their chart (the job's PNGs, embedded).
 */
final class LatentAnalysisSection {
    private static final List<String> KINDS = List.of("mask", "image");

    private LatentAnalysisSection() {
    }

    /** The input file of an analysis directory. */
    static Path file(Path dir) {
        return dir.resolve(AnalysisWriter.JSON);
    }

    static void add(HtmlPage page, Path dir) throws IOException {
        Path file = file(dir);
        JsonNode j = InputFiles.json(file);
        page.heading(2, "Mask-latent analysis");
        page.paragraph(String.format(Locale.ROOT, "%d masks of split %s of %s (cache key %s, latents %s), seed %d; "
                        + "foreground share at latent resolution %.4f.", j.path("samples").asInt(),
                j.path("split").asText("?"), j.path("partition").asText("?"), j.path("cache_key_id").asText("?"),
                j.path("latent_shape").asText("?"), j.path("seed").asLong(), InputFiles.number(j,
                        "foreground_share", file, "")));
        page.note("Labels: " + j.path("labels").asText("(not recorded)") + ".");
        channels(page, j);
        pca(page, j, file);
        page.chart(InputFiles.inside(dir, j.path("charts").path("spectrum").asText(""), file),
                "Variance spectrum of the per-pixel latent vectors");
        probe(page, j, file);
        page.chart(InputFiles.inside(dir, j.path("charts").path("probe").asText(""), file),
                "Linear probe accuracy against the noise level");
    }

    private static void channels(HtmlPage page, JsonNode j) {
        page.heading(3, "Per-channel statistics");
        JsonNode mask = j.path("channels").path("mask");
        JsonNode image = j.path("channels").path("image");
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < mask.path("mean").size(); c++) {
            rows.add(List.of(Integer.toString(c), fmt(image.path("mean").path(c)), fmt(image.path("std").path(c)),
                    fmt(mask.path("mean").path(c)), fmt(mask.path("std").path(c))));
        }
        page.table(List.of("channel", "image mean", "image std", "mask mean", "mask std"), rows);
    }

    private static void pca(HtmlPage page, JsonNode j, Path file) {
        page.heading(3, "Principal components");
        List<List<String>> rows = new ArrayList<>();
        for (String kind : KINDS) {
            JsonNode p = j.path("pca").path(kind);
            List<String> spectrum = new ArrayList<>();
            p.path("spectrum").forEach(v -> spectrum.add(fmt(v)));
            rows.add(List.of(kind + " latents", String.format(Locale.ROOT, "%.4f", InputFiles.number(p, "pc1_share",
                    file, "pca." + kind + ".")), fmt(p.path("pc1_share_per_map")), fmt(p.path("pc1_iou"))
                    + " (sign " + (p.path("pc1_sign").asInt() > 0 ? "+1" : "-1") + ")", String.join(", ", spectrum)));
        }
        page.table(List.of("latents", "PC-1 share", "PC-1 share (per map)", "PC-1 IoU", "variance spectrum"), rows);
        page.note(j.path("pca").path("rule").asText(""));
    }

    private static void probe(HtmlPage page, JsonNode j, Path file) {
        page.heading(3, "Linear probe under noise");
        JsonNode levels = j.path("probe").path("levels");
        JsonNode mask = j.path("probe").path("mask");
        JsonNode image = j.path("probe").path("image");
        if (levels.size() == 0 || mask.path("balanced_accuracy").size() != levels.size()) {
            throw new IllegalArgumentException(file + ": probe.levels and probe.mask.balanced_accuracy are missing or"
                    + " differ in length");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            rows.add(List.of(fmt(levels.path(i)), fmt(mask.path("accuracy").path(i)),
                    fmt(mask.path("balanced_accuracy").path(i)), fmt(image.path("accuracy").path(i)),
                    fmt(image.path("balanced_accuracy").path(i))));
        }
        page.table(List.of("s", "mask: accuracy", "mask: balanced accuracy", "image: accuracy",
                "image: balanced accuracy"), rows);
        page.note(j.path("probe").path("rule").asText(""));
    }

    private static String fmt(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.4f", n.asDouble()) : "-";
    }
}
