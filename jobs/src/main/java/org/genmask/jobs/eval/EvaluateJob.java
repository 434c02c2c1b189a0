package org.genmask.jobs.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.Task;
import org.genmask.jobs.config.JobConfig;
import org.genmask.vae.AutoencoderKL;

/**
 * Evaluates a checkpoint's single-step referring segmentation (EMA weights by default): cIoU, gIoU, Prec@X, written
 * with sample PNGs to {@code out_dir} (see {@link EvaluationWriter}).
 *
 * <pre>
 * spark-submit --class org.genmask.jobs.eval.EvaluateJob genmask-jobs.jar [--config=FILE] [--key=value ...]
 * </pre>
 * Sources: {@code examples = synthetic:N} only, for now (random inputs: checks the plumbing, not a model). Reading
 * a split of the Parquet latent dataset needs its reader (being written); it plugs in as a
 * {@code JavaRDD<EvaluationExample>} passed to {@link MaskEvaluator#evaluate}.
 */
public final class EvaluateJob {

    private EvaluateJob() {
    }

    public static void main(String[] args) throws IOException {
        JobConfig config = JobConfig.resolve(EvaluateJobConfig.defaults(), args);
        SparkSession spark = SparkSession.builder().appName("genmask-evaluate").getOrCreate();
        try {
            run(spark, config);
        } finally {
            spark.stop();
        }
    }

    public static EvaluationTotals run(SparkSession spark, JobConfig resolved) throws IOException {
        EvaluateJobConfig config = EvaluateJobConfig.from(resolved);
        System.out.println("genmask-evaluate resolved config:\n" + resolved.render());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        CheckpointModels models = CheckpointModels.load(sc, config.checkpoint(), config.weights(), config.vaeDir(),
                Task.SEGMENTATION);
        JavaRDD<EvaluationExample> examples = examples(sc, config, models.ditConfig(), models.vae());
        EvaluationTotals totals = MaskEvaluator.evaluate(examples, models, config.settings());
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("checkpoint", models.checkpointDir()).put("round", models.round())
                .put("weights", config.weights()).put("examples", config.examples()).put("split", config.split())
                .put("seed", config.settings().seed());
        EvaluationWriter.write(config.outDir(), sc.hadoopConfiguration(), totals, header);
        System.out.println("genmask-evaluate single step: " + totals.oneStep());
        if (totals.euler() != null) {
            System.out.println("genmask-evaluate " + totals.eulerSteps() + " Euler steps: " + totals.euler());
        }
        System.out.println("genmask-evaluate wrote " + config.outDir() + "/" + EvaluationWriter.METRICS);
        return totals;
    }

    private static JavaRDD<EvaluationExample> examples(JavaSparkContext sc, EvaluateJobConfig config, DiTConfig dit,
                                                       AutoencoderKL vae) {
        String source = config.examples();
        if (source.startsWith("synthetic:")) {
            int n;
            try {
                n = Integer.parseInt(source.substring("synthetic:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config key 'examples': expected synthetic:N, got '" + source + "'");
            }
            int side = dit.inputSize() * vae.config().downsampleFactor();
            List<EvaluationExample> data = SyntheticEvaluationExamples.generate(n, dit.inChannels(), dit.inputSize(),
                    dit.text().maxLength(), dit.text().vocabSize(), side * 3 / 2, side, config.settings().seed());
            return sc.parallelize(data, config.partitions());
        }
        throw new IllegalArgumentException("config key 'examples': '" + source + "' is not a supported source; this "
                + "version reads synthetic:N (the Parquet latent dataset reader is being written)");
    }
}
