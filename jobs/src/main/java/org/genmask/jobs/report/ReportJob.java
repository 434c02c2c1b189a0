package org.genmask.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmask.jobs.config.JobConfig;

/**
 * Writes a run's self-contained HTML report (see {@link RunReport}); no Spark. Local paths only.
 *
 * <pre>
 * java -Djava.awt.headless=true -cp genmask-jobs.jar org.genmask.jobs.report.ReportJob \
 *     --run_dir=runs/quickstart --eval_dirs=runs/quickstart-eval [--out=FILE]
 * </pre>
 */
public final class ReportJob {

    private ReportJob() {
    }

    /** Every key with its default: {@code out} empty means {@code run_dir/report.html} (else the first eval dir). */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("run_dir", "");
        d.put("eval_dirs", "");
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
        String run = config.string("run_dir").strip();
        List<Path> evals = Arrays.stream(config.string("eval_dirs").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(Path::of).toList();
        if (run.isEmpty() && evals.isEmpty()) {
            throw new IllegalArgumentException("config keys 'run_dir' and 'eval_dirs' are both empty: nothing to "
                    + "report");
        }
        Path runDir = run.isEmpty() ? null : Path.of(run);
        String outKey = config.string("out").strip();
        Path out = !outKey.isEmpty() ? Path.of(outKey)
                : (runDir != null ? runDir : evals.get(0)).resolve("report.html");
        String html = RunReport.render(runDir, evals);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, html, StandardCharsets.UTF_8);
        return out;
    }
}
