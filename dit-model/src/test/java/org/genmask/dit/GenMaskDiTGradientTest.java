package org.genmask.dit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training gradients of the token-row graph: checked against central finite differences of the loss itself, and
 * unchanged when a pass reuses the arrays of an earlier pass ({@link org.genmask.samediff.StepArrayPool}).
 */
class GenMaskDiTGradientTest {

    /** A mixed batch's packed placeholders: 3 generation + 2 segmentation samples, targets, loss weights 1/5. */
    private static Map<String, INDArray> batch(GenMaskDiT model, long seed) {
        return model.trainingBatch(shares(seed)).placeholders();
    }

    static Map<Task, PackedBatch.Share> shares(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray[] genText = TinyModels.text(rng, 3);
        DiTInputs gen = DiTInputs.generation(TinyModels.latent(rng, 3), Nd4j.createFromArray(0.2f, 0.5f, 0.9f),
                genText[0], genText[1]);
        Map<Task, PackedBatch.Share> shares = new EnumMap<>(Task.class);
        shares.put(Task.GENERATION, new PackedBatch.Share(gen, TinyModels.latent(rng, 3),
                Nd4j.valueArrayOf(new long[] {3}, 0.2, DataType.FLOAT)));
        INDArray[] segText = TinyModels.text(rng, 2);
        DiTInputs seg = DiTInputs.segmentation(TinyModels.latent(rng, 2), Nd4j.createFromArray(0.95f, 1f),
                TinyModels.latent(rng, 2), segText[0], segText[1]);
        shares.put(Task.SEGMENTATION, new PackedBatch.Share(seg, TinyModels.latent(rng, 2),
                Nd4j.valueArrayOf(new long[] {2}, 0.2, DataType.FLOAT)));
        return shares;
    }

    private static Map<String, INDArray> gradients(GenMaskDiT model, Map<String, INDArray> ph) {
        return model.withLossGradients(ph, List.of(GenMaskDiT.LOSS), r -> {
            Map<String, INDArray> copy = new HashMap<>();
            r.getGradients().forEach((k, v) -> copy.put(k, v.dup()));
            return copy;
        });
    }

    private static double loss(GenMaskDiT model, Map<String, INDArray> ph) {
        return model.withLossGradients(ph, List.of(GenMaskDiT.LOSS),
                r -> r.getOutputs().get(GenMaskDiT.LOSS).getDouble(0));
    }

    @Test
    void everyParameterTensorsGradientMatchesFiniteDifferencesOfTheLoss() {
        GenMaskDiT model = TinyModels.model(EnumSet.allOf(Task.class), 21);
        TinyModels.perturb(model, 0.05, 22);                      // the zero-initialised gates open
        Map<String, INDArray> ph = batch(model, 23);
        Map<String, INDArray> grads = gradients(model, ph);
        double h = 1e-2;
        int checked = 0;
        for (String name : model.stateDict().trainableNames()) {
            INDArray g = grads.get(name);
            double norm = g.norm2Number().doubleValue();
            if (norm < 1e-7) {
                continue;                                          // e.g. an unused null-text embedding row
            }
            // derivative along the gradient's own direction: must equal |g|
            INDArray param = model.stateDict().array(name);
            INDArray step = g.div(norm).muli(h).castTo(param.dataType());
            param.addi(step);
            double plus = loss(model, ph);
            param.subi(step).subi(step);
            double minus = loss(model, ph);
            param.addi(step);
            double fd = (plus - minus) / (2 * h);
            assertEquals(norm, fd, 0.03 * norm + 2e-5, name + ": |grad| " + norm + " vs finite difference " + fd);
            checked++;
        }
        assertTrue(checked > 0.9 * model.stateDict().trainableNames().size(),
                "checked " + checked + " of " + model.stateDict().trainableNames().size() + " tensors");
    }

    @Test
    void aPassThatReusesAnEarlierPasssArraysGivesTheSameGradients() {
        GenMaskDiT fresh = TinyModels.model(EnumSet.allOf(Task.class), 31);
        GenMaskDiT reused = TinyModels.model(EnumSet.allOf(Task.class), 31);
        TinyModels.perturb(fresh, 0.05, 32);
        TinyModels.perturb(reused, 0.05, 32);
        gradients(reused, batch(reused, 40));                       // fills the arrays with another batch's values
        Map<String, INDArray> expected = gradients(fresh, batch(fresh, 41));
        Map<String, INDArray> actual = gradients(reused, batch(reused, 41));
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertEquals(expected.get(name), actual.get(name), name);
        }
    }
}
