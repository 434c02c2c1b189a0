package org.genmask.vae;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads typed values from a diffusers config object and tracks the keys consumed, so unknown keys are reported. */
final class DiffusersConfigReader {
    private final JsonNode root;
    private final Set<String> used = new HashSet<>();

    DiffusersConfigReader(JsonNode root) {
        this.root = root;
    }

    /** The value of {@code key}, null when absent; a JSON null stays a NullNode (typed readers refuse it). */
    private JsonNode take(String key) {
        used.add(key);
        return root.get(key);
    }

    int integer(String key, int dflt) {
        JsonNode v = take(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("key '" + key + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    int sampleSize(String key, int dflt) {
        JsonNode v = root.get(key);
        if (v != null && v.isArray() && v.size() == 2 && v.get(0).equals(v.get(1))) {
            used.add(key);
            return integerValue(key, v.get(0));
        }
        return integer(key, dflt);
    }

    private static int integerValue(String key, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("key '" + key + "' must hold integers, got " + v);
        }
        return v.intValue();
    }

    double number(String key, double dflt, boolean nullable) {
        JsonNode v = take(key);
        if (v == null || (nullable && v.isNull())) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("key '" + key + "' must be a number, got " + v);
        }
        return v.doubleValue();
    }

    boolean bool(String key, boolean dflt) {
        JsonNode v = take(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("key '" + key + "' must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    String string(String key, String dflt) {
        JsonNode v = take(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("key '" + key + "' must be a string, got " + v);
        }
        return v.textValue();
    }

    List<String> strings(String key) {
        JsonNode v = take(key);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("key '" + key + "' must be a list of strings, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("key '" + key + "' must hold strings, got " + e);
            }
            out.add(e.textValue());
        }
        return out;
    }

    List<Integer> integers(String key) {
        JsonNode v = take(key);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("key '" + key + "' must be a list of integers, got " + v);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : v) {
            out.add(integerValue(key, e));
        }
        return out;
    }

    /** Keys that do not change the computation here, with the values that keep that true. */
    void informational() {
        string("_diffusers_version", "");
        string("_name_or_path", "");
        take("_use_default_values");
        bool("force_upcast", true);
        if (!"AutoencoderKL".equals(string("_class_name", "AutoencoderKL"))) {
            throw new IllegalArgumentException("key '_class_name' must be 'AutoencoderKL', got "
                    + root.get("_class_name"));
        }
        if (!bool("mid_block_add_attention", true)) {
            throw new IllegalArgumentException("key 'mid_block_add_attention' must be true (false is not supported)");
        }
        for (String key : new String[] {"latents_mean", "latents_std"}) {
            JsonNode v = take(key);
            if (v != null && !v.isNull()) {
                throw new IllegalArgumentException("key '" + key + "' must be null (per-channel latent statistics"
                        + " are not supported)");
            }
        }
    }

    void rejectUnknown() {
        Iterator<String> it = root.fieldNames();
        while (it.hasNext()) {
            String key = it.next();
            if (!used.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'");
            }
        }
    }
}
