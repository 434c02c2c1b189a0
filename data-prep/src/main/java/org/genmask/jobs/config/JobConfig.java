package org.genmask.jobs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job's resolved configuration, nanoGPT style: defaults in code, then a config file that lists only the changes
 * ({@code key = value} lines, {@code #} comments), then {@code --key=value} command-line overrides, later winning.
 * An unknown key is an error naming the nearest valid key. Typed getters name the key and the source of a bad value.
 * Secrets are never configuration: keys that look like credentials are refused (S3 keys come from the environment).
 */
public final class JobConfig {
    private final Map<String, String> values;
    private final Map<String, String> sources;

    private JobConfig(Map<String, String> values, Map<String, String> sources) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.sources = Map.copyOf(sources);
    }

    /**
     * @param defaults every valid key with its default value
     * @param args     command-line arguments: an optional {@code --config=FILE}, then {@code --key=value} overrides
     */
    public static JobConfig resolve(Map<String, String> defaults, String[] args) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        Map<String, String> sources = new LinkedHashMap<>();
        defaults.keySet().forEach(k -> sources.put(k, "default"));
        for (String arg : args) {
            if (arg.startsWith("--config=")) {
                Path file = Path.of(arg.substring("--config=".length()));
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    int eq = line.indexOf('=');
                    String where = file + " line " + (i + 1);
                    if (eq <= 0) {
                        throw new IllegalArgumentException(where + ": expected 'key = value', got '" + line + "'");
                    }
                    set(values, sources, defaults, line.substring(0, eq).strip(), line.substring(eq + 1).strip(),
                            where);
                }
            }
        }
        for (String arg : args) {
            if (arg.startsWith("--config=")) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("argument '" + arg + "': expected --key=value or --config=FILE");
            }
            set(values, sources, defaults, arg.substring(2, eq), arg.substring(eq + 1), "command line");
        }
        return new JobConfig(values, sources);
    }

    /** A config from defaults and overrides only (tests, programmatic use). */
    public static JobConfig of(Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        Map<String, String> sources = new LinkedHashMap<>();
        defaults.keySet().forEach(k -> sources.put(k, "default"));
        overrides.forEach((k, v) -> set(values, sources, defaults, k, v, "override"));
        return new JobConfig(values, sources);
    }

    private static void set(Map<String, String> values, Map<String, String> sources, Map<String, String> defaults,
                            String key, String value, String where) {
        if (looksLikeSecret(key)) {
            throw new IllegalArgumentException(where + ": '" + key + "' looks like a credential; credentials are "
                    + "read from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), never from config");
        }
        if (!defaults.containsKey(key)) {
            throw new IllegalArgumentException(where + ": unknown config key '" + key + "'; did you mean '"
                    + NearestKey.of(key, defaults.keySet()) + "'?");
        }
        values.put(key, value);
        sources.put(key, where);
    }

    static boolean looksLikeSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret") || k.contains("password") || k.contains("access.key") || k.contains("access_key")
                || k.contains("credential") || k.contains("token.value");
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("config key '" + key + "' is not defined by this job");
        }
        return v;
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(string(key).strip());
        } catch (NumberFormatException e) {
            throw bad(key, "an integer");
        }
    }

    public long longValue(String key) {
        try {
            return Long.parseLong(string(key).strip());
        } catch (NumberFormatException e) {
            throw bad(key, "an integer");
        }
    }

    public double number(String key) {
        try {
            return Double.parseDouble(string(key).strip());
        } catch (NumberFormatException e) {
            throw bad(key, "a number");
        }
    }

    public boolean bool(String key) {
        String v = string(key).strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw bad(key, "true or false");
    }

    private IllegalArgumentException bad(String key, String expected) {
        return new IllegalArgumentException("config key '" + key + "' (from " + sources.get(key) + "): expected "
                + expected + ", got '" + values.get(key) + "'");
    }

    /**
     * Where a key's value came from: {@code default}, {@code override} ({@link #of}), {@code command line} or
     * {@code FILE line N}; lets a job tell a value the user gave from a default.
     */
    public String source(String key) {
        string(key); // names an undefined key
        return sources.get(key);
    }

    /** Every key with its resolved value, sorted: what is logged at start and stored with every output. */
    public Map<String, String> values() {
        return values;
    }

    /** The resolved config as {@code key = value} lines (the format a config file uses). */
    public String render() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        return out.toString();
    }
}
