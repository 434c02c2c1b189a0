package org.genmask.jobs.ablation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genmask.jobs.eval.SegmentationMetrics;

/** The ablation's result: one row per arm, as Markdown (the paper's table layout) and JSON. */
public final class AblationTable {
    /** One arm's outcome. */
    public record Row(AblationVariant variant, SegmentationMetrics metrics, double trainSeconds, String runDir) {
    }

    private final List<Row> rows = new ArrayList<>();

    public void add(Row row) {
        rows.add(row);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A Markdown table: arm, its overrides, cIoU, gIoU, Prec@0.5/0.7/0.9, examples, training time. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| arm | overrides | cIoU | gIoU | Prec@0.5 | Prec@0.7 | Prec@0.9 | examples | train s |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            SegmentationMetrics m = r.metrics();
            b.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.3f | %.3f | %.3f | %d | %.0f |%n",
                    r.variant().name(), overrides(r.variant().overrides()), m.ciou(), m.giou(), m.precisionAt(50),
                    m.precisionAt(70), m.precisionAt(90), m.samples(), r.trainSeconds()));
        }
        return b.toString();
    }

    /** {@code {"arms": [{"name", "overrides", "run_dir", "train_seconds", "metrics"}]}} plus the header fields. */
    public ObjectNode json(ObjectNode header) {
        ObjectNode o = header.deepCopy();
        ArrayNode arms = o.putArray("arms");
        for (Row r : rows) {
            ObjectNode a = arms.addObject();
            a.put("name", r.variant().name());
            ObjectNode ov = a.putObject("overrides");
            r.variant().overrides().forEach(ov::put);
            a.put("run_dir", r.runDir()).put("train_seconds", r.trainSeconds());
            a.set("metrics", r.metrics().toJson());
        }
        return o;
    }

    private static String overrides(Map<String, String> o) {
        List<String> parts = new ArrayList<>();
        o.forEach((k, v) -> parts.add("`" + k + "=" + v + "`"));
        return String.join(" ", parts);
    }

    static ObjectNode emptyHeader() {
        return JsonNodeFactory.instance.objectNode();
    }
}
