package org.genmask.train;

import java.util.EnumMap;
import java.util.Map;
import org.genmask.diffusion.GenMaskTimestepSampler;
import org.genmask.diffusion.LogitNormalTimestepSampler;
import org.genmask.diffusion.TimestepSampler;
import org.genmask.dit.Task;
import org.genmask.kernels.Engine;

/**
 * What one training step needs beyond the model.
 *
 * @param samplers          the timestep distribution of each task
 * @param conditionDropProb classifier-free-guidance dropout of the condition, for image generation only
 * @param optimizer         AdamW settings
 * @param buckets           timestep buckets for per-bucket loss reporting
 * @param engine            what computes the loss and gradients ({@link Engine#AUTO} picks per model and backend)
 */
public record TrainConfig(Map<Task, TimestepSampler> samplers, double conditionDropProb, AdamWConfig optimizer,
                          int buckets, Engine engine) {

    public TrainConfig {
        samplers = Map.copyOf(samplers);
        if (engine == null) {
            throw new IllegalArgumentException("step_engine must be set");
        }
        if (conditionDropProb < 0 || conditionDropProb >= 1) {
            throw new IllegalArgumentException("condition_drop_prob must be in [0, 1), got " + conditionDropProb);
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
        }
    }

    /** GenMask's choice: logit-normal(0, 1) for images, the heavy tail with a = 0.05 for masks, 10% CFG dropout. */
    public static TrainConfig genMaskDefaults() {
        Map<Task, TimestepSampler> samplers = new EnumMap<>(Task.class);
        samplers.put(Task.GENERATION, LogitNormalTimestepSampler.DEFAULT);
        samplers.put(Task.SEGMENTATION, GenMaskTimestepSampler.DEFAULT);
        return new TrainConfig(samplers, 0.1, AdamWConfig.defaults(), 10, Engine.AUTO);
    }

    public TrainConfig withOptimizer(AdamWConfig value) {
        return new TrainConfig(samplers, conditionDropProb, value, buckets, engine);
    }

    public TrainConfig withEngine(Engine value) {
        return new TrainConfig(samplers, conditionDropProb, optimizer, buckets, value);
    }

    public TimestepSampler sampler(Task task) {
        TimestepSampler s = samplers.get(task);
        if (s == null) {
            throw new IllegalArgumentException("no timestep sampler configured for " + task);
        }
        return s;
    }
}
