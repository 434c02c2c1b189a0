package org.genmask.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.genmask.data.latents.CacheKey;

/**
 * Which latents a checkpoint was trained on: the identity of its training partition's {@link CacheKey}, stored as the
 * object {@value #FIELD} of the checkpoint's {@code state.json} ({@code cache_key}, {@code vae_weights_sha256},
 * {@code scaling_factor}, {@code shift_factor}). No path is stored: the config beside it already names the source.
 * Checkpoints trained on in-memory examples ({@code latents = synthetic:N}) and those written before this record
 * existed have none.
 *
 * @param cacheKey         the partition's {@link CacheKey#id()} (16 hex digits)
 * @param vaeWeightsSha256 hex SHA-256 of the VAE weights file the latents were computed with
 * @param scalingFactor    the VAE's {@code scaling_factor} the latents were scaled with
 * @param shiftFactor      the VAE's {@code shift_factor}
 */
public record CheckpointLatents(String cacheKey, String vaeWeightsSha256, double scalingFactor, double shiftFactor) {
    /** The field of {@code state.json} holding the record. */
    public static final String FIELD = "latents";

    /** Validates the fields. */
    public CheckpointLatents {
        if (cacheKey == null || !cacheKey.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("cache_key: expected 16 lower-case hex digits, got '" + cacheKey + "'");
        }
        if (vaeWeightsSha256 == null || !vaeWeightsSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("vae_weights_sha256: expected 64 lower-case hex digits, got '"
                    + vaeWeightsSha256 + "'");
        }
    }

    /** The record of the latents of a partition with this cache key. */
    public static CheckpointLatents of(CacheKey key) {
        return new CheckpointLatents(key.id(), key.vaeWeightsSha256(), key.scalingFactor(), key.shiftFactor());
    }

    /** Adds the record to a checkpoint's state as the object {@value #FIELD}. */
    void writeTo(ObjectNode state) {
        state.putObject(FIELD).put("cache_key", cacheKey).put("vae_weights_sha256", vaeWeightsSha256)
                .put("scaling_factor", scalingFactor).put("shift_factor", shiftFactor);
    }

    /**
     * The record in a checkpoint's state, or empty when it has none.
     *
     * @param stateFile names the file in messages
     * @throws IllegalArgumentException a one-line message naming the file and the field when the record is malformed
     */
    public static Optional<CheckpointLatents> read(JsonNode state, String stateFile) {
        JsonNode n = state.path(FIELD);
        if (n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        String where = stateFile + ": field " + FIELD;
        if (!n.isObject() || !n.path("scaling_factor").isNumber()) {
            throw new IllegalArgumentException(where + ": expected an object with cache_key, vae_weights_sha256 and "
                    + "a numeric scaling_factor, got " + n);
        }
        try {
            return Optional.of(new CheckpointLatents(n.path("cache_key").asText(null),
                    n.path("vae_weights_sha256").asText(null), n.path("scaling_factor").doubleValue(),
                    n.path("shift_factor").asDouble(0)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + e.getMessage(), e);
        }
    }

    /** The VAE weights hash shortened for messages: its first 12 hex digits. */
    public String weightsPrefix() {
        return vaeWeightsSha256.substring(0, 12) + "…";
    }

    /** {@code cache key <id> (VAE weights sha256 <prefix>…)}. */
    public String describe() {
        return "cache key " + cacheKey + " (VAE weights sha256 " + weightsPrefix() + ")";
    }

    /**
     * Refuses to resume the checkpoint {@code checkpoint} of {@code runDir} (which holds this record) on latents of
     * another cache key.
     */
    void requireResumableOn(CheckpointLatents now, String runDir, String checkpoint) {
        if (!cacheKey.equals(now.cacheKey)) {
            throw new IllegalArgumentException("config key 'latents': run_dir " + runDir + " resumes from checkpoint "
                    + checkpoint + ", trained on latents of " + describe() + ", but the latents now have "
                    + now.describe() + ": another latent space; use a new run_dir, or the original latents");
        }
    }
}
