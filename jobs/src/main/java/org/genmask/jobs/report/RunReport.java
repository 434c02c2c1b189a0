package org.genmask.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A self-contained HTML report of a run: training curves (loss per task, per timestep bucket, throughput, learning
 * rate) from {@code run_dir/metrics.jsonl}, the newest checkpoint's configuration, evaluation numbers from one or
 * more evaluation output directories (with cIoU/gIoU over rounds when several rounds were evaluated) and a grid of
 * input / expression / ground truth / prediction. Only sections with data appear. Charts are PNGs from
 * {@link ChartImages}, every picture is embedded as a {@code data:} URI.
 */
public final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {
    }

    /**
     * @param runDir   a training run directory, or null
     * @param evalDirs evaluation output directories (possibly empty)
     * @throws IllegalArgumentException if there is nothing to report
     */
    public static String render(Path runDir, List<Path> evalDirs) throws IOException {
        HtmlPage page = new HtmlPage("GenMask run report");
        page.heading(1, "GenMask run report");
        boolean content = false;
        if (runDir != null) {
            page.paragraph("Run directory: " + runDir);
            content |= training(page, runDir);
        }
        List<EvaluationOutput> evals = new ArrayList<>();
        for (Path d : evalDirs) {
            evals.add(EvaluationOutput.read(d));
        }
        if (!evals.isEmpty()) {
            EvaluationSection.add(page, evals);
            content = true;
        }
        if (!content) {
            throw new IllegalArgumentException("nothing to report: " + runDir + " has no metrics.jsonl and no "
                    + "evaluation directory was given");
        }
        return page.render();
    }

    private static boolean training(HtmlPage page, Path runDir) throws IOException {
        Path metrics = runDir.resolve("metrics.jsonl");
        Optional<Path> state = newestState(runDir);
        if (!Files.exists(metrics) && state.isEmpty()) {
            return false;
        }
        page.heading(2, "Training");
        if (Files.exists(metrics)) {
            TrainingCurves curves = TrainingCurves.read(metrics);
            page.note(curves.rounds() + " rounds from metrics.jsonl; loss is the flow-matching MSE on the velocity "
                    + "u = eps - x0 in latent space, per task (gen = text to image, seg = image + text to mask).");
            chart(page, "Loss per task", "loss", curves.lossPerTask());
            for (String task : curves.bucketTasks()) {
                chart(page, "Loss per timestep bucket: " + task, "loss", curves.lossPerBucket(task));
            }
            chart(page, "Throughput", "samples/s", List.of(curves.samplesPerSecond()));
            chart(page, "Learning rate", "lr", List.of(curves.learningRate()));
        }
        if (state.isPresent()) {
            JsonNode s = JSON.readTree(state.get().toFile());
            StringBuilder text = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("config").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                text.append(e.getKey()).append(" = ").append(e.getValue().asText()).append('\n');
            }
            page.paragraph(String.format(Locale.ROOT, "Newest checkpoint: %s (round %d, step %d).",
                    state.get().getParent().getFileName(), s.path("round").asInt(), s.path("step").asLong()));
            page.details("Training configuration (" + state.get().getParent().getFileName() + "/state.json)",
                    text.toString());
        }
        return true;
    }

    static void chart(HtmlPage page, String title, String yTitle, List<Series> series) throws IOException {
        if (series.stream().anyMatch(s -> s.size() > 0)) {
            page.chart(ChartImages.lines(title, "round", yTitle, series), title);
        }
    }

    /** {@code state.json} of the newest complete checkpoint, if any. */
    private static Optional<Path> newestState(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException("config key 'run_dir': " + runDir + " is not a directory");
        }
        try (Stream<Path> dirs = Files.list(runDir)) {
            return dirs.filter(d -> d.getFileName().toString().matches("ckpt-\\d{6}"))
                    .map(d -> d.resolve("state.json")).filter(Files::exists)
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString()));
        }
    }
}
