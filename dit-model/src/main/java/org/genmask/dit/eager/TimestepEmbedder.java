package org.genmask.dit.eager;

import org.genmask.dit.DiTConfig;
import org.genmask.kernels.Activations;
import org.genmask.kernels.Floats;

/**
 * DiT's {@code TimestepEmbedder}: sinusoidal features {@code [cos(t f), sin(t f)]} of t = s * timestep_scale, then
 * {@code mlp.2(SiLU(mlp.0(.)))}. The timesteps are inputs, so the backward pass yields only weight gradients.
 */
final class TimestepEmbedder {
    private static final int FEATURES = DiTConfig.FREQUENCY_EMBEDDING_SIZE;

    private final float[] frequencies;
    private final Linear mlp0;
    private final Linear mlp2;
    private Floats features;   // [G, 256]
    private Floats hidden;     // [G, D] mlp.0 output
    private Floats activated;  // [G, D] silu(hidden)
    private Floats dHidden;    // [G, D]
    private int groups;

    TimestepEmbedder(ParameterLayout layout, String prefix, int dim, float[] frequencies) {
        this.frequencies = frequencies.clone();
        this.mlp0 = new Linear(layout, prefix + ".mlp.0", FEATURES, dim);
        this.mlp2 = new Linear(layout, prefix + ".mlp.2", dim, dim);
    }

    /** out[G, D] from the blocks' times s[G] (times {@code scale}, in float32 as the graph computes it). */
    void forward(float[] s, int groups, float scale, Floats out) {
        this.groups = groups;
        int half = frequencies.length;
        features = Floats.atLeast(features, groups * FEATURES);
        hidden = Floats.atLeast(hidden, groups * mlp0.out);
        activated = Floats.atLeast(activated, groups * mlp0.out);
        dHidden = Floats.atLeast(dHidden, groups * mlp0.out);
        for (int g = 0; g < groups; g++) {
            float t = s[g] * scale;
            for (int i = 0; i < half; i++) {
                float arg = t * frequencies[i];
                features.set(g * FEATURES + i, (float) Math.cos(arg));
                features.set(g * FEATURES + half + i, (float) Math.sin(arg));
            }
        }
        mlp0.forward(features, groups, hidden);                              // [G, D]
        Activations.silu(hidden, activated, groups * mlp0.out);              // [G, D]
        mlp2.forward(activated, groups, out);                                // [G, D]
    }

    /** From dL/d(out) [G, D]: adds the weight gradients. */
    void backward(Floats dOut) {
        mlp2.backward(dOut, activated, groups, dHidden, false);             // [G, D]
        Activations.siluBackward(hidden, dHidden, dHidden, groups * mlp0.out);
        mlp0.backward(dHidden, features, groups, null, false);
    }
}
