package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DiT's {@code TimestepEmbedder}: sinusoidal features {@code [cos(t f), sin(t f)]} (cos first) with
 * {@code f_i = exp(-ln(10000) i / 128)}, i = 0..127, computed in float32 as the reference does, then
 * {@code mlp.2(SiLU(mlp.0(.)))}.
 */
public final class TimestepEmbedder {
    private static final int HALF = DiTConfig.FREQUENCY_EMBEDDING_SIZE / 2;

    private final Linear mlp0;
    private final Linear mlp2;

    TimestepEmbedder(StateDict params, String prefix, int dim) {
        this.mlp0 = new Linear(params, prefix + ".mlp.0", DiTConfig.FREQUENCY_EMBEDDING_SIZE, dim,
                StateDict.Init.NORMAL_002, StateDict.Init.ZEROS);
        this.mlp2 = new Linear(params, prefix + ".mlp.2", dim, dim, StateDict.Init.NORMAL_002, StateDict.Init.ZEROS);
    }

    /** The reference frequencies f_0 .. f_127, in float32 arithmetic (shared with the eager training step). */
    public static float[] frequencies() {
        float[] f = new float[HALF];
        float logMax = (float) -Math.log(10000.0);
        for (int i = 0; i < HALF; i++) {
            f[i] = (float) Math.exp(logMax * (float) i / (float) HALF);
        }
        return f;
    }

    /** t: [B] -> sinusoidal features [B, 256]. */
    static SDVariable sinusoidal(String name, SDVariable t) {
        SameDiff sd = t.getSameDiff();
        SDVariable freqs = sd.constant(Nd4j.create(frequencies(), new long[] {1, HALF}, 'c')); // [1, 128]
        SDVariable args = t.reshape(-1, 1).mul(freqs);                                          // [B, 128]
        return sd.concat(name, 1, sd.math().cos(args), sd.math().sin(args));                    // [B, 256]
    }

    /** t: [B] -> [B, D]. */
    SDVariable forward(String name, SDVariable t) {
        SDVariable features = sinusoidal(name + "/freq", t);                                    // [B, 256]
        SDVariable h = mlp0.forward(name + "/mlp0", features);                                 // [B, D]
        return mlp2.forward(name, h.getSameDiff().nn().swish(h));                               // [B, D]
    }
}
