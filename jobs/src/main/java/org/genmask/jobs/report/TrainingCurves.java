package org.genmask.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training job's {@code metrics.jsonl} (one object per round) as chart series: mean loss per task
 * ({@code loss.gen}, {@code loss.seg}), loss per timestep bucket per task ({@code loss_per_bucket.TASK.LABEL}),
 * throughput ({@code samples_per_s}) and learning rate ({@code lr}), each against {@code round}. Absent fields
 * leave gaps; a line that is not JSON or lacks {@code round} is an error naming the file and line.
 */
public final class TrainingCurves {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Series> lossPerTask = new TreeMap<>();
    private final Map<String, Map<String, Series>> lossPerBucket = new TreeMap<>();
    private final Series samplesPerSecond = new Series("samples/s");
    private final Series learningRate = new Series("lr");
    private int rounds;

    private TrainingCurves() {
    }

    public static TrainingCurves read(Path metricsJsonl) throws IOException {
        TrainingCurves c = new TrainingCurves();
        List<String> lines = Files.readAllLines(metricsJsonl, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = metricsJsonl + " line " + (i + 1);
            JsonNode m;
            try {
                m = JSON.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
            }
            if (!m.path("round").isNumber()) {
                throw new IllegalArgumentException(where + ": field 'round' is missing or not a number");
            }
            c.add(m);
        }
        return c;
    }

    private void add(JsonNode m) {
        rounds++;
        double round = m.path("round").asDouble();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("loss").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            lossPerTask.computeIfAbsent(e.getKey(), Series::new).add(round, number(e.getValue()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("loss_per_bucket").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> task = it.next();
            Map<String, Series> buckets = lossPerBucket.computeIfAbsent(task.getKey(), k -> new TreeMap<>());
            for (Iterator<Map.Entry<String, JsonNode>> b = task.getValue().fields(); b.hasNext();) {
                Map.Entry<String, JsonNode> e = b.next();
                buckets.computeIfAbsent(e.getKey(), label -> new Series("s in " + label)).add(round,
                        number(e.getValue()));
            }
        }
        samplesPerSecond.add(round, number(m.path("samples_per_s")));
        learningRate.add(round, number(m.path("lr")));
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** Rounds (lines) read. */
    public int rounds() {
        return rounds;
    }

    /** Mean loss per task (series named by task scope: gen, seg). */
    public List<Series> lossPerTask() {
        return new ArrayList<>(lossPerTask.values());
    }

    /** Tasks with per-bucket losses, e.g. gen, seg. */
    public List<String> bucketTasks() {
        return new ArrayList<>(lossPerBucket.keySet());
    }

    /** One series per timestep bucket of a task, in bucket order. */
    public List<Series> lossPerBucket(String task) {
        return new ArrayList<>(lossPerBucket.getOrDefault(task, Map.of()).values());
    }

    public Series samplesPerSecond() {
        return samplesPerSecond;
    }

    public Series learningRate() {
        return learningRate;
    }
}
