package org.genmask.jobs.train;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmask.diffusion.TimestepSampler;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.Task;
import org.genmask.dit.TextConfig;
import org.genmask.jobs.config.JobConfig;
import org.genmask.kernels.Engine;
import org.genmask.train.AdamWConfig;
import org.genmask.train.TrainConfig;

/**
 * Everything the training job reads from its configuration, validated. Built from a resolved {@link JobConfig}, whose
 * rendered text is what gets stored with every checkpoint.
 */
public record TrainJobConfig(String runDir, String latents, String initFrom, String model, int inputSize,
                             int inChannels,
                             int vocabSize, int textLength, int textWidth, int textDepth, int textHeads,
                             int hiddenSize, int depth, int numHeads, double condAlignBias, boolean rope,
                             int workers, int batchSize, double segmentationShare, int averagingPeriod, int rounds,
                             boolean momentsBfloat16, Engine stepEngine,
                             long seed, boolean sharedReplicaSeed, AdamWConfig optimizer, double emaDecay,
                             String imageSampler, String maskSampler, double conditionDropProb,
                             int checkpointEvery, int keepCheckpoints, String resolvedText)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Keys added after checkpoints were first written, each with the value that an older checkpoint, whose stored
     * config lacks the key, was trained with.
     */
    public static final Map<String, String> BEFORE_KEY_EXISTED = Map.of("cond_align_bias", "0", "hidden_size", "0",
            "depth", "0", "num_heads", "0", "rope", "false");

    /** Every key with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("run_dir", "runs/train");
        d.put("latents", "");
        d.put("init_from", "");
        d.put("model", "DiT-T/2");
        d.put("input_size", "8");
        d.put("in_channels", "4");
        d.put("text.vocab_size", "64");
        d.put("text.max_length", "8");
        d.put("text.width", "64");
        d.put("text.depth", "1");
        d.put("text.heads", "2");
        d.put("hidden_size", "0");
        d.put("depth", "0");
        d.put("num_heads", "0");
        d.put("cond_align_bias", "6");
        d.put("rope", "false");
        d.put("workers", "2");
        d.put("batch_size", "8");
        d.put("segmentation_share", "0.5");
        d.put("averaging_period", "4");
        d.put("rounds", "10");
        d.put("moments_dtype", "bfloat16");
        d.put("step_engine", "auto");
        d.put("seed", "0");
        d.put("replica_seed", "per_worker");
        d.put("optimizer.lr", "3e-4");
        d.put("optimizer.beta1", "0.9");
        d.put("optimizer.beta2", "0.999");
        d.put("optimizer.eps", "1e-8");
        d.put("optimizer.weight_decay", "0");
        d.put("optimizer.warmup_steps", "20");
        d.put("optimizer.grad_clip", "1.0");
        d.put("optimizer.schedule", "constant");
        d.put("optimizer.final_lr_ratio", "0.1");
        d.put("ema_decay", "0.99");
        d.put("sampler.image", "logit_normal(mean=0,std=1)");
        d.put("sampler.mask", "genmask(a=0.05)");
        d.put("condition_drop_prob", "0.1");
        d.put("checkpoint_every", "5");
        d.put("keep_checkpoints", "3");
        return d;
    }

    public static TrainJobConfig from(JobConfig c) {
        String seeding = c.string("replica_seed");
        if (!seeding.equals("per_worker") && !seeding.equals("shared")) {
            throw new IllegalArgumentException("config key 'replica_seed': expected per_worker or shared, got '"
                    + seeding + "'");
        }
        AdamWConfig opt = new AdamWConfig(c.number("optimizer.lr"), c.number("optimizer.beta1"),
                c.number("optimizer.beta2"), c.number("optimizer.eps"), c.number("optimizer.weight_decay"),
                c.integer("optimizer.warmup_steps"), c.number("optimizer.grad_clip"));
        String momentsDtype = c.string("moments_dtype");
        if (!momentsDtype.equals("float32") && !momentsDtype.equals("bfloat16")) {
            throw new IllegalArgumentException("config key 'moments_dtype': expected float32 or bfloat16, got '"
                    + momentsDtype + "'");
        }
        String schedule = c.string("optimizer.schedule");
        if (schedule.equals("cosine")) {
            // the decay ends at the run's last step; continuing a finished run with more rounds stretches it
            long steps = (long) c.integer("rounds") * c.integer("averaging_period");
            if (steps <= opt.warmupSteps()) {
                throw new IllegalArgumentException("config key 'optimizer.schedule': cosine decays over rounds x"
                        + " averaging_period = " + steps + " steps, which must exceed optimizer.warmup_steps = "
                        + opt.warmupSteps() + " (use more rounds, fewer warm-up steps or schedule = constant)");
            }
            opt = opt.withCosineDecay(steps, c.number("optimizer.final_lr_ratio"));
        } else if (!schedule.equals("constant")) {
            throw new IllegalArgumentException("config key 'optimizer.schedule': expected constant or cosine, got '"
                    + schedule + "'");
        }
        TrainJobConfig t = new TrainJobConfig(c.string("run_dir"), c.string("latents"), c.string("init_from"),
                c.string("model"),
                c.integer("input_size"), c.integer("in_channels"), c.integer("text.vocab_size"),
                c.integer("text.max_length"), c.integer("text.width"), c.integer("text.depth"),
                c.integer("text.heads"), c.integer("hidden_size"), c.integer("depth"),
                c.integer("num_heads"), c.number("cond_align_bias"),
                c.bool("rope"), c.integer("workers"), c.integer("batch_size"),
                c.number("segmentation_share"), c.integer("averaging_period"), c.integer("rounds"),
                momentsDtype.equals("bfloat16"), Engine.parse("config key 'step_engine'", c.string("step_engine")),
                c.longValue("seed"), seeding.equals("shared"), opt,
                c.number("ema_decay"), c.string("sampler.image"),
                c.string("sampler.mask"), c.number("condition_drop_prob"), c.integer("checkpoint_every"),
                c.integer("keep_checkpoints"), c.render());
        t.ditConfig();   // validates the model keys now, with their messages
        t.trainConfig(); // validates the sampler specs now
        return t;
    }

    public TrainJobConfig {
        presetOverride("hidden_size", hiddenSize);
        presetOverride("depth", depth);
        presetOverride("num_heads", numHeads);
        positive("workers", workers);
        positive("batch_size", batchSize);
        positive("averaging_period", averagingPeriod);
        positive("rounds", rounds);
        positive("checkpoint_every", checkpointEvery);
        positive("keep_checkpoints", keepCheckpoints);
        if (segmentationShare < 0 || segmentationShare > 1) {
            throw new IllegalArgumentException("config key 'segmentation_share': expected a value in [0, 1], got "
                    + segmentationShare);
        }
        if (emaDecay < 0 || emaDecay >= 1) {
            throw new IllegalArgumentException("config key 'ema_decay': expected a value in [0, 1), got " + emaDecay);
        }
        int seg = segmentationBatch(batchSize, segmentationShare);
        if ((segmentationShare > 0 && seg == 0) || (segmentationShare < 1 && seg == batchSize)) {
            throw new IllegalArgumentException("config key 'batch_size': " + batchSize + " cannot hold both tasks at"
                    + " segmentation_share " + segmentationShare);
        }
    }

    private static void presetOverride(String key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("config key '" + key + "': expected 0 (the model preset's) or a"
                    + " positive integer, got " + value);
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("config key '" + key + "': expected a positive integer, got " + value);
        }
    }

    private static int segmentationBatch(int batch, double share) {
        return (int) Math.round(batch * share);
    }

    /** Examples per worker step for a task. */
    public int batchOf(Task task) {
        int seg = segmentationBatch(batchSize, segmentationShare);
        return task == Task.SEGMENTATION ? seg : batchSize - seg;
    }

    public DiTConfig ditConfig() {
        DiTConfig preset = DiTConfig.preset(model, inputSize, inChannels, 1);
        if (hiddenSize > 0 || depth > 0 || numHeads > 0) {
            preset = preset.withSize(hiddenSize > 0 ? hiddenSize : preset.hiddenSize(),
                    depth > 0 ? depth : preset.depth(), numHeads > 0 ? numHeads : preset.numHeads());
        }
        return preset.withText(
                new TextConfig(TextConfig.Mode.TOKENS, vocabSize, textLength, textWidth, textDepth, textHeads, 0))
                .withCondAlignBias(condAlignBias).withRope(rope);
    }

    public TrainConfig trainConfig() {
        Map<Task, TimestepSampler> samplers = new LinkedHashMap<>();
        samplers.put(Task.GENERATION, TimestepSampler.parse(imageSampler));
        samplers.put(Task.SEGMENTATION, TimestepSampler.parse(maskSampler));
        return new TrainConfig(samplers, conditionDropProb, optimizer, 10, stepEngine);
    }
}
