package org.genmask.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.genmask.golden.Golden;
import org.genmask.safetensors.SafetensorsFile;
import org.genmask.safetensors.TensorInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Parity with diffusers' AutoencoderKL on the golden vectors of both configs (SD-style and FLUX-style). */
class AutoencoderKLGoldenTest {
    private static final Golden GOLDEN = Golden.of("autoencoder_kl");
    private static final Map<String, AutoencoderKL> MODELS = new ConcurrentHashMap<>();

    private static AutoencoderKL model(String cfg) {
        return MODELS.computeIfAbsent(cfg, c -> {
            try {
                return AutoencoderKL.load(GOLDEN.dir().resolve(c));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sd", "flux"})
    void parameterShapesEqualTheReferenceStateDict(String cfg) throws IOException {
        AutoencoderKLConfig config = AutoencoderKLConfig.load(GOLDEN.file(cfg + "/config.json"));
        Map<String, String> ours = new TreeMap<>();
        AutoencoderKL.parameterShapes(config).forEach((k, v) -> ours.put(k, java.util.Arrays.toString(v)));
        Map<String, String> ref = new TreeMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(GOLDEN.file(cfg + "/diffusion_pytorch_model.safetensors"))) {
            for (String name : f.names()) {
                TensorInfo t = f.info(name);
                ref.put(name, java.util.Arrays.toString(t.shape()));
            }
        }
        assertEquals(ref, ours);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"sd, random", "sd, mask", "flux, random", "flux, mask"})
    void encodeMatchesMeanLogvarAndScaledLatent(String cfg, String input) {
        AutoencoderKL vae = model(cfg);
        LatentDistribution posterior = vae.encode(GOLDEN.read("input_" + input + ".f32"));
        GOLDEN.assertClose(cfg + "/" + input + "_latent_mean.f32", posterior.mean());
        GOLDEN.assertClose(cfg + "/" + input + "_latent_logvar.f32", posterior.logvar());
        GOLDEN.assertClose(cfg + "/" + input + "_latent_scaled.f32", vae.scaling().scale(posterior.mean()));
        GOLDEN.assertClose(cfg + "/" + input + "_latent_scaled.f32",
                vae.encodeScaled(GOLDEN.read("input_" + input + ".f32")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"sd, random", "sd, mask", "flux, random", "flux, mask"})
    void decodeOfTheReferenceLatentMatches(String cfg, String input) {
        AutoencoderKL vae = model(cfg);
        String prefix = cfg + "/" + input;
        GOLDEN.assertClose(prefix + "_decoded.f32", vae.decodeUnscaled(GOLDEN.read(prefix + "_latent_mean.f32")));
        INDArray fromScaled = vae.decode(GOLDEN.read(prefix + "_latent_scaled.f32"));
        GOLDEN.assertClose(prefix + "_decoded.f32 (from the scaled latent)", GOLDEN.read(prefix + "_decoded.f32"),
                fromScaled, GOLDEN.tolerance(prefix + "_decoded.f32"));
        assertArrayEquals(GOLDEN.shape(prefix + "_decoded.f32"), fromScaled.shape());
    }
}
