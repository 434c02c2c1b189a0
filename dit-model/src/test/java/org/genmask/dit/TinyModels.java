package org.genmask.dit;

import java.util.Set;
import java.util.SplittableRandom;
import org.genmask.diffusion.GaussianNoise;
import org.genmask.train.FlatParameters;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small GenMask DiTs and inputs for tests. */
public final class TinyModels {
    public static final int TEXT_LENGTH = 6;

    private TinyModels() {
    }

    /** DiT-T/2 on a 4x8x8 latent with a 1-layer text encoder over a 40-word vocabulary. */
    public static DiTConfig config() {
        return DiTConfig.preset("DiT-T/2", 8, 4, 0 + 1).withText(
                new TextConfig(TextConfig.Mode.TOKENS, 40, TEXT_LENGTH, 32, 1, 2, 0));
    }

    public static GenMaskDiT model(Set<Task> tasks, long seed) {
        return GenMaskDiT.create(config(), tasks, seed);
    }

    /** Adds N(0, scale^2) to every trainable parameter, so zero-initialised parts stop hiding the rest. */
    public static void perturb(GenMaskDiT model, double scale, long seed) {
        FlatParameters flat = new FlatParameters(model.stateDict());
        INDArray p = flat.get();
        p.addi(GaussianNoise.sample(new SplittableRandom(seed), p.length()).muli(scale));
        flat.set(p);
    }

    /** Random token ids (real tokens first, then padding) and their mask. */
    public static INDArray[] text(SplittableRandom rng, int batch) {
        int[][] ids = new int[batch][TEXT_LENGTH];
        float[][] mask = new float[batch][TEXT_LENGTH];
        for (int b = 0; b < batch; b++) {
            int len = 1 + rng.nextInt(TEXT_LENGTH);
            for (int i = 0; i < len; i++) {
                ids[b][i] = TextTokens.FIRST_WORD + rng.nextInt(40 - TextTokens.FIRST_WORD);
                mask[b][i] = 1;
            }
        }
        return new INDArray[] {Nd4j.createFromArray(ids), Nd4j.createFromArray(mask)};
    }

    public static INDArray latent(SplittableRandom rng, int batch) {
        return GaussianNoise.sample(rng, batch, 4, 8, 8);
    }
}
