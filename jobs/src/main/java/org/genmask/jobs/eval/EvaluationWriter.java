package org.genmask.jobs.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes an evaluation's output directory on any Hadoop file system (local or {@code s3a://}):
 * <ul>
 *   <li>{@code metrics.json}: the caller's header fields (checkpoint, round, ...), the binarization and empty-union
 *       rules, {@code one_step} and, with k-step prediction, {@code euler} ({@link SegmentationMetrics#toJson()}
 *       plus {@code steps});</li>
 *   <li>{@code samples.json}: per sample id, expression, IoU(s) and the PNG file names, in id order;</li>
 *   <li>{@code expressions.jsonl}: one JSON object per evaluated expression, in id order: id, expression, iou,
 *       intersection, union, truth_pixels, predicted_pixels (and euler_iou, euler_intersection, euler_union) at the
 *       ground truth's resolution, for error analysis (which expressions fail, small objects, empty predictions);</li>
 *   <li>{@code samples/NNN-image.png}, {@code NNN-truth.png}, {@code NNN-prediction.png},
 *       {@code NNN-euler.png}.</li>
 * </ul>
 * {@code metrics.json} is written last: an output directory without it is incomplete.
 */
public final class EvaluationWriter {
    public static final String METRICS = "metrics.json";
    public static final String SAMPLES = "samples.json";
    public static final String SAMPLE_DIR = "samples";
    public static final String EXPRESSIONS = "expressions.jsonl";
    /** The binarization rule, as stated in {@code metrics.json}. */
    public static final String BINARIZATION = "decoded RGB in [-1,1]; foreground where the mean over channels > 0 "
            + "(mid-grey); the square prediction is mapped to the original mask size by nearest neighbour at pixel "
            + "centres through the inverse centre crop, background outside the crop (an edge pixel the forward "
            + "resize sampled counts as inside)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationWriter() {
    }

    /** @param header fields put first in {@code metrics.json} (may be empty) */
    public static void write(String outDir, Configuration hadoop, EvaluationTotals totals, ObjectNode header)
            throws IOException {
        Path dir = new Path(outDir);
        FileSystem fs = dir.getFileSystem(hadoop);
        fs.mkdirs(new Path(dir, SAMPLE_DIR));
        ArrayNode samples = JSON.createArrayNode();
        List<PredictionSample> list = totals.samples();
        for (int i = 0; i < list.size(); i++) {
            PredictionSample s = list.get(i);
            String prefix = String.format(Locale.ROOT, "%03d-", i);
            ObjectNode o = samples.addObject();
            o.put("id", s.id()).put("expression", s.expression()).put("iou", s.oneStep().iou());
            o.put("image", file(fs, dir, prefix + "image.png", s.imagePng()));
            o.put("truth", file(fs, dir, prefix + "truth.png", s.truthPng()));
            o.put("prediction", file(fs, dir, prefix + "prediction.png", s.predictionPng()));
            if (s.eulerPng() != null) {
                o.put("euler_iou", s.euler().iou());
                o.put("euler", file(fs, dir, prefix + "euler.png", s.eulerPng()));
            }
        }
        bytes(fs, new Path(dir, SAMPLES), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(samples));
        writeExpressions(fs, new Path(dir, EXPRESSIONS), totals.results());
        ObjectNode metrics = header.deepCopy();
        metrics.put("binarization", BINARIZATION);
        metrics.put("empty_union_iou", SampleIoU.EMPTY_UNION_IOU);
        metrics.set("one_step", totals.oneStep().toJson());
        if (totals.euler() != null) {
            ObjectNode e = totals.euler().toJson();
            e.put("steps", totals.eulerSteps());
            metrics.set("euler", e);
        }
        bytes(fs, new Path(dir, METRICS), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(metrics));
    }

    private static void writeExpressions(FileSystem fs, Path file, List<ExpressionResult> results) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            for (ExpressionResult r : results) {
                ObjectNode o = JSON.createObjectNode();
                o.put("id", r.id()).put("expression", r.expression()).put("iou", r.oneStep().iou())
                        .put("intersection", r.oneStep().intersection()).put("union", r.oneStep().union())
                        .put("truth_pixels", r.truthPixels()).put("predicted_pixels", r.predictedPixels());
                if (r.euler() != null) {
                    o.put("euler_iou", r.euler().iou()).put("euler_intersection", r.euler().intersection())
                            .put("euler_union", r.euler().union());
                }
                out.write(JSON.writeValueAsBytes(o));
                out.write('\n');
            }
        }
    }

    private static String file(FileSystem fs, Path dir, String name, byte[] png) throws IOException {
        bytes(fs, new Path(new Path(dir, SAMPLE_DIR), name), png);
        return SAMPLE_DIR + "/" + name;
    }

    private static void bytes(FileSystem fs, Path file, byte[] data) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(data);
        }
    }
}
