package org.genmask.jobs.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.latents.LatentDataset;
import org.genmask.data.text.TextEncoder;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.Task;
import org.genmask.dit.TextTokens;
import org.genmask.jobs.config.JobConfig;
import org.genmask.vae.AutoencoderKL;

/**
 * Evaluates a checkpoint's single-step referring segmentation (EMA weights by default): cIoU, gIoU, Prec@X, written
 * with sample PNGs to {@code out_dir} (see {@link EvaluationWriter}).
 *
 * <pre>
 * spark-submit --class org.genmask.jobs.eval.EvaluateJob genmask-jobs.jar [--config=FILE] [--key=value ...]
 *
 * EvaluateJob --checkpoint=runs/x --vae_dir=DIR --examples='latents:PATH/dataset=NAME/key=ID?split=test' \
 *     --dataset=DATASET_ROOT --out_dir=runs/x-eval
 * </pre>
 * Sources ({@link EvaluationSource}):
 * <ul>
 *   <li>{@code examples = latents:PATH[?split=test&key=ID]} with {@code dataset = ROOT}: every referring expression
 *       of the split of a latent partition ({@link LatentEvaluationExamples}): the clean scaled image latent and the
 *       tokens its training example has, the ground-truth mask read from the dataset root at its original
 *       resolution. The partition must match the checkpoint ({@code in_channels}, {@code input_size},
 *       {@code text.vocab_size}) and {@code vae_dir} must be the VAE in its cache key. Token ids mean words through
 *       the vocabulary of the run's training partition ({@link RunVocabulary}, config key {@code vocabulary}):
 *       expressions of a partition with another vocabulary are tokenized again with it. Expressions whose mask or
 *       image the precomputation rejected have no latents: they are counted in {@code metrics.json}
 *       ({@code skipped_expressions}) and left out of the numbers.</li>
 *   <li>{@code examples = synthetic:N}: random inputs, checks the plumbing, not a model.</li>
 * </ul>
 * The prediction ({@link MaskBinarization}: foreground where the decoded channel mean is &gt; 0) is compared with
 * the ground truth at the ground truth's resolution ({@link OriginalResolution}, the inverse of the centre crop);
 * see {@link SampleIoU} for the empty-mask rule.
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
        EvaluationSource source = config.source();
        LatentEvaluationExamples latents = null;
        if (!source.isSynthetic()) { // checks the data against the model before the weights are read
            latents = LatentEvaluationExamples.open(spark, source, config.dataset(),
                    CheckpointModels.architecture(sc.hadoopConfiguration(), config.checkpoint()), config.vaeDir());
            System.out.println("genmask-evaluate: split " + source.split().jsonName() + " of " + latents.dataset()
                    + ", masks from " + latents.root());
        }
        CheckpointModels models = CheckpointModels.load(sc, config.checkpoint(), config.weights(), config.vaeDir(),
                Task.SEGMENTATION);
        int partitions = config.partitions() > 0 ? config.partitions() : sc.defaultParallelism();
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("checkpoint", models.checkpointDir()).put("round", models.round())
                .put("weights", config.weights()).put("examples", config.examples())
                .put("split", source.split().jsonName()).put("seed", config.settings().seed());
        EvaluationTotals totals;
        if (latents == null) {
            totals = MaskEvaluator.evaluate(synthetic(sc, config, models.ditConfig(), models.vae(), partitions),
                    models, config.settings());
        } else {
            TextEncoder retokenize = runVocabulary(spark, config, latents, models, header);
            totals = evaluate(latents, retokenize, models, config.settings(), partitions);
            long expressions = latents.expressions();
            if (totals.examples() == 0) {
                throw new IllegalArgumentException("config key 'examples': split " + source.split().jsonName()
                        + " of " + latents.dataset().partition() + " has no referring expression with latents ("
                        + expressions + " in its texts table)");
            }
            long skipped = expressions - totals.examples();
            header.put("dataset", latents.root()).put("cache_key_id", latents.dataset().cacheKey().id())
                    .put("expressions", expressions).put("skipped_expressions", skipped);
            if (skipped > 0) {
                System.out.println("genmask-evaluate: WARNING " + skipped + " of " + expressions + " expressions have"
                        + " no latents (their mask or image was rejected by the precomputation; see its rejects "
                        + "table) and are not evaluated");
            }
        }
        EvaluationWriter.write(config.outDir(), sc.hadoopConfiguration(), totals, header);
        System.out.println("genmask-evaluate single step: " + totals.oneStep());
        if (totals.euler() != null) {
            System.out.println("genmask-evaluate " + totals.eulerSteps() + " Euler steps: " + totals.euler());
        }
        System.out.println("genmask-evaluate wrote " + config.outDir() + "/" + EvaluationWriter.METRICS);
        return totals;
    }

    /**
     * The encoder that tokenizes the partition's expressions again with the vocabulary the checkpoint's token ids
     * mean, or null when that is the partition's own (its stored tokens are used).
     */
    private static TextEncoder runVocabulary(SparkSession spark, EvaluateJobConfig config,
                                             LatentEvaluationExamples latents, CheckpointModels models,
                                             ObjectNode header) throws IOException {
        LatentDataset evaluated = latents.dataset();
        RunVocabulary run = RunVocabulary.resolve(spark, config.vocabulary(), models.trainConfig().get("latents"),
                evaluated);
        DiTConfig dit = models.ditConfig();
        if (run.vocabulary().size() > dit.text().vocabSize()) {
            throw new IllegalArgumentException("config key 'vocabulary': " + run.source() + " has "
                    + run.vocabulary().size() + " ids, more than the checkpoint's text.vocab_size "
                    + dit.text().vocabSize());
        }
        header.put("vocabulary", run.source());
        if (run.vocabulary().equals(evaluated.vocabulary())) {
            return null;
        }
        List<String> unknown = evaluated.vocabulary().words().stream()
                .filter(w -> run.vocabulary().id(w) == TextTokens.UNKNOWN).toList();
        System.out.println("genmask-evaluate: the expressions of " + evaluated.partition() + " are tokenized again "
                + "with the vocabulary of " + run.source() + " (the checkpoint's token ids; the partition's own ids "
                + "mean other words)" + (unknown.isEmpty() ? "" : "; WARNING words it does not know, read as <unk>: "
                + String.join(", ", unknown)));
        header.put("retokenized", true);
        return new TextEncoder(run.vocabulary(), dit.text().maxLength());
    }

    /** Evaluates a latent partition's split; an unreadable ground-truth file is reported by its own message. */
    private static EvaluationTotals evaluate(LatentEvaluationExamples latents, TextEncoder retokenize,
                                             EvaluationModels models, EvaluationSettings settings, int partitions)
            throws IOException {
        try {
            JavaRDD<EvaluationExample> examples = retokenize == null ? latents.examples(partitions)
                    : latents.examples(partitions, retokenize);
            return MaskEvaluator.evaluate(examples, latents.ids(), models, settings);
        } catch (Exception e) { // Spark's job failure (a checked SparkException, undeclared) wraps the executor's
            GroundTruthException g = GroundTruthException.find(e);
            if (g != null) {
                throw new GroundTruthException(g.getMessage(), e);
            }
            throw e;
        }
    }

    private static JavaRDD<EvaluationExample> synthetic(JavaSparkContext sc, EvaluateJobConfig config, DiTConfig dit,
                                                        AutoencoderKL vae, int partitions) {
        int side = dit.inputSize() * vae.config().downsampleFactor();
        List<EvaluationExample> data = SyntheticEvaluationExamples.generate(config.source().synthetic(),
                dit.inChannels(), dit.inputSize(), dit.text().maxLength(), dit.text().vocabSize(), side * 3 / 2, side,
                config.settings().seed());
        return sc.parallelize(data, partitions);
    }
}
