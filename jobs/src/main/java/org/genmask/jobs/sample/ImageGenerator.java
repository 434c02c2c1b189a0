package org.genmask.jobs.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.genmask.data.image.PngWriter;
import org.genmask.data.jobs.ProgressReporter;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.DiTInputs;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.jobs.eval.CheckpointModels;
import org.genmask.sample.EulerSampler;
import org.genmask.sample.VelocityModel;
import org.genmask.vae.AutoencoderKL;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Text -> image on the executors. The driver cuts the prompts into batches of {@code batch_size} by index
 * <em>before</em> distributing them, so every batch holds the same prompts however many partitions run it; each
 * task builds one generation model and runs its batches: noise per prompt ({@link PromptNoise}), multi-step Euler
 * with classifier-free guidance ({@link EulerSampler}; the null condition is the {@code [NULL]} text), VAE decode,
 * PNG. Output therefore does not depend on the partitioning, bit for bit.
 */
final class ImageGenerator {
    private final DiTConfig config;
    private final AutoencoderKL vae;
    private final EulerSampler sampler;
    private final long seed;

    private ImageGenerator(CheckpointModels models, SampleJobConfig settings) throws IOException {
        GenMaskDiT dit = models.model(Task.GENERATION);
        this.config = dit.config();
        this.vae = models.vae();
        if (vae.config().latentChannels() != config.inChannels()) {
            throw new IllegalArgumentException("config key 'vae_dir': the VAE has " + vae.config().latentChannels()
                    + " latent channels but the checkpoint's in_channels is " + config.inChannels());
        }
        this.sampler = new EulerSampler(VelocityModel.of(dit, Task.GENERATION), config, settings.steps(),
                settings.cfgScale());
        this.seed = settings.seed();
    }

    /** Generates every prompt's image, distributed over Spark tasks; returned in prompt order. */
    static List<GeneratedImage> generate(JavaSparkContext sc, List<SamplePrompt> prompts, CheckpointModels models,
                                         SampleJobConfig settings, PrintStream out) {
        List<List<SamplePrompt>> batches = new ArrayList<>();
        for (int from = 0; from < prompts.size(); from += settings.batchSize()) {
            batches.add(new ArrayList<>(prompts.subList(from, Math.min(prompts.size(), from + settings.batchSize()))));
        }
        int wanted = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
        int slices = Math.max(1, Math.min(batches.size(), wanted));
        out.printf("genmask-sample: %d prompts in %d batches on %d tasks, %d Euler steps, cfg_scale %s%n",
                prompts.size(), batches.size(), slices, settings.steps(), settings.cfgScale());
        List<GeneratedImage> images;
        try (ProgressReporter progress = new ProgressReporter(sc.sc(), "genmask-sample", "images", prompts.size(), 0,
                settings.progressIntervalS(), out)) {
            LongAccumulator done = progress.counter();
            images = new ArrayList<>(sc.parallelize(batches, slices)
                    .mapPartitions(it -> run(it, models, settings, done)).collect());
        }
        images.sort(Comparator.comparingInt(GeneratedImage::index));
        if (images.size() != prompts.size()) {
            throw new IllegalStateException("generated " + images.size() + " images for " + prompts.size()
                    + " prompts");
        }
        return images;
    }

    private static Iterator<GeneratedImage> run(Iterator<List<SamplePrompt>> batches, CheckpointModels models,
                                                SampleJobConfig settings, LongAccumulator done) throws IOException {
        if (!batches.hasNext()) {
            return Collections.emptyIterator();
        }
        ImageGenerator g = new ImageGenerator(models, settings);
        List<GeneratedImage> out = new ArrayList<>();
        while (batches.hasNext()) {
            List<SamplePrompt> batch = batches.next();
            out.addAll(g.generate(batch));
            done.add(batch.size());
        }
        return out.iterator();
    }

    private List<GeneratedImage> generate(List<SamplePrompt> batch) {
        int b = batch.size();
        int c = config.inChannels();
        int h = config.inputSize();
        int length = config.text().maxLength();
        int size = c * h * h;
        float[] noise = new float[b * size];
        int[][] ids = new int[b][];
        float[][] mask = new float[b][];
        for (int i = 0; i < b; i++) {
            SamplePrompt p = batch.get(i);
            if (p.ids().length != length) {
                throw new IllegalArgumentException("prompt " + p.index() + " has " + p.ids().length + " token ids, "
                        + "the model's text.max_length is " + length);
            }
            System.arraycopy(PromptNoise.of(seed, p.index(), size), 0, noise, i * size, size);
            ids[i] = p.ids();
            mask[i] = p.mask();
        }
        INDArray eps = Nd4j.create(noise, new long[] {b, c, h, h}, 'c');                     // [B, C, H, W]
        DiTInputs condition = DiTInputs.generation(eps, Nd4j.zeros(DataType.FLOAT, b),
                Nd4j.createFromArray(ids), Nd4j.createFromArray(mask));                      // text [B, L], mask [B, L]
        INDArray latents = sampler.sample(eps, condition);                                   // [B, C, H, W] at s = 0
        INDArray rgb = vae.decode(latents);                                                  // [B, 3, R, R]
        int height = (int) rgb.size(2);
        int width = (int) rgb.size(3);
        List<GeneratedImage> out = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            float[] chw = rgb.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                    .castTo(DataType.FLOAT).dup('c').data().asFloat();                       // [3, R, R]
            out.add(new GeneratedImage(batch.get(i).index(), width, height, PngWriter.rgb(width, height, chw)));
        }
        return out;
    }
}
