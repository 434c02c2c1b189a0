package org.genmask.jobs.train;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.latents.SyntheticTrainingExamples;
import org.genmask.data.latents.TrainingExample;
import org.genmask.jobs.config.JobConfig;

/**
 * Trains the GenMask DiT with parameter averaging across Spark executors.
 *
 * <pre>
 * spark-submit --class org.genmask.jobs.train.TrainJob genmask-jobs.jar [--config=FILE] [--key=value ...]
 * </pre>
 * The master comes from spark-submit, never from code. Rerunning the same command resumes from the newest checkpoint
 * in {@code run_dir}.
 */
public final class TrainJob {

    private TrainJob() {
    }

    public static void main(String[] args) throws IOException {
        JobConfig config = JobConfig.resolve(TrainJobConfig.defaults(), args);
        SparkSession spark = SparkSession.builder().appName("genmask-train").getOrCreate();
        try {
            run(spark, config);
        } finally {
            spark.stop();
        }
    }

    /** Resolves the training data named by {@code latents} and trains; returns the final state. */
    public static Checkpoint run(SparkSession spark, JobConfig resolved) throws IOException {
        TrainJobConfig config = TrainJobConfig.from(resolved);
        System.out.println("genmask-train resolved config:\n" + resolved.render());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return ParameterAveraging.train(sc, examples(sc, config), resolved);
    }

    private static JavaRDD<TrainingExample> examples(JavaSparkContext sc, TrainJobConfig config) {
        String source = config.latents();
        if (source.startsWith("synthetic:")) {
            int n;
            try {
                n = Integer.parseInt(source.substring("synthetic:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config key 'latents': expected synthetic:N, got '" + source + "'");
            }
            List<TrainingExample> data = SyntheticTrainingExamples.generate(n, config.inChannels(),
                    config.inputSize(), config.textLength(), config.vocabSize(), config.seed());
            return sc.parallelize(data, config.workers());
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "config key 'latents': '%s' is not a "
                + "supported source; this version reads synthetic:N (Parquet latent datasets come with the "
                + "precomputation job)", source));
    }
}
