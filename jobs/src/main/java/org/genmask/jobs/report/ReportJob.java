package org.genmask.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.genmask.jobs.config.JobConfig;

/**
 * Writes a run's self-contained HTML report (see {@link RunReport}); no Spark. Local paths only.
 *
 * <pre>
 * java -Djava.awt.headless=true -cp genmask-jobs.jar org.genmask.jobs.report.ReportJob \
 *     --run_dir=runs/quickstart/train --eval_dirs=runs/quickstart/eval[,DIR...] \
 *     [--samples=runs/quickstart/samples] [--latent_analysis=runs/quickstart/analysis] [--ablation=runs/ablation] \
 *     [--out=FILE]
 * </pre>
 * Every input key is optional (at least one must be given); a directory given whose output file is absent
 * ({@code samples.json}, {@code latent-analysis.json}, {@code ablation.json}) is listed as not found in the report's
 * Inputs table and its section is left out; an evaluation directory without {@code metrics.json} is an error.
 */
public final class ReportJob {

    private ReportJob() {
    }

    /**
     * Every key with its default (all empty): {@code run_dir}, {@code eval_dirs} (comma-separated),
     * {@code samples}, {@code latent_analysis}, {@code ablation}, and {@code out}: empty means
     * {@code report.html} in the first input directory given, in that key order.
     */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("run_dir", "");
        d.put("eval_dirs", "");
        d.put("samples", "");
        d.put("latent_analysis", "");
        d.put("ablation", "");
        d.put("out", "");
        return d;
    }

    public static void main(String[] args) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Path out = run(JobConfig.resolve(defaults(), args));
        System.out.println("genmask-report wrote " + out.toAbsolutePath());
    }

    /** Renders and writes the report; returns its path. */
    public static Path run(JobConfig config) throws IOException {
        List<Path> evals = Arrays.stream(config.string("eval_dirs").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(Path::of).toList();
        ReportInputs in = new ReportInputs(dir(config, "run_dir"), evals, dir(config, "latent_analysis"),
                dir(config, "ablation"), dir(config, "samples"));
        if (in.isEmpty()) {
            throw new IllegalArgumentException("config keys 'run_dir', 'eval_dirs', 'samples', 'latent_analysis' and "
                    + "'ablation' are all empty: nothing to report");
        }
        String outKey = config.string("out").strip();
        Path out = !outKey.isEmpty() ? Path.of(outKey) : Stream.concat(Stream.of(in.runDir()), Stream.concat(
                evals.stream(), Stream.of(in.samples(), in.latentAnalysis(), in.ablation())))
                .filter(Objects::nonNull).findFirst().orElseThrow().resolve("report.html");
        String html = RunReport.render(in);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, html, StandardCharsets.UTF_8);
        return out;
    }

    private static Path dir(JobConfig config, String key) {
        String v = config.string(key).strip();
        return v.isEmpty() ? null : Path.of(v);
    }
}
