package org.genmask.jobs.sample;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmask.jobs.config.JobConfig;

/**
 * Everything the sampling job reads from its configuration, validated when built (one-line errors naming the key).
 *
 * @param checkpoint        a {@code ckpt-NNNNNN} directory or a run directory (its newest complete checkpoint)
 * @param weights           {@code ema} (default) or {@code model}
 * @param vaeDir            diffusers AutoencoderKL directory, the same local path on every executor
 * @param prompts           {@code |}-separated texts; exclusive with {@code captions}
 * @param captions          a latent partition whose captions are the prompts,
 *                          {@code PATH[?split=val&key=ID]} (split default {@code val})
 * @param count             how many captions (the first by image id, then caption index)
 * @param vocabulary        empty: the vocabulary of the run's training partition (else of {@code captions}); or a
 *                          latent partition, or a {@code vocabulary.json} file
 * @param steps             Euler steps from s = 1 to s = 0
 * @param cfgScale          classifier-free guidance scale w (1 = conditional only, no guidance)
 * @param seed              with the prompt's index, seeds its noise
 * @param batchSize         prompts per model call; batches are cut by prompt index, before partitioning
 * @param partitions        Spark tasks (0 = the default parallelism), at most one per batch
 * @param outDir            where the PNGs, grid.png and samples.json go (any Hadoop file system)
 * @param progressIntervalS seconds between progress lines
 */
public record SampleJobConfig(String checkpoint, String weights, String vaeDir, String prompts, String captions,
                              int count, String vocabulary, int steps, double cfgScale, long seed, int batchSize,
                              int partitions, String outDir, double progressIntervalS) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates every field; the message names the config key. */
    public SampleJobConfig {
        if (checkpoint.isBlank()) {
            throw bad("checkpoint", "a run directory or a ckpt-NNNNNN directory", checkpoint);
        }
        if (!weights.equals("ema") && !weights.equals("model")) {
            throw bad("weights", "ema or model", weights);
        }
        if (vaeDir.isBlank()) {
            throw new IllegalArgumentException("config key 'vae_dir' is empty: name a diffusers AutoencoderKL "
                    + "directory (config.json + diffusion_pytorch_model.safetensors)");
        }
        if (prompts.isBlank() == captions.isBlank()) {
            throw new IllegalArgumentException("config key 'prompts': " + (prompts.isBlank()
                    ? "no prompts; set prompts=TEXT|TEXT... or captions=<latent partition>?split=val"
                    : "prompts and captions are both set; use one"));
        }
        if (count < 1) {
            throw bad("count", "a positive integer", count);
        }
        if (steps < 1) {
            throw bad("steps", "a positive integer", steps);
        }
        if (!(cfgScale >= 0) || !Double.isFinite(cfgScale)) {
            throw bad("cfg_scale", "a finite number >= 0 (1 = no guidance)", cfgScale);
        }
        if (batchSize < 1) {
            throw bad("batch_size", "a positive integer", batchSize);
        }
        if (partitions < 0) {
            throw bad("partitions", "an integer >= 0 (0 = default parallelism)", partitions);
        }
        if (outDir.isBlank()) {
            throw bad("out_dir", "a directory", outDir);
        }
        if (!(progressIntervalS > 0)) {
            throw bad("progress_interval_s", "a number > 0", progressIntervalS);
        }
    }

    private static IllegalArgumentException bad(String key, String expected, Object got) {
        return new IllegalArgumentException("config key '" + key + "': expected " + expected + ", got '" + got + "'");
    }

    /** Every key with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("checkpoint", "runs/train");
        d.put("weights", "ema");
        d.put("vae_dir", "");
        d.put("prompts", "");
        d.put("captions", "");
        d.put("count", "16");
        d.put("vocabulary", "");
        d.put("steps", "20");
        d.put("cfg_scale", "4.0");
        d.put("seed", "0");
        d.put("batch_size", "8");
        d.put("partitions", "0");
        d.put("out_dir", "runs/samples");
        d.put("progress_interval_s", "10");
        return d;
    }

    /** The typed, validated config. */
    public static SampleJobConfig from(JobConfig c) {
        return new SampleJobConfig(c.string("checkpoint").strip(), c.string("weights").strip(),
                c.string("vae_dir").strip(), c.string("prompts"), c.string("captions").strip(), c.integer("count"),
                c.string("vocabulary").strip(), c.integer("steps"), c.number("cfg_scale"), c.longValue("seed"),
                c.integer("batch_size"), c.integer("partitions"), c.string("out_dir").strip(),
                c.number("progress_interval_s"));
    }
}
