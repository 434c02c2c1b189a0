package org.genmask.jobs.sample;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.text.TextEncoder;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.Task;
import org.genmask.dit.TextConfig;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.eval.CheckpointModels;
import org.genmask.jobs.eval.RunVocabulary;

/**
 * Generates images from texts with a checkpoint's generation path (EMA weights by default): multi-step Euler from
 * s = 1 to s = 0 with classifier-free guidance, VAE decode, PNGs, a grid and {@code samples.json} in {@code out_dir}
 * (see {@link SampleWriter}).
 *
 * <pre>
 * spark-submit --class org.genmask.jobs.sample.SampleJob genmask-jobs.jar [--config=FILE] [--key=value ...]
 * </pre>
 * Prompts are {@code prompts=TEXT|TEXT...} or the captions of a split of a latent partition
 * ({@code captions=PATH?split=val}, {@code count=N}), tokenized with the run's vocabulary ({@link RunVocabulary}).
 * A prompt with no word at all is an error; words not in the vocabulary become {@code <unk>} with a warning (also
 * when no word of a prompt is known: the image is still made, and samples.json lists the unknown words).
 */
public final class SampleJob {

    private SampleJob() {
    }

    public static void main(String[] args) throws IOException {
        JobConfig config = JobConfig.resolve(SampleJobConfig.defaults(), args);
        SparkSession spark = SparkSession.builder().appName("genmask-sample").getOrCreate();
        try {
            run(spark, config);
        } finally {
            spark.stop();
        }
    }

    /** Runs the job; returns the images in prompt order (also written to {@code out_dir}). */
    public static List<GeneratedImage> run(SparkSession spark, JobConfig resolved) throws IOException {
        SampleJobConfig config = SampleJobConfig.from(resolved);
        PrintStream out = System.out;
        out.println("genmask-sample resolved config:\n" + resolved.render());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        CheckpointModels models = CheckpointModels.load(sc, config.checkpoint(), config.weights(), config.vaeDir(),
                Task.GENERATION);
        DiTConfig dit = models.ditConfig();
        if (dit.text() == null || dit.text().mode() != TextConfig.Mode.TOKENS) {
            throw new IllegalArgumentException("config key 'checkpoint': " + models.checkpointDir() + " is not "
                    + "conditioned on token ids, so texts cannot be sampled with it");
        }
        CaptionSource captions = config.captions().isEmpty() ? null : CaptionSource.open(spark, config.captions());
        RunVocabulary vocabulary = RunVocabulary.resolve(spark, config.vocabulary(),
                models.trainConfig().get("latents"), captions == null ? null : captions.dataset());
        if (vocabulary.vocabulary().size() > dit.text().vocabSize()) {
            throw new IllegalArgumentException("config key 'vocabulary': " + vocabulary.source() + " has "
                    + vocabulary.vocabulary().size() + " ids, more than the checkpoint's text.vocab_size "
                    + dit.text().vocabSize());
        }
        if (captions != null && !captions.dataset().vocabulary().equals(vocabulary.vocabulary())) {
            out.println("genmask-sample warning: the captions' partition has another vocabulary than "
                    + vocabulary.source() + "; its caption texts are tokenized again with the latter");
        }
        TextEncoder encoder = new TextEncoder(vocabulary.vocabulary(), dit.text().maxLength());
        List<SamplePrompt> prompts = captions == null ? SamplePrompt.list(config.prompts(), encoder)
                : captions.prompts(config.count(), encoder);
        warnings(prompts, dit.text().maxLength(), out);
        List<GeneratedImage> images = ImageGenerator.generate(sc, prompts, models, config, out);
        SampleWriter.write(config.outDir(), sc.hadoopConfiguration(), prompts, images, config,
                header(models, config, vocabulary, captions, resolved));
        out.println("genmask-sample wrote " + images.size() + " images, " + SampleWriter.GRID + " and "
                + config.outDir() + "/" + SampleWriter.SAMPLES);
        return images;
    }

    private static void warnings(List<SamplePrompt> prompts, int maxLength, PrintStream out) {
        for (SamplePrompt p : prompts) {
            String which = "genmask-sample warning: prompt " + p.index() + " \"" + p.text() + "\": ";
            if (p.noKnownWord()) {
                out.println(which + "no word is in the vocabulary (" + String.join(", ", p.unknownWords())
                        + "); the model sees only <unk>, sampled anyway");
            } else if (!p.unknownWords().isEmpty()) {
                out.println(which + "unknown words become <unk>: " + String.join(", ", p.unknownWords()));
            }
            if (p.truncated()) {
                out.println(which + "cut to the model's text.max_length of " + maxLength + " words");
            }
        }
    }

    private static ObjectNode header(CheckpointModels models, SampleJobConfig config, RunVocabulary vocabulary,
                                     CaptionSource captions, JobConfig resolved) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("checkpoint", models.checkpointDir()).put("round", models.round()).put("weights", config.weights())
                .put("vae_dir", config.vaeDir()).put("vocabulary", vocabulary.source());
        if (captions != null) {
            captions.describe(h.putObject("captions"));
        }
        h.put("steps", config.steps()).put("cfg_scale", config.cfgScale()).put("seed", config.seed())
                .put("batch_size", config.batchSize())
                .put("noise", "per prompt: GaussianNoise of WorkerSeed(seed, prompt index, 0), [C, H, W] C order");
        ObjectNode c = h.putObject("config");
        resolved.values().forEach(c::put);
        return h;
    }
}
