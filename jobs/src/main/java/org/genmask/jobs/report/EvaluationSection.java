package org.genmask.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The report's evaluation part: a numbers table, cIoU/gIoU over rounds, and the sample grid. */
final class EvaluationSection {
    private static final String[] PRECISION = {"0.5", "0.6", "0.7", "0.8", "0.9"};

    private EvaluationSection() {
    }

    static void add(HtmlPage page, List<EvaluationOutput> evals) throws IOException {
        page.heading(2, "Evaluation");
        List<String> header = new ArrayList<>(List.of("output", "round", "weights", "split", "examples",
                "prediction", "cIoU", "gIoU"));
        for (String p : PRECISION) {
            header.add("Prec@" + p);
        }
        List<List<String>> rows = new ArrayList<>();
        for (EvaluationOutput e : evals) {
            JsonNode m = e.metrics();
            rows.add(row(e, m.path("one_step"), "single step"));
            if (m.has("euler")) {
                rows.add(row(e, m.path("euler"), m.path("euler").path("steps").asInt() + " Euler steps"));
            }
        }
        page.table(header, rows);
        JsonNode first = evals.get(0).metrics();
        page.note("Binarization: " + first.path("binarization").asText("(not recorded)") + ". Empty masks: a sample "
                + "whose prediction and ground truth are both empty counts IoU " + first.path("empty_union_iou")
                .asText("(not recorded)") + ". cIoU = total intersection / total union; gIoU = mean per-sample IoU; "
                + "Prec@X = share of samples with IoU >= X.");
        overRounds(page, evals);
        EvaluationOutput newest = evals.stream().max(Comparator.comparingInt(EvaluationOutput::round)).orElseThrow();
        if (!newest.samples().isEmpty()) {
            grid(page, newest);
        }
    }

    private static List<String> row(EvaluationOutput e, JsonNode n, String method) {
        List<String> r = new ArrayList<>(List.of(e.dir().getFileName().toString(),
                e.round() < 0 ? "-" : Integer.toString(e.round()), e.metrics().path("weights").asText("-"),
                e.metrics().path("split").asText("-"), n.path("samples").asText(), method,
                fmt(n.path("ciou")), fmt(n.path("giou"))));
        for (String p : PRECISION) {
            r.add(fmt(n.path("precision").path(p)));
        }
        return r;
    }

    private static String fmt(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.4f", n.asDouble()) : "-";
    }

    private static void overRounds(HtmlPage page, List<EvaluationOutput> evals) throws IOException {
        List<EvaluationOutput> byRound = evals.stream().filter(e -> e.round() >= 0)
                .sorted(Comparator.comparingInt(EvaluationOutput::round)).toList();
        if (byRound.stream().map(EvaluationOutput::round).distinct().count() < 2) {
            return;
        }
        Series ciou = new Series("cIoU");
        Series giou = new Series("gIoU");
        for (EvaluationOutput e : byRound) {
            ciou.add(e.round(), e.metrics().path("one_step").path("ciou").asDouble(Double.NaN));
            giou.add(e.round(), e.metrics().path("one_step").path("giou").asDouble(Double.NaN));
        }
        RunReport.chart(page, "Single-step cIoU and gIoU over rounds", "IoU", List.of(ciou, giou));
    }

    private static void grid(HtmlPage page, EvaluationOutput e) throws IOException {
        page.heading(3, "Samples (" + e.dir().getFileName() + ")");
        boolean euler = e.samples().stream().anyMatch(s -> s.has("euler"));
        List<String> header = new ArrayList<>(List.of("input image (VAE reconstruction)", "expression",
                "ground truth", "prediction (1 step)"));
        if (euler) {
            header.add("prediction (Euler)");
        }
        header.add("IoU");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode s : e.samples()) {
            List<String> r = new ArrayList<>();
            r.add(HtmlPage.image(e.file(s.path("image").asText()), "input " + s.path("id").asText(), "cell"));
            r.add(HtmlPage.escape(s.path("expression").asText()));
            r.add(HtmlPage.image(e.file(s.path("truth").asText()), "ground truth", "cell"));
            r.add(HtmlPage.image(e.file(s.path("prediction").asText()), "prediction", "cell"));
            if (euler) {
                r.add(s.has("euler") ? HtmlPage.image(e.file(s.path("euler").asText()), "Euler prediction", "cell")
                        : "-");
            }
            String iou = fmt(s.path("iou"));
            r.add(s.has("euler_iou") ? iou + " / " + fmt(s.path("euler_iou")) : iou);
            rows.add(r);
        }
        page.rawTable(header, rows);
    }
}
