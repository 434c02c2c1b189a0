package org.genmask.jobs.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.genmask.jobs.config.JobConfig;

/**
 * Everything the evaluation job reads from its configuration.
 *
 * @param checkpoint a {@code ckpt-NNNNNN} directory or a run directory (newest complete checkpoint)
 * @param weights    {@code ema} (default) or {@code model}
 * @param vaeDir     diffusers AutoencoderKL directory, the same local path on every executor
 * @param examples   the evaluation examples: {@code synthetic:N} (plumbing check: random latents and masks)
 * @param split      the split to evaluate (recorded; used by dataset sources)
 * @param outDir     where metrics.json, samples.json and samples/ go (any Hadoop file system)
 * @param partitions partitions of a synthetic source
 */
public record EvaluateJobConfig(String checkpoint, String weights, String vaeDir, String examples, String split,
                                String outDir, int partitions, EvaluationSettings settings) {

    /** Every key with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("checkpoint", "runs/train");
        d.put("weights", "ema");
        d.put("vae_dir", "");
        d.put("examples", "");
        d.put("split", "test");
        d.put("out_dir", "runs/eval");
        d.put("partitions", "2");
        d.put("seed", "0");
        d.put("batch_size", "8");
        d.put("euler_steps", "0");
        d.put("samples", "16");
        return d;
    }

    public static EvaluateJobConfig from(JobConfig c) {
        int partitions = c.integer("partitions");
        if (partitions < 1) {
            throw new IllegalArgumentException("config key 'partitions': expected a positive integer, got "
                    + partitions);
        }
        return new EvaluateJobConfig(c.string("checkpoint"), c.string("weights"), c.string("vae_dir"),
                c.string("examples"), c.string("split"), c.string("out_dir"), partitions,
                new EvaluationSettings(c.longValue("seed"), c.integer("batch_size"), c.integer("euler_steps"),
                        c.integer("samples")));
    }
}
