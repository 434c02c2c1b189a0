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
 * A self-contained HTML report of everything a run produced ({@link ReportInputs}): which inputs were found, training
 * curves (loss per task, per timestep bucket, throughput, learning rate) from {@code run_dir/metrics.jsonl} and the
 * newest checkpoint's configuration, evaluation numbers from one or more evaluation output directories (with
 * cIoU/gIoU over rounds when several rounds were evaluated) and a grid of input / expression / ground truth /
 * prediction, the text-to-image samples grid with its prompts, the mask-latent analysis and the ablation table.
 * Only sections whose input exists appear. Charts are PNGs from {@link ChartImages}, every picture is embedded as a
 * {@code data:} URI.
 */
public final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {
    }

    /** A report of a training run and evaluation outputs only. */
    public static String render(Path runDir, List<Path> evalDirs) throws IOException {
        return render(new ReportInputs(runDir, evalDirs, null, null, null));
    }

    /**
     * @throws IllegalArgumentException if there is nothing to report, or an input that exists is malformed (the
     *                                  message names the file)
     */
    public static String render(ReportInputs in) throws IOException {
        HtmlPage page = new HtmlPage("GenMask run report");
        page.heading(1, "GenMask run report");
        List<EvaluationOutput> evals = new ArrayList<>();
        for (Path d : in.evalDirs()) {
            evals.add(EvaluationOutput.read(d));
        }
        boolean training = in.runDir() != null && hasTraining(in.runDir());
        boolean samples = exists(in.samples(), SamplesSection::file);
        boolean analysis = exists(in.latentAnalysis(), LatentAnalysisSection::file);
        boolean ablation = exists(in.ablation(), d -> d.resolve(AblationSection.FILE));
        if (!training && evals.isEmpty() && !samples && !analysis && !ablation) {
            throw new IllegalArgumentException("nothing to report: " + (in.runDir() == null ? "no run directory"
                    : in.runDir() + " has no metrics.jsonl") + ", no evaluation directory, and no latent analysis, "
                    + "ablation or samples output was found");
        }
        ReportInventory.add(page, in, training, evals, samples, analysis, ablation);
        if (training) {
            training(page, in.runDir());
        }
        if (!evals.isEmpty()) {
            EvaluationSection.add(page, evals);
        }
        if (samples) {
            SamplesSection.add(page, in.samples());
        }
        if (analysis) {
            LatentAnalysisSection.add(page, in.latentAnalysis());
        }
        if (ablation) {
            AblationSection.add(page, in.ablation());
        }
        return page.render();
    }

    private static boolean exists(Path dir, java.util.function.Function<Path, Path> file) {
        return dir != null && Files.isRegularFile(file.apply(dir));
    }

    /** Whether the run directory holds metrics or a complete checkpoint (it must be a directory). */
    private static boolean hasTraining(Path runDir) throws IOException {
        return Files.exists(runDir.resolve("metrics.jsonl")) || newestState(runDir).isPresent();
    }

    private static void training(HtmlPage page, Path runDir) throws IOException {
        Path metrics = runDir.resolve("metrics.jsonl");
        Optional<Path> state = newestState(runDir);
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
    }

    static void chart(HtmlPage page, String title, String yTitle, List<Series> series) throws IOException {
        if (series.stream().anyMatch(s -> s.size() > 0)) {
            page.chart(ChartImages.lines(title, "round", yTitle, series), title);
        }
    }

    /** {@code state.json} of the newest complete checkpoint, if any. */
    static Optional<Path> newestState(Path runDir) throws IOException {
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
