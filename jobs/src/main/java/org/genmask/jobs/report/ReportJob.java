package org.genmask.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.genmask.jobs.config.JobConfig;
import scala.Tuple2;

/**
 * Writes a run's self-contained HTML report (see {@link RunReport}) from the driver alone (no SparkContext); inputs
 * and output are local paths or Hadoop URIs ({@code s3a://}, configured by the {@code spark.hadoop.*} properties that
 * spark-submit passes).
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
        String out = run(hadoopConfiguration(new SparkConf()), JobConfig.resolve(defaults(), args));
        System.out.println("genmask-report wrote " + out);
    }

    /**
     * The Hadoop configuration spark-submit would give a job: every {@code spark.hadoop.K} property (from
     * {@code --conf}, the properties file, or {@code -D}) set as {@code K}. No SparkContext is started: the report is
     * written by the driver alone.
     */
    static Configuration hadoopConfiguration(SparkConf spark) {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> kv : spark.getAll()) {
            if (kv._1().startsWith("spark.hadoop.")) {
                hadoop.set(kv._1().substring("spark.hadoop.".length()), kv._2());
            }
        }
        return hadoop;
    }

    /**
     * Renders and writes the report; returns where it was written. Inputs and {@code out} may be local paths or any
     * Hadoop file system URI ({@code s3a://bucket/...}); remote inputs are staged locally ({@link ReportStaging}).
     */
    public static String run(Configuration hadoop, JobConfig config) throws IOException {
        List<String> evalKeys = Arrays.stream(config.string("eval_dirs").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        try (ReportStaging staging = new ReportStaging(hadoop)) {
            List<Path> evals = new ArrayList<>();
            for (String e : evalKeys) {
                evals.add(staging.whole(e, "eval"));
            }
            String run = value(config, "run_dir");
            String samples = value(config, "samples");
            String analysis = value(config, "latent_analysis");
            String ablation = value(config, "ablation");
            Path runDir = run == null ? null : staging.runDir(run);
            Path analysisDir = analysis == null ? null : staging.whole(analysis, "analysis");
            Path ablationDir = ablation == null ? null : staging.ablation(ablation);
            Path samplesDir = samples == null ? null : staging.whole(samples, "samples");
            ReportInputs in = new ReportInputs(runDir, evals, analysisDir, ablationDir, samplesDir, staging.origins());
            if (in.isEmpty()) {
                throw new IllegalArgumentException("config keys 'run_dir', 'eval_dirs', 'samples', 'latent_analysis' "
                        + "and 'ablation' are all empty: nothing to report");
            }
            String out = value(config, "out");
            if (out == null) {
                String first = Stream.concat(Stream.of(run), Stream.concat(evalKeys.stream(),
                        Stream.of(samples, analysis, ablation))).filter(Objects::nonNull).findFirst().orElseThrow();
                out = first.replaceFirst("/+$", "") + "/report.html";
            }
            String html;
            try {
                html = RunReport.render(in);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(staging.unstage(e.getMessage()), e);
            }
            return staging.write(out, html.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String value(JobConfig config, String key) {
        String v = config.string(key).strip();
        return v.isEmpty() ? null : v;
    }
}
