package org.genmask.data.latents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The completion marker {@code _COMPLETE.json} of a latent partition, written after every table and the row-count
 * check: its presence means the partition is complete; it repeats the cache key and the manifest hash, and holds
 * the verified {@link PartitionCounts}.
 *
 * @param dataset        the dataset name
 * @param cacheKey       the partition's cache key
 * @param manifestSha256 hex SHA-256 of the manifest the partition was computed from
 * @param vocabularySha256 hex SHA-256 of the vocabulary's JSON form
 * @param shape          the latent shape
 * @param counts         the verified row counts
 */
public record PartitionMarker(String dataset, CacheKey cacheKey, String manifestSha256,
                              String vocabularySha256, LatentShape shape, PartitionCounts counts)
        implements Serializable {

    /** The marker format. */
    public static final String FORMAT = "genmask-latents/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the fields. */
    public PartitionMarker {
        if (dataset == null || cacheKey == null || manifestSha256 == null || vocabularySha256 == null || shape == null
                || counts == null) {
            throw new IllegalArgumentException("partition marker: every field is required");
        }
    }

    /** The JSON form (pretty-printed, one key per line). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("dataset", dataset);
        root.put("cache_key_id", cacheKey.id());
        root.put("cache_key", cacheKey.toJson());
        root.put("manifest_sha256", manifestSha256);
        root.put("vocabulary_sha256", vocabularySha256);
        root.put("latent_shape", shape.toString());
        root.put("dtype", cacheKey.dtype().configName());
        ObjectNode c = root.putObject("counts");
        counts.toMap().forEach(c::put);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the partition marker", e);
        }
    }

    /**
     * Parses {@link #toJson()}.
     *
     * @param where the marker's location, for messages
     */
    public static PartitionMarker fromJson(String where, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(where + ": format: expected \"" + FORMAT + "\", got "
                    + (root == null ? null : root.get("format")));
        }
        CacheKey key = CacheKey.fromJson(where + " cache_key", text(root, "cache_key", where));
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonNode c = root.path("counts");
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            counts.put(e.getKey(), e.getValue().canConvertToLong() ? e.getValue().longValue() : -1);
        }
        return new PartitionMarker(text(root, "dataset", where), key, text(root, "manifest_sha256", where),
                text(root, "vocabulary_sha256", where),
                LatentShape.parse(text(root, "latent_shape", where)), PartitionCounts.fromMap(counts, where));
    }

    private static String text(JsonNode root, String field, String where) {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": " + field + ": missing or not a string");
        }
        return v.asText();
    }
}
