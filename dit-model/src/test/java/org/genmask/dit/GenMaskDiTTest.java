package org.genmask.dit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;
import org.genmask.golden.Golden;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The GenMask extension: zero output at init, per-token timestep conditioning, condition tokens, text. */
class GenMaskDiTTest {
    private static final EnumSet<Task> BOTH = EnumSet.allOf(Task.class);

    private static DiTInputs seg(SplittableRandom rng, int b, float s) {
        INDArray[] text = TinyModels.text(rng, b);
        return DiTInputs.segmentation(TinyModels.latent(rng, b), Nd4j.valueArrayOf(new long[] {b}, s),
                TinyModels.latent(rng, b), text[0], text[1]);
    }

    private static DiTInputs gen(SplittableRandom rng, int b, float s) {
        INDArray[] text = TinyModels.text(rng, b);
        return DiTInputs.generation(TinyModels.latent(rng, b), Nd4j.valueArrayOf(new long[] {b}, s), text[0],
                text[1]);
    }

    private static double maxAbs(INDArray a) {
        return a.amaxNumber().doubleValue();
    }

    @Test
    void outputIsExactlyZeroAtInitialisation() {
        GenMaskDiT model = TinyModels.model(BOTH, 1);
        SplittableRandom rng = new SplittableRandom(2);
        assertEquals(0.0, maxAbs(model.predict(Task.GENERATION, gen(rng, 3, 0.4f))));
        INDArray out = model.predict(Task.SEGMENTATION, seg(rng, 3, 0.9f));
        assertArrayEquals(new long[] {3, 4, 8, 8}, out.shape());
        assertEquals(0.0, maxAbs(out));
    }

    @Test
    void conditionTokensAreModulatedAtTimestepZeroComputedOncePerSample() {
        GenMaskDiT model = TinyModels.model(BOTH, 1);
        TinyModels.perturb(model, 0.05, 3);
        DiTInputs in = seg(new SplittableRandom(4), 2, 0.7f);
        Map<String, INDArray> out = model.outputs(Task.SEGMENTATION, in, "blocks.0/adaLN/per_group",
                "blocks.0/adaLN/per_token", "t_emb", "t_emb_clean");
        INDArray perGroup = out.get("blocks.0/adaLN/per_group");   // [B, 2, 6D]
        INDArray perToken = out.get("blocks.0/adaLN/per_token");   // [B, 2T, 6D]
        assertArrayEquals(new long[] {2, 2, 6 * 64}, perGroup.shape());
        assertArrayEquals(new long[] {2, 32, 6 * 64}, perToken.shape());
        for (int b = 0; b < 2; b++) {
            for (int tok = 0; tok < 32; tok++) {
                int group = tok < 16 ? 0 : 1;
                assertEquals(perGroup.get(NDArrayIndex.point(b), NDArrayIndex.point(group)),
                        perToken.get(NDArrayIndex.point(b), NDArrayIndex.point(tok)));
            }
        }
        assertTrue(maxAbs(perGroup.get(NDArrayIndex.all(), NDArrayIndex.point(0))
                .sub(perGroup.get(NDArrayIndex.all(), NDArrayIndex.point(1)))) > 1e-3,
                "target and condition tokens must get different modulation");
        // the clean tokens' timestep embedding is the embedding of s = 0, whatever the target's s
        DiTInputs atZero = DiTInputs.generation(in.x(), Nd4j.zeros(2), in.text(), in.textMask());
        INDArray tEmbZero = model.outputs(Task.GENERATION, atZero, "t_emb").get("t_emb");
        Golden.assertClose("t_emb(0)", tEmbZero.get(NDArrayIndex.point(0)).reshape(1, 64),
                out.get("t_emb_clean"), 1e-6);
    }

    @Test
    void segmentationDependsOnConditionImageTextAndTime() {
        GenMaskDiT model = TinyModels.model(BOTH, 1);
        TinyModels.perturb(model, 0.05, 3);
        SplittableRandom rng = new SplittableRandom(5);
        DiTInputs in = seg(rng, 2, 1f);
        INDArray base = model.predict(Task.SEGMENTATION, in);
        DiTInputs otherCond = new DiTInputs(in.x(), in.s(), null, in.text(), in.textMask(),
                TinyModels.latent(rng, 2));
        DiTInputs otherText = NullCondition.all(in, model.config());
        DiTInputs otherTime = new DiTInputs(in.x(), Nd4j.valueArrayOf(new long[] {2}, 0.5f), null, in.text(),
                in.textMask(), in.cond());
        assertTrue(maxAbs(model.predict(Task.SEGMENTATION, otherCond).sub(base)) > 1e-3, "cond must matter");
        assertTrue(maxAbs(model.predict(Task.SEGMENTATION, otherText).sub(base)) > 1e-3, "text must matter");
        assertTrue(maxAbs(model.predict(Task.SEGMENTATION, otherTime).sub(base)) > 1e-3, "s must matter");
        // padding is masked: changing a padded token id changes nothing
        INDArray ids = in.text().dup();
        INDArray mask = in.textMask();
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < TinyModels.TEXT_LENGTH; i++) {
                if (mask.getFloat(b, i) == 0) {
                    ids.putScalar(new int[] {b, i}, 7);
                }
            }
        }
        DiTInputs padded = new DiTInputs(in.x(), in.s(), null, ids, mask, in.cond());
        Golden.assertClose("padding changed", base, model.predict(Task.SEGMENTATION, padded), 1e-5);
    }

    @Test
    void precomputedTextEmbeddingsAreProjectedIn() {
        DiTConfig config = DiTConfig.preset("DiT-T/2", 8, 4, 1)
                .withText(new TextConfig(TextConfig.Mode.EMBEDDINGS, 0, 5, 32, 0, 2, 24));
        GenMaskDiT model = GenMaskDiT.create(config, EnumSet.of(Task.SEGMENTATION), 1);
        TinyModels.perturb(model, 0.05, 3);
        SplittableRandom rng = new SplittableRandom(6);
        INDArray emb = org.genmask.diffusion.GaussianNoise.sample(rng, 2, 5, 24);
        INDArray mask = Nd4j.ones(2, 5);
        DiTInputs in = DiTInputs.segmentation(TinyModels.latent(rng, 2), Nd4j.ones(2), TinyModels.latent(rng, 2),
                emb, mask);
        INDArray out = model.predict(Task.SEGMENTATION, in);
        assertArrayEquals(new long[] {2, 4, 8, 8}, out.shape());
        assertTrue(model.stateDict().names().contains("text_embedder.input_proj.weight"));
        assertTrue(maxAbs(model.predict(Task.SEGMENTATION, NullCondition.all(in, config)).sub(out)) > 1e-3);
    }

    @Test
    void wrongInputsAreRefusedWithClearMessages() {
        GenMaskDiT model = TinyModels.model(EnumSet.of(Task.GENERATION), 1);
        SplittableRandom rng = new SplittableRandom(7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Task.SEGMENTATION, seg(rng, 1, 1f)));
        assertTrue(e.getMessage().contains("SEGMENTATION"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiTConfig.preset("DiT-M/2", 8, 4, 1));
        assertTrue(e.getMessage().contains("DiT-M/2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new DiTConfig(8, 2, 4, 66, 2, 4, 4.0, 0.1, 10, true, 1.0, null, 0, false));
        assertTrue(e.getMessage().contains("hidden_size"), e.getMessage());
    }
}
