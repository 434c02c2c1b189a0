package org.genmask.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.genmask.diffusion.GaussianNoise;
import org.genmask.dit.DiTInputs;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.dit.TinyModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Setting the flat vector really changes what the graph computes (SameDiff does not alias views). */
class FlatParametersTest {

    @Test
    void settingTheFlatVectorChangesTheGraphAndRoundTrips() {
        GenMaskDiT model = TinyModels.model(EnumSet.of(Task.SEGMENTATION), 1);
        FlatParameters flat = new FlatParameters(model.stateDict());
        long expected = model.stateDict().trainableNames().stream()
                .mapToLong(n -> model.stateDict().array(n).length()).sum();
        assertEquals(expected, flat.size());

        SplittableRandom rng = new SplittableRandom(1);
        INDArray[] text = TinyModels.text(rng, 2);
        DiTInputs in = DiTInputs.segmentation(TinyModels.latent(rng, 2), Nd4j.ones(2), TinyModels.latent(rng, 2),
                text[0], text[1]);
        INDArray before = model.predict(Task.SEGMENTATION, in).dup();     // zero: adaLN-Zero init
        INDArray original = flat.get();

        INDArray changed = original.add(GaussianNoise.sample(new SplittableRandom(2), original.length()).muli(0.05));
        flat.set(changed);
        assertEquals(changed, flat.get(), "get() returns what set() wrote");
        INDArray after = model.predict(Task.SEGMENTATION, in);
        assertTrue(after.sub(before).amaxNumber().doubleValue() > 1e-3, "the graph must compute with new values");

        flat.set(original);
        assertEquals(before, model.predict(Task.SEGMENTATION, in), "restoring the vector restores the output");
        assertThrows(IllegalArgumentException.class, () -> flat.set(Nd4j.zeros(3)));
    }
}
