package org.genmask.jobs.eval;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.StateDict;
import org.genmask.dit.Task;
import org.genmask.dit.TextConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.AutoencoderKLConfig;
import org.genmask.vae.VaeInitializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A randomly initialised DiT-T/2 (8x8x4 latents, 8 text tokens) and a tiny VAE (2 levels: 16x16 images), for
 * plumbing tests. The zero-initialised final and adaLN layers get small random weights so that the prediction
 * depends on noise, image and text ({@link #perturbZeroWeights}, also used by the sampling tests).
 */
public final class TinyModels implements EvaluationModels {
    private static final long serialVersionUID = 1L;
    static final int LATENT_SIDE = 8;
    static final int CHANNELS = 4;
    static final int TEXT_LENGTH = 8;
    static final int VOCAB = 64;
    static final int IMAGE_SIDE = 16;
    private static AutoencoderKL vae;

    static DiTConfig ditConfig() {
        return DiTConfig.preset("DiT-T/2", LATENT_SIDE, CHANNELS, 1)
                .withText(new TextConfig(TextConfig.Mode.TOKENS, VOCAB, TEXT_LENGTH, 64, 1, 2, 0));
    }

    public static AutoencoderKLConfig vaeConfig() {
        return new AutoencoderKLConfig(3, 3, List.of(AutoencoderKLConfig.DOWN_BLOCK, AutoencoderKLConfig.DOWN_BLOCK),
                List.of(AutoencoderKLConfig.UP_BLOCK, AutoencoderKLConfig.UP_BLOCK), List.of(8, 16), 1, "silu",
                CHANNELS, 4, IMAGE_SIDE, 0.5, 0.0, true, true);
    }

    @Override
    public GenMaskDiT segmentationModel() {
        GenMaskDiT model = GenMaskDiT.create(ditConfig(), EnumSet.of(Task.SEGMENTATION), 11);
        perturbZeroWeights(model.stateDict(), 5);
        return model;
    }

    /** Gives every all-zero trainable tensor N(0, 0.05^2) values, so that no layer starts as a constant zero. */
    public static void perturbZeroWeights(StateDict params, long seed) {
        Random rng = new Random(seed);
        for (String name : params.trainableNames()) {
            if (params.array(name).sumNumber().doubleValue() == 0 && params.array(name).amaxNumber().doubleValue() == 0) {
                long n = params.array(name).length();
                float[] w = new float[(int) n];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (0.05 * rng.nextGaussian());
                }
                params.array(name).assign(Nd4j.create(w, params.shape(name), 'c'));
            }
        }
    }

    @Override
    public AutoencoderKL vae() {
        synchronized (TinyModels.class) {
            if (vae == null) {
                vae = AutoencoderKL.create(vaeConfig(), VaeInitializer.random(vaeConfig(), 3));
            }
            return vae;
        }
    }
}
