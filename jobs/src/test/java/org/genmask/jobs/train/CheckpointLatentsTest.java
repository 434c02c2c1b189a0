package org.genmask.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.genmask.data.latents.CacheKey;
import org.genmask.data.latents.LatentDType;
import org.genmask.vae.AutoencoderKLConfig;
import org.junit.jupiter.api.Test;

/** The record of a checkpoint's latents: written into and read from {@code state.json}, compared on resume. */
class CheckpointLatentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CacheKey key(char weights, double scaling) {
        AutoencoderKLConfig vae = new AutoencoderKLConfig(3, 3, List.of(AutoencoderKLConfig.DOWN_BLOCK),
                List.of(AutoencoderKLConfig.UP_BLOCK), List.of(8), 1, "silu", 4, 4, 16, scaling, 0.0, true, true);
        return CacheKey.of(vae, String.valueOf(weights).repeat(64), 16, LatentDType.FLOAT16);
    }

    @Test
    void theRecordOfACacheKeyRoundTripsThroughTheStateJson() throws Exception {
        CacheKey key = key('a', 0.5);
        CheckpointLatents record = CheckpointLatents.of(key);
        ObjectNode state = JSON.createObjectNode().put("round", 3);
        record.writeTo(state);
        JsonNode read = JSON.readTree(JSON.writeValueAsString(state));
        assertEquals(key.id(), read.path("latents").path("cache_key").asText());
        assertEquals("a".repeat(64), read.path("latents").path("vae_weights_sha256").asText());
        assertEquals(0.5, read.path("latents").path("scaling_factor").asDouble());
        assertEquals(Optional.of(record), CheckpointLatents.read(read, "ckpt-000003/state.json"));
    }

    @Test
    void aStateWithoutTheRecordHasNoneAndAMalformedOneNamesTheFileAndField() throws Exception {
        assertEquals(Optional.empty(), CheckpointLatents.read(JSON.readTree("{\"round\": 1}"), "s.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointLatents.read(
                JSON.readTree("{\"latents\": {\"cache_key\": \"xyz\", \"vae_weights_sha256\": \"" + "b".repeat(64)
                        + "\", \"scaling_factor\": 1}}"), "run/ckpt-000001/state.json"));
        assertTrue(e.getMessage().startsWith("run/ckpt-000001/state.json: field latents.cache_key:"), e.getMessage());
        IllegalArgumentException notObject = assertThrows(IllegalArgumentException.class, () -> CheckpointLatents
                .read(JSON.readTree("{\"latents\": \"abc\"}"), "s.json"));
        assertTrue(notObject.getMessage().startsWith("s.json: field latents:"), notObject.getMessage());
    }

    @Test
    void resumingOnAnotherCacheKeyIsRefusedNamingBothKeysAndHashes() {
        CheckpointLatents then = CheckpointLatents.of(key('a', 0.5));
        CheckpointLatents now = CheckpointLatents.of(key('b', 0.5));
        then.requireResumableOn(CheckpointLatents.of(key('a', 0.5)), "runs/x", "runs/x/ckpt-000002");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> then.requireResumableOn(now, "runs/x", "runs/x/ckpt-000002"));
        String m = e.getMessage();
        assertTrue(m.startsWith("config key 'latents': run_dir runs/x ") && m.contains("runs/x/ckpt-000002")
                && m.contains(then.cacheKey()) && m.contains(now.cacheKey()) && m.contains("a".repeat(12))
                && m.contains("b".repeat(12)) && m.contains("new run_dir"), m);
        assertFalse(m.contains("\n"), m);
        assertThrows(IllegalArgumentException.class, () -> then.requireResumableOn(
                CheckpointLatents.of(key('a', 0.25)), "runs/x", "runs/x/ckpt-000002"), "another scaling factor");
    }
}
