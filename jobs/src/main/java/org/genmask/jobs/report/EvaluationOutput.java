package org.genmask.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genmask.jobs.eval.EvaluationWriter;

/**
 * An evaluation output directory as {@link EvaluationWriter} leaves it: {@code metrics.json} (required) and, when
 * present, {@code samples.json} with the PNGs it names.
 *
 * @param dir     the directory
 * @param metrics the parsed {@code metrics.json}
 * @param samples the parsed {@code samples.json} entries (empty when absent)
 */
public record EvaluationOutput(Path dir, JsonNode metrics, List<JsonNode> samples) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static EvaluationOutput read(Path dir) throws IOException {
        Path metricsFile = dir.resolve(EvaluationWriter.METRICS);
        if (!Files.exists(metricsFile)) {
            throw new IllegalArgumentException(dir + ": no " + EvaluationWriter.METRICS + " (not an evaluation output "
                    + "directory, or an incomplete one)");
        }
        JsonNode metrics = JSON.readTree(metricsFile.toFile());
        if (!metrics.path("one_step").path("ciou").isNumber()) {
            throw new IllegalArgumentException(metricsFile + ": field one_step.ciou is missing or not a number");
        }
        List<JsonNode> samples = new ArrayList<>();
        Path samplesFile = dir.resolve(EvaluationWriter.SAMPLES);
        if (Files.exists(samplesFile)) {
            JSON.readTree(samplesFile.toFile()).forEach(samples::add);
        }
        return new EvaluationOutput(dir, metrics, samples);
    }

    /** The checkpoint round evaluated, or -1 when not recorded. */
    public int round() {
        return metrics.path("round").asInt(-1);
    }

    /** The bytes of a file named relative to the directory (a sample PNG). */
    public byte[] file(String relative) throws IOException {
        Path p = dir.resolve(relative).normalize();
        if (!p.startsWith(dir.normalize())) {
            throw new IllegalArgumentException(dir.resolve(EvaluationWriter.SAMPLES) + ": file '" + relative
                    + "' points outside the evaluation directory");
        }
        return Files.readAllBytes(p);
    }
}
