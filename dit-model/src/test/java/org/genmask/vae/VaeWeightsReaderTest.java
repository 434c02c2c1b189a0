package org.genmask.vae;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmask.golden.Golden;
import org.genmask.safetensors.SafetensorsFile;
import org.genmask.safetensors.SafetensorsFormatException;
import org.genmask.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class VaeWeightsReaderTest {
    private static final Golden GOLDEN = Golden.of("autoencoder_kl");

    @TempDir
    Path dir;

    /** The golden SD weights with every tensor name passed through {@code rename}, plus the golden config. */
    private Path rewritten(java.util.function.UnaryOperator<String> rename, Map<String, INDArray> extra) throws Exception {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(GOLDEN.file("sd/" + AutoencoderKL.WEIGHTS_FILE))) {
            for (String name : f.names()) {
                tensors.put(rename.apply(name), f.read(name));
            }
        }
        tensors.putAll(extra);
        SafetensorsWriter.write(dir.resolve(AutoencoderKL.WEIGHTS_FILE), tensors, null);
        Files.copy(GOLDEN.file("sd/config.json"), dir.resolve(AutoencoderKL.CONFIG_FILE));
        return dir;
    }

    @Test
    void deprecatedAttentionNamesLoadToTheSameModel() throws Exception {
        Path model = rewritten(n -> n.replace(".attentions.0.to_q.", ".attentions.0.query.")
                .replace(".attentions.0.to_k.", ".attentions.0.key.").replace(".attentions.0.to_v.", ".attentions.0.value.")
                .replace(".attentions.0.to_out.0.", ".attentions.0.proj_attn."), Map.of());
        AutoencoderKL vae = AutoencoderKL.load(model);
        GOLDEN.assertClose("sd/mask_latent_mean.f32", vae.encode(GOLDEN.read("input_mask.f32")).mean());
    }

    @Test
    void missingUnexpectedAndWrongShapeTensorsAreListed() throws Exception {
        Path model = rewritten(n -> n.equals("decoder.conv_out.bias") ? "decoder.conv_out.b" : n,
                Map.of("encoder.extra", Nd4j.zeros(2)));
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> AutoencoderKL.load(model));
        String m = e.getMessage();
        assertTrue(m.contains(AutoencoderKL.WEIGHTS_FILE) && m.contains("missing [decoder.conv_out.bias]")
                && m.contains("decoder.conv_out.b") && m.contains("encoder.extra"), m);
    }
}
