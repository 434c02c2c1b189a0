package org.genmask.jobs.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.genmask.jobs.analysis.AnalysisWriter;
import org.genmask.jobs.sample.SampleWriter;

/**
 * The report's first section: each input key, the path given and what was found there, so that an absent section is
 * explained.
 */
final class ReportInventory {

    private ReportInventory() {
    }

    static void add(HtmlPage page, ReportInputs in, boolean training, List<EvaluationOutput> evals, boolean samples,
                    boolean analysis, boolean ablation) throws IOException {
        page.heading(2, "Inputs");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("training run", "run_dir", in.runDir() == null ? "-" : in.label(in.runDir()),
                in.runDir() == null ? "not given"
                : training ? trainingFound(in.runDir()) : "no metrics.jsonl and no complete checkpoint: no section"));
        if (evals.isEmpty()) {
            rows.add(List.of("evaluation", "eval_dirs", "-", "not given"));
        }
        for (EvaluationOutput e : evals) {
            rows.add(List.of("evaluation", "eval_dirs", in.label(e.dir()), "found metrics.json"
                    + (e.round() < 0 ? "" : " (round " + e.round() + ")") + ", " + e.samples().size()
                    + " sample pictures"));
        }
        List<Integer> rounds = evals.stream().map(EvaluationOutput::round).filter(r -> r >= 0).distinct().sorted()
                .toList();
        rows.add(List.of("cIoU/gIoU per round", "eval_dirs", "-", rounds.size() >= 2 ? "chart of rounds "
                + rounds.stream().map(String::valueOf).collect(Collectors.joining(", "))
                : "no chart: needs evaluations of at least 2 rounds"));
        rows.add(output(in, "text to image samples", "samples", in.samples(), samples, SampleWriter.SAMPLES));
        rows.add(output(in, "mask-latent analysis", "latent_analysis", in.latentAnalysis(), analysis,
                AnalysisWriter.JSON));
        rows.add(output(in, "ablation", "ablation", in.ablation(), ablation, AblationSection.FILE));
        page.table(List.of("input", "config key", "path", "found"), rows);
    }

    private static String trainingFound(Path runDir) throws IOException {
        List<String> found = new ArrayList<>();
        if (Files.exists(runDir.resolve("metrics.jsonl"))) {
            found.add("metrics.jsonl");
        }
        Optional<Path> state = RunReport.newestState(runDir);
        state.ifPresent(s -> found.add("checkpoint " + s.getParent().getFileName()));
        return "found " + String.join(", ", found);
    }

    private static List<String> output(ReportInputs in, String what, String key, Path dir, boolean found,
                                       String name) {
        if (dir == null) {
            return List.of(what, key, "-", "not given");
        }
        return List.of(what, key, in.label(dir), found ? "found " + name : "not found: no " + name + " there; no "
                + "section");
    }
}
