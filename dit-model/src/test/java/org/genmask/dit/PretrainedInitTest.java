package org.genmask.dit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.genmask.golden.Golden;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A GenMask DiT started from the reference class-conditional DiT computes that DiT without a label. */
class PretrainedInitTest {

    @Test
    void newPartsStartWithZeroEffect() throws Exception {
        Golden golden = Golden.of("dit");
        GenMaskDiT genMask = GenMaskDiT.create(TinyModels.config(), EnumSet.allOf(Task.class), 5);
        PretrainedInit report = PretrainedInit.apply(genMask, golden.file("dit_weights.safetensors"));
        assertEquals(List.of("final_layer.linear.weight", "final_layer.linear.bias"), report.adapted());
        assertEquals(List.of("pos_embed", "y_embedder.embedding_table.weight"), report.skipped());
        assertTrue(report.fresh().contains("text_embedder.token_embedding.weight"));
        assertTrue(report.fresh().contains("blocks.1.cross_attn.proj.weight"));
        assertEquals(32 - 2 - 2, report.loaded().size()); // all but the skipped and the adapted

        // the reference DiT with a zero label embedding: c = t_emb, exactly what GenMask sees with no text effect
        GenMaskDiT reference = GenMaskDiT.create(DiTConfig.preset("DiT-T/2", 8, 4, 10), EnumSet.of(Task.GENERATION),
                0);
        DiTWeights.load(reference, golden.file("dit_weights.safetensors"));
        reference.stateDict().array("y_embedder.embedding_table.weight").assign(0);

        SplittableRandom rng = new SplittableRandom(1);
        INDArray x = TinyModels.latent(rng, 2);
        INDArray s = Nd4j.createFromArray(0.3f, 0.9f);
        INDArray[] text = TinyModels.text(rng, 2);
        INDArray ours = genMask.predict(Task.GENERATION, DiTInputs.generation(x, s, text[0], text[1]));
        INDArray theirs = reference.predict(Task.GENERATION, DiTInputs.classConditional(x, s.mul(1000),
                Nd4j.createFromArray(3, 3)));
        Golden.assertClose("velocity channels", theirs.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)), ours,
                1e-4);
    }
}
