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
 * @param examples   the evaluation examples as written: {@code synthetic:N} (plumbing check: random latents and
 *                   masks) or {@code latents:PATH[?split=test&key=ID]} (a split of a latent partition)
 * @param source     {@code examples} (with config key {@code split}) parsed, see {@link EvaluationSource}
 * @param dataset    the dataset root holding the ground-truth masks of a latent partition (any Hadoop path; the
 *                   root the partition was computed from); empty for {@code synthetic:N}
 * @param vocabulary the vocabulary the checkpoint's token ids mean ({@link RunVocabulary}): empty (default) for the
 *                   run's training partition; a partition or a {@code vocabulary.json}. Expressions of a partition
 *                   with another vocabulary are tokenized again with it
 * @param outDir     where metrics.json, samples.json and samples/ go (any Hadoop file system)
 * @param partitions Spark partitions of the examples; 0 = Spark's default parallelism
 */
public record EvaluateJobConfig(String checkpoint, String weights, String vaeDir, String examples,
                                EvaluationSource source, String dataset, String vocabulary, String outDir,
                                int partitions, EvaluationSettings settings) {

    /** Every key with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("checkpoint", "runs/train");
        d.put("weights", "ema");
        d.put("vae_dir", "");
        d.put("examples", "");
        d.put("split", "test");
        d.put("dataset", "");
        d.put("vocabulary", "");
        d.put("out_dir", "runs/eval");
        d.put("partitions", "0");
        d.put("seed", "0");
        d.put("batch_size", "8");
        d.put("euler_steps", "0");
        d.put("samples", "16");
        return d;
    }

    /**
     * Reads and checks the keys.
     *
     * @throws IllegalArgumentException a one-line message naming the key
     */
    public static EvaluateJobConfig from(JobConfig c) {
        int partitions = c.integer("partitions");
        if (partitions < 0) {
            throw new IllegalArgumentException("config key 'partitions': expected 0 (Spark's default parallelism) or"
                    + " a positive integer, got " + partitions);
        }
        EvaluationSource source = EvaluationSource.parse(c.string("examples"), c.string("split"),
                !"default".equals(c.source("split")));
        String dataset = c.string("dataset").strip();
        if (source.isSynthetic() && !dataset.isEmpty()) {
            throw new IllegalArgumentException("config key 'dataset': only read with examples=latents:..., but "
                    + "examples is " + c.string("examples") + " (leave dataset empty)");
        }
        if (!source.isSynthetic() && dataset.isEmpty()) {
            throw new IllegalArgumentException("config key 'dataset': empty; examples=latents:... needs the dataset "
                    + "root its partition was computed from (the ground-truth masks are read there)");
        }
        return new EvaluateJobConfig(c.string("checkpoint"), c.string("weights"), c.string("vae_dir"),
                c.string("examples"), source, dataset, c.string("vocabulary").strip(), c.string("out_dir"), partitions,
                new EvaluationSettings(c.longValue("seed"), c.integer("batch_size"), c.integer("euler_steps"),
                        c.integer("samples")));
    }
}
