package org.genmask.data.latents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.genmask.vae.AutoencoderKLConfig;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    static AutoencoderKLConfig tinyVae(double scaling) {
        return new AutoencoderKLConfig(3, 3, List.of(AutoencoderKLConfig.DOWN_BLOCK, AutoencoderKLConfig.DOWN_BLOCK),
                List.of(AutoencoderKLConfig.UP_BLOCK, AutoencoderKLConfig.UP_BLOCK), List.of(8, 16), 1, "silu", 4, 4,
                16, scaling, 0.25, true, true);
    }

    private static final String SHA = "ab".repeat(32);

    @Test
    void jsonIsCanonicalAndRoundTrips() {
        CacheKey k = CacheKey.of(tinyVae(0.5), SHA, 32, LatentDType.FLOAT16);
        CacheKey back = CacheKey.fromJson("test", k.toJson());
        assertEquals(k, back);
        assertEquals(k.toJson(), back.toJson());
        assertTrue(k.toJson().startsWith("{\"dtype\":\"float16\",\"resize_policy\""), k.toJson());
        assertEquals(16, k.id().length());
        assertEquals(0.5, k.scaling().scalingFactor());
        assertEquals(0.25, k.scaling().shiftFactor());
    }

    @Test
    void everyInputChangesTheId() {
        CacheKey base = CacheKey.of(tinyVae(0.5), SHA, 32, LatentDType.FLOAT32);
        List<CacheKey> others = List.of(CacheKey.of(tinyVae(0.6), SHA, 32, LatentDType.FLOAT32),
                CacheKey.of(tinyVae(0.5), "cd".repeat(32), 32, LatentDType.FLOAT32),
                CacheKey.of(tinyVae(0.5), SHA, 64, LatentDType.FLOAT32),
                CacheKey.of(tinyVae(0.5), SHA, 32, LatentDType.BFLOAT16),
                new CacheKey(2, base.vaeConfig(), SHA, 32, base.resizePolicy(), LatentDType.FLOAT32, 0.5, 0.25),
                new CacheKey(1, base.vaeConfig(), SHA, 32, "other", LatentDType.FLOAT32, 0.5, 0.25));
        for (CacheKey o : others) {
            assertNotEquals(base.id(), o.id(), o.toJson());
            assertTrue(!base.differences(o).isEmpty());
        }
        assertEquals(List.of("resolution"), base.differences(others.get(2)));
    }

    @Test
    void mismatchMessageNamesBothKeysAndTheFields() {
        CacheKey a = CacheKey.of(tinyVae(0.5), SHA, 32, LatentDType.FLOAT32);
        CacheKey b = CacheKey.of(tinyVae(0.5), SHA, 32, LatentDType.FLOAT16);
        CacheKeyMismatchException e = assertThrows(CacheKeyMismatchException.class,
                () -> a.requireSame(b, "the training config", "s3a://x/images footer"));
        assertTrue(e.getMessage().contains(a.id()) && e.getMessage().contains(b.id()), e.getMessage());
        assertTrue(e.getMessage().contains("differing fields: dtype"), e.getMessage());
        a.requireSame(CacheKey.fromJson("again", a.toJson()), "x", "y");
    }

    @Test
    void badKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CacheKey.of(tinyVae(0.5), "xyz", 32, LatentDType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CacheKey.fromJson("f.parquet genmask.cache_key", "{\"a\":1}"));
        assertTrue(e.getMessage().startsWith("f.parquet genmask.cache_key: "), e.getMessage());
    }
}
