package org.genmask.jobs.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genmask.dit.TextTokens;

/**
 * Random evaluation examples for checking the evaluation's plumbing without a dataset: uniform image latents in
 * [-1, 1], random token ids, and a random axis-aligned rectangle as ground truth at a given original size. Nothing
 * relates the mask to the inputs, so the numbers measure nothing about a model. Deterministic in the seed.
 */
public final class SyntheticEvaluationExamples {

    private SyntheticEvaluationExamples() {
    }

    /**
     * @param n          examples, ids {@code synthetic-eval-00000} ...
     * @param channels   latent channels C
     * @param latentSide latent side h = w
     * @param textLength L
     * @param vocabSize  ids from {@link TextTokens#FIRST_WORD} to vocabSize - 1
     * @param maskWidth  W of the ground truth
     * @param maskHeight H of the ground truth
     */
    public static List<EvaluationExample> generate(int n, int channels, int latentSide, int textLength, int vocabSize,
                                                   int maskWidth, int maskHeight, long seed) {
        List<EvaluationExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + i);
            float[] latent = new float[channels * latentSide * latentSide];
            for (int k = 0; k < latent.length; k++) {
                latent[k] = (float) (rng.nextDouble() * 2 - 1);
            }
            int words = 1 + rng.nextInt(textLength);
            int[] tokens = new int[textLength];
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < words; j++) {
                tokens[j] = TextTokens.FIRST_WORD + rng.nextInt(vocabSize - TextTokens.FIRST_WORD);
                text.append(j == 0 ? "" : " ").append("w").append(tokens[j]);
            }
            int x0 = rng.nextInt(maskWidth);
            int y0 = rng.nextInt(maskHeight);
            int x1 = x0 + 1 + rng.nextInt(maskWidth - x0);
            int y1 = y0 + 1 + rng.nextInt(maskHeight - y0);
            boolean[] bits = new boolean[maskWidth * maskHeight];
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    bits[y * maskWidth + x] = true;
                }
            }
            out.add(new EvaluationExample(String.format("synthetic-eval-%05d", i), latent, tokens, words,
                    text.toString(), PixelMask.wrap(maskWidth, maskHeight, bits)));
        }
        return out;
    }
}
