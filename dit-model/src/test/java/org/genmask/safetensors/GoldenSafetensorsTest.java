package org.genmask.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.genmask.golden.Golden;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads the weight files of the golden reference models (written by an independent Python writer). */
class GoldenSafetensorsTest {

    /** Opens a golden weights file, reads every tensor and checks tensor count, total parameters and file order. */
    private static long readEverything(Path file, int expectedTensors) throws IOException {
        long params = 0;
        long previousEnd = 0;
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(expectedTensors, f.names().size(), file.toString());
            for (String name : f.names()) {
                TensorInfo info = f.info(name);
                assertEquals(previousEnd, info.begin(), name + " stored back to back in state_dict order");
                previousEnd = info.end();
                INDArray a = f.read(name, info.shape());
                assertEquals(info.elementCount(), a.length(), name);
                assertEquals(false, a.isNaN().any(), name);
                params += a.length();
            }
            assertEquals("pt", f.metadata().get("format"));
        }
        return params;
    }

    @Test
    void ditWeightsMatchTheManifestAndThePosEmbedGolden() throws IOException {
        Golden g = Golden.of("dit");
        Path file = g.file("dit_weights.safetensors");
        assertEquals(g.manifest().get("weights_params").longValue(), readEverything(file, 32));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            INDArray pos = f.read("pos_embed", 1, 16, 64).reshape(16, 64); // [1,16,64] -> [16,64]
            Golden.assertClose("dit pos_embed (state_dict vs pos_embed.f32)", g.read("pos_embed.f32"), pos, 0.0);
        }
    }

    @Test
    void vaeWeightsOfBothConfigsMatchTheManifest() throws IOException {
        Golden g = Golden.of("autoencoder_kl");
        for (String cfg : new String[] {"sd", "flux"}) {
            var c = g.manifest().get("configs").get(cfg);
            long params = readEverything(g.file(c.get("weights_file").asText()), c.get("weights_tensors").intValue());
            assertEquals(c.get("weights_params").longValue(), params, cfg);
        }
        try (SafetensorsFile f = SafetensorsFile.open(g.file("sd/diffusion_pytorch_model.safetensors"))) {
            assertArrayEquals(new long[] {32, 3, 3, 3}, f.info("encoder.conv_in.weight").shape());
            assertArrayEquals(new long[] {8, 8, 1, 1}, f.info("quant_conv.weight").shape());
        }
    }
}
