package org.genmask.dit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.genmask.safetensors.SafetensorsFile;
import org.genmask.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DiTWeightsTest {
    @TempDir
    Path dir;

    @Test
    void exportedWeightsLoadIntoAFreshModelAndReproduceItsOutput() throws Exception {
        GenMaskDiT trained = TinyModels.model(EnumSet.allOf(Task.class), 1);
        TinyModels.perturb(trained, 0.05, 2);
        Path file = dir.resolve("dit.safetensors");
        DiTWeights.save(trained, file, Map.of("format", "pt"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(trained.stateDict().names(), java.util.List.copyOf(f.names()), "state-dict order");
            assertTrue(f.names().contains("blocks.1.cross_attn.kv_linear.weight"));
        }
        GenMaskDiT fresh = TinyModels.model(EnumSet.allOf(Task.class), 99);
        DiTWeights.load(fresh, file);
        SplittableRandom rng = new SplittableRandom(3);
        INDArray[] text = TinyModels.text(rng, 2);
        DiTInputs in = DiTInputs.segmentation(TinyModels.latent(rng, 2), Nd4j.ones(2), TinyModels.latent(rng, 2),
                text[0], text[1]);
        assertEquals(trained.predict(Task.SEGMENTATION, in), fresh.predict(Task.SEGMENTATION, in));
    }

    @Test
    void aMissingOrMisshapenTensorIsNamed() throws Exception {
        GenMaskDiT model = TinyModels.model(EnumSet.of(Task.GENERATION), 1);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (String name : model.stateDict().names()) {
            tensors.put(name, model.stateDict().array(name));
        }
        tensors.remove("blocks.0.mlp.fc2.bias");
        Path missing = dir.resolve("missing.safetensors");
        SafetensorsWriter.write(missing, tensors, Map.of());
        Exception e = assertThrows(Exception.class, () -> DiTWeights.load(model, missing));
        assertTrue(e.getMessage().contains("blocks.0.mlp.fc2.bias") && e.getMessage().contains("missing.safetensors"),
                e.getMessage());

        tensors.put("blocks.0.mlp.fc2.bias", Nd4j.zeros(7));
        Path misshapen = dir.resolve("misshapen.safetensors");
        SafetensorsWriter.write(misshapen, tensors, Map.of());
        e = assertThrows(Exception.class, () -> DiTWeights.load(model, misshapen));
        assertTrue(e.getMessage().contains("blocks.0.mlp.fc2.bias"), e.getMessage());
    }

    @Test
    void aPositionTableThatIsNotTheFixedOneIsRefused() throws Exception {
        GenMaskDiT model = TinyModels.model(EnumSet.of(Task.GENERATION), 1);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (String name : model.stateDict().names()) {
            tensors.put(name, model.stateDict().array(name));
        }
        tensors.put("pos_embed", tensors.get("pos_embed").add(0.5));
        Path file = dir.resolve("pos.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of());
        Exception e = assertThrows(Exception.class, () -> DiTWeights.load(model, file));
        assertTrue(e.getMessage().contains("pos_embed"), e.getMessage());
    }
}
