package org.genmask.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's ablation (the {@code ablation.json} of {@code AblationJob}): a table per arm and a cIoU bar chart. */
final class AblationSection {
    /** The input file of an ablation directory. */
    static final String FILE = "ablation.json";
    private static final String[] PRECISION = {"0.5", "0.7", "0.9"};

    private AblationSection() {
    }

    static void add(HtmlPage page, Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        JsonNode arms = InputFiles.json(file).path("arms");
        if (!arms.isArray() || arms.isEmpty()) {
            throw new IllegalArgumentException(file + ": arms is missing or empty");
        }
        page.heading(2, "Ablation");
        List<String> header = new ArrayList<>(List.of("arm", "overrides", "cIoU", "gIoU"));
        for (String p : PRECISION) {
            header.add("Prec@" + p);
        }
        header.addAll(List.of("examples", "train s"));
        List<List<String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> ciou = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            JsonNode a = arms.get(i);
            JsonNode m = a.path("metrics");
            String name = a.path("name").asText("arm " + i);
            double c = InputFiles.number(m, "ciou", file, "arms[" + i + "].metrics.");
            List<String> r = new ArrayList<>(List.of(name, overrides(a.path("overrides")), fmt(c),
                    fmt(m.path("giou").asDouble(Double.NaN))));
            for (String p : PRECISION) {
                r.add(fmt(m.path("precision").path(p).asDouble(Double.NaN)));
            }
            r.add(m.path("samples").asText("-"));
            r.add(String.format(Locale.ROOT, "%.0f", a.path("train_seconds").asDouble(Double.NaN)));
            rows.add(r);
            names.add(name);
            ciou.add(c);
        }
        page.table(header, rows);
        page.note("Each arm trains the same model on the same data, seed and budget, with the overrides shown, and is "
                + "evaluated on the same split (single step). From " + file + ".");
        page.chart(ChartImages.bars("Ablation: single-step cIoU per arm", "arm", "cIoU", names, ciou),
                "Ablation: cIoU per arm");
    }

    private static String overrides(JsonNode o) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + "=" + e.getValue().asText());
        }
        return String.join("; ", parts);
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }
}
