package org.genmask.jobs.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.RelativePath;
import org.genmask.data.image.PngWriter;
import org.genmask.data.jobs.PrecomputeConfig;
import org.genmask.data.jobs.PrecomputeLatentsJob;
import org.genmask.data.manifest.DatasetImage;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.ManifestWriter;
import org.genmask.data.manifest.Split;
import org.genmask.dit.DiTWeights;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.eval.TinyModels;
import org.genmask.jobs.train.TrainJob;
import org.genmask.jobs.train.TrainJobConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;

/**
 * A tiny training run to sample from, built the way a user builds one: a tiny random VAE (16x16 images, 8x8x4
 * latents), a 6-image dataset (4 train, 2 val) precomputed into a latent partition, one training round of DiT-T/2
 * on it (so {@code state.json} names the partition, whose vocabulary the prompts use). The round's EMA weights are
 * then replaced by random ones with no all-zero layer ({@link TinyModels#perturbZeroWeights}): a freshly trained
 * DiT's zero-initialised output layers keep its velocity near zero, which would hide what guidance does.
 */
final class TinyRun {
    static final String[] TRAIN_CAPTIONS = {"a red square", "a blue circle", "a green square", "a white circle"};
    static final String[] VAL_CAPTIONS = {"a blue square", "a red circle"};

    final Path vae;
    final String partition;
    final Path run;

    private TinyRun(Path vae, String partition, Path run) {
        this.vae = vae;
        this.partition = partition;
        this.run = run;
    }

    static TinyRun create(SparkSession spark, Path dir) throws Exception {
        Path vae = dir.resolve("vae");
        VaeTrainer.save(AutoencoderKL.create(TinyModels.vaeConfig(), VaeInitializer.random(TinyModels.vaeConfig(), 3)),
                vae);
        Path data = dir.resolve("shapes");
        Files.createDirectories(data.resolve("images"));
        Files.createDirectories(data.resolve("masks"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < TRAIN_CAPTIONS.length + VAL_CAPTIONS.length; i++) {
            boolean train = i < TRAIN_CAPTIONS.length;
            float[] chw = new float[3 * 16 * 16];
            boolean[] bits = new boolean[16 * 16];
            for (int p = 0; p < 256; p++) {
                bits[p] = (p % 16 < 8) == (i % 2 == 0);
                chw[(i % 3) * 256 + p] = bits[p] ? 0.8f : -0.8f;
            }
            Files.write(data.resolve("images/" + i + ".png"), PngWriter.rgb(16, 16, chw));
            Files.write(data.resolve("masks/" + i + ".png"), PngWriter.mask(16, 16, bits));
            String id = (train ? "t" : "v") + i;
            String caption = train ? TRAIN_CAPTIONS[i] : VAL_CAPTIONS[i - TRAIN_CAPTIONS.length];
            lines.add(ManifestWriter.line(new DatasetImage(id, new RelativePath("images/" + i + ".png"),
                    train ? Split.TRAIN : Split.VAL, List.of(caption), List.of(new DatasetObject(id + "_0",
                    new RelativePath("masks/" + i + ".png"), List.of("the " + (i % 2 == 0 ? "left" : "right")
                    + " half"))))));
        }
        Files.writeString(data.resolve("manifest.jsonl"), String.join("\n", lines) + "\n");
        String partition = PrecomputeLatentsJob.run(spark, JobConfig.of(PrecomputeConfig.defaults(), Map.of(
                "dataset", data.toString(), "output", dir.resolve("latents").toString(), "vae", vae.toString(),
                "resolution", "16", "partitions", "2"))).partition().path();
        Path run = dir.resolve("run");
        JobConfig train = JobConfig.of(TrainJobConfig.defaults(), Map.of("run_dir", run.toString(), "latents",
                partition + "?flips=false", "workers", "1", "batch_size", "2", "rounds", "1", "averaging_period", "1",
                "checkpoint_every", "1"));
        TrainJob.run(spark, train);
        GenMaskDiT model = GenMaskDiT.create(TrainJobConfig.from(train).ditConfig(), EnumSet.allOf(Task.class), 7);
        TinyModels.perturbZeroWeights(model.stateDict(), 9);
        DiTWeights.save(model, run.resolve("ckpt-000001").resolve("ema.safetensors"), Map.of("format", "pt"));
        return new TinyRun(vae, partition, run);
    }
}
