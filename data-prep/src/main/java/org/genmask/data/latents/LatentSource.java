package org.genmask.data.latents;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.genmask.data.manifest.Split;
import org.genmask.dit.Task;

/**
 * A latent partition named in one configuration value, with the example options after a {@code ?}:
 * {@code s3a://b/latents/dataset=synthetic/key=0123456789abcdef?split=train&flips=true&posterior=mean&epoch=0}.
 * Options (all optional): {@code split} (train, val, test; default train), {@code tasks} (both, generation,
 * segmentation; default both), {@code flips} (true/false; default true), {@code posterior} (mean, sample; default
 * mean), {@code epoch} (default 0), {@code key} (the expected cache key id: the partition must have it).
 *
 * @param path    the partition directory
 * @param options the options as written
 */
public record LatentSource(String path, Map<String, String> options) {

    private static final java.util.Set<String> KNOWN = java.util.Set.of("split", "tasks", "flips", "posterior",
            "epoch", "key");

    /** Validates the options and copies the map. */
    public LatentSource {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("latent source: empty partition path");
        }
        for (String k : options.keySet()) {
            if (!KNOWN.contains(k)) {
                throw new IllegalArgumentException("latent source option '" + k + "' is unknown (known: split, tasks,"
                        + " flips, posterior, epoch, key)");
            }
        }
        options = Map.copyOf(options);
    }

    /** Parses {@code PATH[?k=v&k=v...]}. */
    public static LatentSource parse(String text) {
        int q = text.indexOf('?');
        Map<String, String> options = new LinkedHashMap<>();
        if (q >= 0) {
            for (String kv : text.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("latent source option '" + kv + "': expected key=value");
                }
                options.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return new LatentSource(q >= 0 ? text.substring(0, q) : text, options);
    }

    /** The expected cache key id, or null. */
    public String keyId() {
        return options.get("key");
    }

    /** The example options for a text length and seed. */
    public ExampleOptions exampleOptions(int textLength, long seed) {
        Split split;
        try {
            split = Split.fromJson(options.getOrDefault("split", "train"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latent source option 'split': " + e.getMessage());
        }
        EnumSet<Task> tasks = switch (options.getOrDefault("tasks", "both")) {
            case "both" -> EnumSet.allOf(Task.class);
            case "generation" -> EnumSet.of(Task.GENERATION);
            case "segmentation" -> EnumSet.of(Task.SEGMENTATION);
            default -> throw new IllegalArgumentException("latent source option 'tasks': expected both, generation or"
                    + " segmentation, got '" + options.get("tasks") + "'");
        };
        String flips = options.getOrDefault("flips", "true");
        if (!flips.equals("true") && !flips.equals("false")) {
            throw new IllegalArgumentException("latent source option 'flips': expected true or false, got '" + flips
                    + "'");
        }
        Posterior posterior;
        try {
            posterior = Posterior.valueOf(options.getOrDefault("posterior", "mean").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latent source option 'posterior': expected mean or sample, got '"
                    + options.get("posterior") + "'");
        }
        int epoch;
        try {
            epoch = Integer.parseInt(options.getOrDefault("epoch", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latent source option 'epoch': expected an integer, got '"
                    + options.get("epoch") + "'");
        }
        return new ExampleOptions(split, tasks, Boolean.parseBoolean(flips), posterior, seed, epoch, textLength);
    }
}
