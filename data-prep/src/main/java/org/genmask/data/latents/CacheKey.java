package org.genmask.data.latents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.genmask.vae.AutoencoderKLConfig;
import org.genmask.vae.LatentScaling;

/**
 * Every input that changes the stored latents, plus the schema version: the VAE config (canonical JSON) and the
 * SHA-256 of its weights file, the image resolution, the resize/crop policy, the storage dtype and the latent
 * scaling/shift. Stored in every table's Parquet footer and in the partition marker; readers refuse a mismatch.
 * {@link #id()} (the first 16 hex digits of the SHA-256 of {@link #toJson()}) names the partition directory.
 *
 * @param schemaVersion    {@link #SCHEMA_VERSION} when written by this code
 * @param vaeConfig        the VAE's {@code config.json} as canonical JSON (sorted keys, no whitespace)
 * @param vaeWeightsSha256 hex SHA-256 of {@code diffusion_pytorch_model.safetensors}
 * @param resolution       image side R after resize and crop
 * @param resizePolicy     the resize/crop policy's name ({@link #RESIZE_POLICY})
 * @param dtype            storage type of the latent columns
 * @param scalingFactor    the VAE's {@code scaling_factor}
 * @param shiftFactor      the VAE's {@code shift_factor} (null read as 0)
 */
public record CacheKey(int schemaVersion, String vaeConfig, String vaeWeightsSha256, int resolution,
                       String resizePolicy, LatentDType dtype, double scalingFactor, double shiftFactor)
        implements Serializable {

    /** The Parquet latent schema version this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** The resize/crop policy of {@code org.genmask.data.image.SquareResize}; change it when that code changes. */
    public static final String RESIZE_POLICY = "square-resize/1: shorter side to R, centre crop (odd surplus "
            + "right/bottom); images antialiased bilinear to [-1,1], masks nearest neighbour as black/white RGB";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Validates the fields. */
    public CacheKey {
        if (schemaVersion < 1 || vaeConfig == null || vaeConfig.isEmpty() || resizePolicy == null
                || resizePolicy.isEmpty() || dtype == null) {
            throw new IllegalArgumentException("cache key needs a schema version, a VAE config, a resize policy and"
                    + " a dtype");
        }
        if (vaeWeightsSha256 == null || !vaeWeightsSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("cache key: vae_weights_sha256 must be 64 lower-case hex digits, got '"
                    + vaeWeightsSha256 + "'");
        }
        if (resolution <= 0) {
            throw new IllegalArgumentException("cache key: resolution must be > 0, got " + resolution);
        }
        new LatentScaling(scalingFactor, shiftFactor); // validates
    }

    /** The key of this code's schema and policy for a VAE, its weights hash, a resolution and a dtype. */
    public static CacheKey of(AutoencoderKLConfig vae, String weightsSha256, int resolution, LatentDType dtype) {
        String config;
        try {
            config = JSON.writeValueAsString(new TreeMap<>(vae.toJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the VAE config as JSON", e);
        }
        return new CacheKey(SCHEMA_VERSION, config, weightsSha256, resolution, RESIZE_POLICY, dtype,
                vae.scalingFactor(), vae.shiftFactor());
    }

    /** The scaling the stored (unscaled) posterior gets before training. */
    public LatentScaling scaling() {
        return new LatentScaling(scalingFactor, shiftFactor);
    }

    /** Canonical JSON: sorted keys, no whitespace; equal keys give equal text. */
    public String toJson() {
        Map<String, Object> m = new TreeMap<>(fields());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the cache key as JSON", e);
        }
    }

    private Map<String, Object> fields() {
        Map<String, Object> m = new TreeMap<>();
        m.put("schema_version", schemaVersion);
        m.put("vae_config", vaeConfig);
        m.put("vae_weights_sha256", vaeWeightsSha256);
        m.put("resolution", resolution);
        m.put("resize_policy", resizePolicy);
        m.put("dtype", dtype.configName());
        m.put("scaling_factor", scalingFactor);
        m.put("shift_factor", shiftFactor);
        return m;
    }

    /**
     * Parses {@link #toJson()}.
     *
     * @param where names the source in messages (a file and field)
     */
    public static CacheKey fromJson(String where, String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject() || n.size() != 8) {
                throw new IllegalArgumentException(where + ": a cache key must be a JSON object with 8 fields, got "
                        + json);
            }
            return new CacheKey(field(where, n, "schema_version").intValue(), field(where, n, "vae_config").asText(),
                    field(where, n, "vae_weights_sha256").asText(), field(where, n, "resolution").intValue(),
                    field(where, n, "resize_policy").asText(), LatentDType.parse(field(where, n, "dtype").asText()),
                    field(where, n, "scaling_factor").doubleValue(), field(where, n, "shift_factor").doubleValue());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": cache key is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode field(String where, JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": cache key field '" + name + "' is missing");
        }
        return v;
    }

    /** Hex SHA-256 of {@link #toJson()}. */
    public String sha256() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The short id naming the partition directory: the first 16 hex digits of {@link #sha256()}. */
    public String id() {
        return sha256().substring(0, 16);
    }

    /** The names of the fields in which {@code other} differs from this key. */
    public List<String> differences(CacheKey other) {
        Map<String, Object> a = fields();
        Map<String, Object> b = other.fields();
        List<String> out = new ArrayList<>();
        a.forEach((k, v) -> {
            if (!v.equals(b.get(k))) {
                out.add(k);
            }
        });
        return out;
    }

    /**
     * Throws {@link CacheKeyMismatchException} unless {@code found} equals this key.
     *
     * @param expectedFrom what this key comes from (e.g. the reader's request)
     * @param foundFrom    where {@code found} was read (a file and field)
     */
    public void requireSame(CacheKey found, String expectedFrom, String foundFrom) {
        if (!equals(found)) {
            throw new CacheKeyMismatchException(expectedFrom, this, foundFrom, found);
        }
    }

    /** A one-line summary naming the id and the fields that usually differ. */
    public String describe() {
        return id() + " (schema " + schemaVersion + ", weights sha256 " + vaeWeightsSha256.substring(0, 12)
                + "…, resolution " + resolution + ", dtype " + dtype.configName() + ", scaling " + scalingFactor
                + ", shift " + shiftFactor + ")";
    }
}
