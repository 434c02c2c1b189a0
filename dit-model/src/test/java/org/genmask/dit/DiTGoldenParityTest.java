package org.genmask.dit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import org.genmask.golden.Golden;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The class-conditional DiT against the reference {@code models.py} (../shared/golden/dit): the output, the null-class
 * output, and every intermediate, so a mismatch is located, not just detected.
 */
class DiTGoldenParityTest {
    private static Golden golden;
    private static GenMaskDiT model;
    private static DiTInputs inputs;

    @BeforeAll
    static void load() throws Exception {
        golden = Golden.of("dit");
        // config.json of the golden: input 8, patch 2, in 4, hidden 64, depth 2, heads 4, 10 classes, learn_sigma
        DiTConfig config = DiTConfig.preset("DiT-T/2", 8, 4, 10);
        assertEquals(golden.manifest().path("weights_params").asLong(), countParams(config));
        model = GenMaskDiT.create(config, EnumSet.of(Task.GENERATION), 0);
        DiTWeights.load(model, golden.file("dit_weights.safetensors"));
        inputs = DiTInputs.classConditional(golden.read("input_x.f32"), golden.read("input_t.f32"),
                golden.read("input_y.f32").castTo(DataType.INT));
    }

    private static long countParams(DiTConfig config) {
        GenMaskDiT m = GenMaskDiT.create(config, EnumSet.of(Task.GENERATION), 0);
        long n = 0;
        for (String name : m.stateDict().names()) {
            n += m.stateDict().array(name).length();
        }
        return n;
    }

    @Test
    void outputMatchesReference() {
        golden.assertClose("output.f32", model.predict(Task.GENERATION, inputs));
    }

    @Test
    void nullClassOutputMatchesReference() {
        DiTInputs nullClass = DiTInputs.classConditional(inputs.x(), inputs.s(),
                Nd4j.createFromArray(10, 10));
        golden.assertClose("output_null_class.f32", model.predict(Task.GENERATION, nullClass));
    }

    @Test
    void intermediatesMatchReference() {
        Map<String, INDArray> out = model.outputs(Task.GENERATION, inputs, "patch_embed", "x_embed", "t_emb",
                "y_emb", "c", "blocks.0", "blocks.1", "final_layer", "t_emb/freq");
        golden.assertClose("timestep_embedding.f32", out.get("t_emb/freq"));
        golden.assertClose("intermediate_patch_embed.f32", out.get("patch_embed"));
        golden.assertClose("intermediate_x_embed.f32", out.get("x_embed"));
        golden.assertClose("intermediate_t_emb.f32", out.get("t_emb"));
        golden.assertClose("intermediate_y_emb.f32", out.get("y_emb"));
        golden.assertClose("intermediate_c.f32", out.get("c"));
        golden.assertClose("intermediate_block0_out.f32", out.get("blocks.0"));
        golden.assertClose("intermediate_block1_out.f32", out.get("blocks.1"));
        golden.assertClose("intermediate_final_layer.f32", out.get("final_layer"));
    }

    @Test
    void positionEmbeddingMatchesReference() {
        golden.assertClose("pos_embed.f32", PosEmbed2D.table(64, 4));
    }
}
