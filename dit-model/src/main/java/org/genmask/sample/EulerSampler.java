package org.genmask.sample;

import org.genmask.diffusion.ClassifierFreeGuidance;
import org.genmask.diffusion.FlowMatching;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.DiTInputs;
import org.genmask.dit.NullCondition;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-step Euler integration of the flow from s = 1 (noise) to s = 0 (data) on a uniform grid, with
 * classifier-free guidance {@code u = u_null + w (u_cond - u_null)} when {@code w != 1}. Used for image generation,
 * and for k-step mask prediction in comparisons.
 */
public final class EulerSampler {
    private final VelocityModel model;
    private final DiTConfig config;
    private final int steps;
    private final ClassifierFreeGuidance guidance;

    /** @param guidanceScale w; 1 disables guidance (one model call per step), w > 1 costs two */
    public EulerSampler(VelocityModel model, DiTConfig config, int steps, double guidanceScale) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.model = model;
        this.config = config;
        this.steps = steps;
        this.guidance = new ClassifierFreeGuidance(guidanceScale);
    }

    /**
     * @param noise     [B, C, H, W] standard-normal noise, the state at s = 1
     * @param condition the conditions (label or text, and cond for segmentation); its x and s are ignored
     * @return [B, C, H, W] the sample at s = 0
     */
    public INDArray sample(INDArray noise, DiTInputs condition) {
        double[] times = FlowMatching.eulerTimes(steps);                          // 1 = t_0 > ... > t_k = 0
        boolean guided = guidance.w() != 1.0;
        DiTInputs nullCondition = guided ? NullCondition.all(condition, config) : null;
        INDArray x = noise.dup();
        long b = noise.size(0);
        for (int i = 0; i < steps; i++) {
            INDArray s = Nd4j.valueArrayOf(new long[] {b}, times[i]);             // [B]
            INDArray u = model.velocity(with(condition, x, s));                    // [B, C, H, W]
            if (guided) {
                u = guidance.apply(model.velocity(with(nullCondition, x, s)), u);
            }
            x = FlowMatching.eulerStep(x, times[i], times[i + 1], u);
        }
        return x;
    }

    private static DiTInputs with(DiTInputs c, INDArray x, INDArray s) {
        return new DiTInputs(x, s.castTo(x.dataType()), c.label(), c.text(), c.textMask(), c.cond());
    }
}
