package org.genmask.data.latents;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genmask.dit.Task;
import org.genmask.dit.TextTokens;

/**
 * A learnable stand-in for a latent dataset, for benchmarks and for testing the training machinery without images:
 * each example's text is a few random words, and its target latent is a fixed smooth pattern chosen by the first
 * word (plus, for segmentation, the sign of the condition latent's mean), so a model that reads the text and the
 * condition can drive the loss well below that of predicting noise alone. Deterministic in the seed.
 */
public final class SyntheticTrainingExamples {

    private SyntheticTrainingExamples() {
    }

    /**
     * @param n         examples, alternating generation and segmentation
     * @param channels  latent channels C
     * @param size      latent side H = W
     * @param length    text length L
     * @param vocabSize vocabulary size (ids from {@link TextTokens#FIRST_WORD})
     */
    public static List<TrainingExample> generate(int n, int channels, int size, int length, int vocabSize,
                                                 long seed) {
        List<TrainingExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + i);
            Task task = i % 2 == 0 ? Task.GENERATION : Task.SEGMENTATION;
            int words = 1 + rng.nextInt(length);
            int[] tokens = new int[length];
            for (int j = 0; j < words; j++) {
                tokens[j] = TextTokens.FIRST_WORD + rng.nextInt(vocabSize - TextTokens.FIRST_WORD);
            }
            float[] cond = null;
            double flip = 1;
            if (task == Task.SEGMENTATION) {
                cond = new float[channels * size * size];
                double mean = 0;
                for (int k = 0; k < cond.length; k++) {
                    cond[k] = (float) (rng.nextDouble() * 2 - 1);
                    mean += cond[k];
                }
                flip = mean >= 0 ? 1 : -1;
            }
            float[] target = pattern(tokens[0], channels, size, flip);
            out.add(new TrainingExample("synthetic-" + i, task, target, cond, tokens, words));
        }
        return out;
    }

    private static float[] pattern(int word, int channels, int size, double sign) {
        float[] p = new float[channels * size * size];
        double fx = 1 + word % 3;
        double fy = 1 + (word / 3) % 3;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = Math.sin(Math.PI * fx * (x + 0.5) / size + c) * Math.cos(Math.PI * fy * (y + 0.5) / size);
                    p[(c * size + y) * size + x] = (float) (sign * v);
                }
            }
        }
        return p;
    }
}
