package org.genmask.jobs.ablation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.eval.EvaluateJob;
import org.genmask.jobs.eval.EvaluateJobConfig;
import org.genmask.jobs.eval.EvaluationTotals;
import org.genmask.jobs.train.TrainJob;
import org.genmask.jobs.train.TrainJobConfig;

/**
 * The paper's ablation: the same data, seed, model and budget trained once per arm (by default the mask timestep
 * sampler over GenMask a = 0.05, 0.1, 0.5 and logit-normal, plus segmentation-only training), each arm evaluated on
 * the same split, and a table written to {@code out_dir/ablation.md} and {@code ablation.json}.
 *
 * <pre>
 * spark-submit --class org.genmask.jobs.ablation.AblationJob genmask-jobs.jar \
 *   --train_config=conf/jobs/quickstart-train.conf --evaluate_config=conf/jobs/quickstart-evaluate.conf \
 *   --out_dir=runs/ablation [--variants='name: key=value; key=value | name: ...']
 * </pre>
 * Each arm runs the training and evaluation jobs themselves ({@link TrainJob#run}, {@link EvaluateJob#run}) in
 * {@code out_dir/<arm>/train} and {@code out_dir/<arm>/eval}; a rerun resumes each arm's training from its newest
 * checkpoint (a finished arm only re-evaluates), so an interrupted ablation loses at most one arm's partial work.
 */
public final class AblationJob {
    private AblationJob() {
    }

    public static void main(String[] args) throws IOException {
        JobConfig config = JobConfig.resolve(AblationJobConfig.defaults(), args);
        SparkSession spark = SparkSession.builder().appName("genmask-ablation").getOrCreate();
        try {
            run(spark, config);
        } finally {
            spark.stop();
        }
    }

    public static AblationTable run(SparkSession spark, JobConfig resolved) throws IOException {
        AblationJobConfig config = AblationJobConfig.from(resolved);
        System.out.println("genmask-ablation resolved config:\n" + resolved.render());
        for (AblationVariant v : config.variants()) { // every arm's config resolves before any training starts
            trainConfig(config, v);
        }
        AblationTable table = new AblationTable();
        int i = 0;
        for (AblationVariant v : config.variants()) {
            i++;
            System.out.println("genmask-ablation arm " + i + "/" + config.variants().size() + ": " + v.name() + " "
                    + v.overrides());
            long t0 = System.nanoTime();
            TrainJob.run(spark, trainConfig(config, v));
            double seconds = (System.nanoTime() - t0) / 1e9;
            String runDir = arm(config, v) + "/train";
            JobConfig eval = JobConfig.resolve(EvaluateJobConfig.defaults(), new String[] {
                "--config=" + config.evaluateConfig(), "--checkpoint=" + runDir,
                "--out_dir=" + arm(config, v) + "/eval"});
            EvaluationTotals totals = EvaluateJob.run(spark, eval);
            table.add(new AblationTable.Row(v, totals.oneStep(), seconds, runDir));
            System.out.println("genmask-ablation arm " + v.name() + ": " + totals.oneStep());
        }
        write(spark, config, resolved, table);
        System.out.println("genmask-ablation table (" + config.outDir() + "/ablation.md):\n" + table.markdown());
        return table;
    }

    static JobConfig trainConfig(AblationJobConfig config, AblationVariant v) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("--config=" + config.trainConfig());
        args.add("--run_dir=" + arm(config, v) + "/train");
        v.overrides().forEach((k, value) -> args.add("--" + k + "=" + value));
        try {
            JobConfig c = JobConfig.resolve(TrainJobConfig.defaults(), args.toArray(String[]::new));
            TrainJobConfig.from(c); // validates now, before any arm trains
            return c;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ablation arm '" + v.name() + "': " + e.getMessage(), e);
        }
    }

    private static String arm(AblationJobConfig config, AblationVariant v) {
        return config.outDir() + "/" + v.name();
    }

    private static void write(SparkSession spark, AblationJobConfig config, JobConfig resolved, AblationTable table)
            throws IOException {
        Path dir = new Path(config.outDir());
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        ObjectNode header = AblationTable.emptyHeader();
        header.put("config", resolved.render());
        write(fs, new Path(dir, "ablation.md"), table.markdown());
        write(fs, new Path(dir, "ablation.json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(table.json(header)));
    }

    private static void write(FileSystem fs, Path file, String text) throws IOException {
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(file, false);
        if (!fs.rename(tmp, file)) {
            throw new IOException("cannot rename " + tmp + " to " + file);
        }
    }
}
