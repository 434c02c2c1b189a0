package org.genmask.jobs.train;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.latents.LatentDataset;
import org.genmask.data.latents.LatentShape;
import org.genmask.data.latents.LatentSource;
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
 * in {@code run_dir}. Every checkpoint of a run on a latent partition records the partition's cache key
 * ({@link CheckpointLatents}); resuming on latents of another cache key (another VAE) is refused.
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
        String source = config.latents();
        if (source.startsWith("synthetic:")) {
            return ParameterAveraging.train(sc, synthetic(sc, config), resolved);
        }
        return partition(spark, sc, config, resolved);
    }

    private static JavaRDD<TrainingExample> synthetic(JavaSparkContext sc, TrainJobConfig config) {
        String source = config.latents();
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

    /** Trains on a latent partition, whose cache key every checkpoint records. */
    private static Checkpoint partition(SparkSession spark, JavaSparkContext sc, TrainJobConfig config,
                                        JobConfig resolved) throws IOException {
        String source = config.latents();
        if (source.isBlank()) {
            throw new IllegalArgumentException("config key 'latents': expected synthetic:N or a latent partition "
                    + "(PATH/dataset=<name>/key=<id>[?split=train&flips=true&posterior=mean]), got nothing");
        }
        LatentSource latents;
        LatentDataset dataset;
        try {
            latents = LatentSource.parse(source);
            dataset = LatentDataset.open(spark, latents);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("config key 'latents': " + e.getMessage(), e);
        }
        LatentShape shape = dataset.shape();
        if (shape.channels() != config.inChannels() || shape.height() != config.inputSize()
                || shape.width() != config.inputSize()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "config key 'latents': %s holds %s latents"
                    + " but in_channels = %d and input_size = %d expect %dx%dx%d", dataset.partition(), shape,
                    config.inChannels(), config.inputSize(), config.inChannels(), config.inputSize(),
                    config.inputSize()));
        }
        if (dataset.vocabulary().size() > config.vocabSize()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "config key 'text.vocab_size': %d is smaller"
                    + " than the vocabulary of %s (%d ids)", config.vocabSize(), dataset.partition(),
                    dataset.vocabulary().size()));
        }
        System.out.println("genmask-train: examples from " + dataset);
        // one deterministic shard per worker, whatever the number of partitions Spark's sort produced: a shard
        // recomputed after a lost executor, or by a resumed run, is the same (ParameterAveraging.shards)
        JavaRDD<TrainingExample> examples = ParameterAveraging.shards(dataset.examples(
                latents.exampleOptions(config.textLength(), config.seed())), config.workers());
        return ParameterAveraging.train(sc, examples, resolved, CheckpointLatents.of(dataset.cacheKey()));
    }
}
