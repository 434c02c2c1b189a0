package org.genmask.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.DefaultVae;
import org.genmask.vae.VaeRegistry;
import org.genmask.vae.VaeTrainer;
import org.junit.jupiter.api.Test;

/**
 * The embedded default VAE on the synthetic referring dataset's own scenes and masks (scenes no training batch saw):
 * how well a mask survives encode + decode, and the image PSNR. The project's goal for masks is IoU 0.98, asserted
 * here for both the mean per-mask IoU and the overall IoU; the image floor is the measured PSNR (provenance.json:
 * 25.1 dB on 256 scenes) less a margin.
 */
class DefaultVaeRoundTripTest {

    @Test
    void theEmbeddedVaeKeepsMasksAndImages() throws IOException {
        Path dir = DefaultVae.directory();
        AutoencoderKL vae = VaeRegistry.get(dir);
        assertEquals(VaeTrainer.defaultConfig().blockOutChannels(), vae.config().blockOutChannels());
        VaeRoundTrip.Result r = VaeRoundTrip.measure(vae, 128, vae.config().sampleSize(), 7);
        assertTrue(r.masks().masks() >= 300, "masks measured: " + r);
        assertTrue(r.masks().overallIoU() >= 0.98, "mask overall IoU: " + r);
        assertTrue(r.masks().meanIoU() >= 0.98, "mask mean IoU: " + r);
        assertTrue(r.imagePsnr() >= 24.0, "image PSNR: " + r);
    }

    @Test
    void theEmbeddedVaeCarriesItsProvenance() throws IOException {
        JsonNode p = new ObjectMapper().readTree(Files.readString(DefaultVae.directory().resolve("provenance.json")));
        assertTrue(p.path("command").asText().startsWith("TrainDefaultVae "), p.toString());
        assertEquals(TrainDefaultVae.class.getName(), p.path("generator").asText());
    }
}
