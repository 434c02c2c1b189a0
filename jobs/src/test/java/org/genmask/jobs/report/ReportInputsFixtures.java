package org.genmask.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.genmask.data.image.PngWriter;
import org.genmask.jobs.ablation.AblationTable;
import org.genmask.jobs.ablation.AblationVariant;
import org.genmask.jobs.analysis.AnalysisSettings;
import org.genmask.jobs.analysis.AnalysisWriter;
import org.genmask.jobs.analysis.LatentAnalysis;
import org.genmask.jobs.analysis.LatentSamples;
import org.genmask.jobs.eval.SegmentationMetrics;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The report's newer inputs as their jobs write them: a latent analysis (the real {@link AnalysisWriter} on small
 * random latents), an ablation table ({@link AblationTable#json}), a sampling output ({@code samples.json} in
 * {@code SampleWriter}'s layout with a grid PNG), and evaluation outputs of given rounds.
 */
final class ReportInputsFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportInputsFixtures() {
    }

    static Path analysis(Path dir) throws IOException {
        int n = 4;
        int side = 4;
        Random rng = new Random(1);
        float[] image = new float[n * 4 * side * side];
        float[] mask = new float[image.length];
        float[] labels = new float[n * side * side];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i % side) < 2 && (i / side) % side < 3 ? 1 : 0;
        }
        for (int i = 0; i < image.length; i++) {
            int label = (i / (4 * side * side)) * side * side + i % (side * side);
            image[i] = (float) rng.nextGaussian();
            mask[i] = (labels[label] > 0 ? 1 : -1) + 0.1f * (float) rng.nextGaussian();
        }
        long[] dims = {n, 4, side, side};
        LatentSamples s = new LatentSamples(Nd4j.create(image, dims, 'c'), Nd4j.create(mask, dims, 'c'),
                Nd4j.create(labels, new long[] {n, side, side}, 'c'), "fixture", "fixture <labels>");
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("partition", "/x/dataset=d/key=0123456789abcdef")
                .put("split", "train").put("cache_key_id", "0123456789abcdef").put("latent_shape", "4x4x4")
                .put("labels", s.labelSource());
        AnalysisWriter.write(dir.toString(), new Configuration(), LatentAnalysis.run(s, AnalysisSettings.defaults()),
                header);
        return dir;
    }

    static Path ablation(Path dir) throws IOException {
        AblationTable table = new AblationTable();
        int[] thresholds = {50, 60, 70, 80, 90};
        table.add(new AblationTable.Row(new AblationVariant("genmask-a0.05", Map.of("seg_sampler",
                "genmask(a=0.05)")), new SegmentationMetrics(10, 70, 100, 0, 0.7, 0.65, thresholds,
                new double[] {0.8, 0.7, 0.6, 0.4, 0.1}), 12.0, "runs/ablation/genmask-a0.05/train"));
        table.add(new AblationTable.Row(new AblationVariant("uniform", Map.of("seg_sampler", "uniform")),
                new SegmentationMetrics(10, 40, 100, 0, 0.4, 0.35, thresholds, new double[] {0.3, 0.2, 0.1, 0, 0}),
                11.0, "runs/ablation/uniform/train"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(AblationSection.FILE), JSON.writeValueAsString(table.json(
                JsonNodeFactory.instance.objectNode().put("config", "train_config = x"))));
        return dir;
    }

    static Path samples(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("grid.png"), PngWriter.rgb(5, 3, new float[3 * 5 * 3]));
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("checkpoint", "runs/q/train/ckpt-000002")
                .put("round", 2).put("weights", "ema").put("steps", 8).put("cfg_scale", 2.0).put("seed", 0);
        root.putObject("grid").put("file", "grid.png").put("columns", 2).put("rows", 1).put("tile", 2).put("gap", 1);
        Map<String, String> prompts = new LinkedHashMap<>();
        prompts.put("a red <circle>", "");
        prompts.put("a blue zorgle", "zorgle");
        int i = 0;
        for (Map.Entry<String, String> p : prompts.entrySet()) {
            ObjectNode o = root.withArray("samples").addObject().put("index", i).put("prompt", p.getKey())
                    .put("file", String.format("images/%04d.png", i)).put("grid_row", 0).put("grid_column", i)
                    .put("truncated", false);
            if (!p.getValue().isEmpty()) {
                o.putArray("unknown_words").add(p.getValue());
            }
            i++;
        }
        Files.writeString(dir.resolve("samples.json"), JSON.writeValueAsString(root));
        return dir;
    }

    static Path eval(Path dir, int round, double ciou) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.json"), "{\"round\":" + round + ",\"weights\":\"ema\","
                + "\"split\":\"test\",\"one_step\":{\"samples\":5,\"ciou\":" + ciou + ",\"giou\":0.5}}");
        return dir;
    }
}
