package org.genmask.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genmask.golden.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoencoderKLConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Golden GOLDEN = Golden.of("autoencoder_kl");

    @TempDir
    Path dir;

    @Test
    void readsBothGoldenConfigs() throws IOException {
        AutoencoderKLConfig sd = AutoencoderKLConfig.load(GOLDEN.file("sd/config.json"));
        assertEquals(List.of(32, 64), sd.blockOutChannels());
        assertEquals(4, sd.latentChannels());
        assertEquals(8, sd.normNumGroups());
        assertEquals(0.18215, sd.scalingFactor());
        assertEquals(0.0, sd.shiftFactor(), "shift_factor null reads as 0");
        assertTrue(sd.useQuantConv() && sd.usePostQuantConv());
        assertEquals(2, sd.downsampleFactor());

        AutoencoderKLConfig flux = AutoencoderKLConfig.load(GOLDEN.file("flux/config.json"));
        assertEquals(16, flux.latentChannels());
        assertEquals(0.1159, flux.shiftFactor());
        assertEquals(0.3611, flux.scalingFactor());
        assertFalse(flux.useQuantConv() || flux.usePostQuantConv());
        assertEquals(4, flux.downsampleFactor());
        assertEquals(flux, AutoencoderKLConfig.fromJson(JSON.valueToTree(flux.toJson())), "toJson round trip");
    }

    /** Writes the SD golden config with one change and returns the error message of loading it. */
    private String errorOf(String name, java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(GOLDEN.file("sd/config.json").toFile());
        change.accept(node);
        Path p = dir.resolve(name + ".json");
        Files.writeString(p, node.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoencoderKLConfig.load(p));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badConfigsNameTheFileAndTheKey() throws IOException {
        assertTrue(errorOf("unknown", n -> n.put("use_tiling", true)).contains("unknown key 'use_tiling'"));
        assertTrue(errorOf("missing", n -> n.remove("latent_channels")).contains("'latent_channels'"));
        assertTrue(errorOf("type", n -> n.put("layers_per_block", "two")).contains("'layers_per_block'"));
        assertTrue(errorOf("nullint", n -> n.putNull("in_channels")).contains("'in_channels'"));
        assertTrue(errorOf("act", n -> n.put("act_fn", "gelu")).contains("act_fn"));
        assertTrue(errorOf("groups", n -> n.put("norm_num_groups", 5)).contains("norm_num_groups"));
        assertTrue(errorOf("types", n -> n.withArray("down_block_types").set(0, "AttnDownEncoderBlock2D"))
                .contains("down_block_types[0]"));
        assertTrue(errorOf("levels", n -> n.withArray("up_block_types").remove(0)).contains("up_block_types"));
        assertTrue(errorOf("mid", n -> n.put("mid_block_add_attention", false)).contains("mid_block_add_attention"));
        assertTrue(errorOf("stats", n -> n.putArray("latents_mean").add(0.1)).contains("latents_mean"));
        assertTrue(errorOf("scale", n -> n.put("scaling_factor", -1.0)).contains("scaling_factor"));
        assertTrue(errorOf("class", n -> n.put("_class_name", "VQModel")).contains("_class_name"));
    }

    @Test
    void optionalKeysTakeDiffusersDefaults() throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.putArray("block_out_channels").add(32);
        node.putArray("down_block_types").add(AutoencoderKLConfig.DOWN_BLOCK);
        node.putArray("up_block_types").add(AutoencoderKLConfig.UP_BLOCK);
        node.put("latent_channels", 4).put("layers_per_block", 1).put("norm_num_groups", 8);
        AutoencoderKLConfig c = AutoencoderKLConfig.fromJson(node);
        assertEquals(3, c.inChannels());
        assertEquals(3, c.outChannels());
        assertEquals(0.18215, c.scalingFactor());
        assertTrue(c.useQuantConv() && c.usePostQuantConv());
    }
}
