package org.genmask.data.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genmask.data.local.LocalDatasetFiles;

/**
 * Command line: writes the synthetic dataset into a new local directory.
 *
 * <pre>java ... org.genmask.data.synthetic.GenerateSyntheticDataset --out=DIR [--images=1000] [--size=64] [--seed=0]
 *     [--val=0.1] [--test=0.1] [--min-objects=2] [--max-objects=4] [--object-scale=1] [--threads=CORES]</pre>
 *
 * Every option is {@code --key=value}; an unknown key is an error naming the nearest valid key.
 */
public final class GenerateSyntheticDataset {

    /** The valid keys, in usage order. */
    public static final List<String> KEYS = List.of("out", "images", "size", "seed", "val", "test", "min-objects",
            "max-objects", "object-scale", "threads");

    private GenerateSyntheticDataset() {
    }

    /** Runs the command line; exits 2 on a usage error and 1 on a failure. */
    public static void main(String[] args) {
        SyntheticConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GenerateSyntheticDataset: " + e.getMessage());
            System.err.println("usage: --out=DIR [--images=N] [--size=64] [--seed=S] [--val=0.1] [--test=0.1]"
                    + " [--min-objects=2] [--max-objects=4] [--object-scale=1] [--threads=T]");
            System.exit(2);
            return;
        }
        try {
            GenerationReport report = run(config);
            System.out.println("wrote " + Path.of(config.out()).toAbsolutePath() + ": " + report.summary());
        } catch (IOException e) {
            System.err.println("GenerateSyntheticDataset: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Generates the dataset described by the config into the local directory {@code config.out()}. */
    public static GenerationReport run(SyntheticConfig config) throws IOException {
        return new SyntheticDatasetGenerator(config).generate(new LocalDatasetFiles(Path.of(config.out())));
    }

    /**
     * Parses {@code --key=value} options over {@link SyntheticConfig#defaults}.
     *
     * @throws IllegalArgumentException naming the offending option (and the nearest valid key for an unknown one)
     */
    public static SyntheticConfig parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("expected --key=value, got \"" + arg + "\"");
            }
            String key = arg.substring(2, eq);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + " (did you mean --" + nearest(key)
                        + "?)");
            }
            if (values.put(key, arg.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--" + key + " given twice");
            }
        }
        SyntheticConfig d = SyntheticConfig.defaults(values.getOrDefault("out", ""));
        return new SyntheticConfig(d.out(),
                (int) number(values, "images", d.images()),
                (int) number(values, "size", d.size()),
                number(values, "seed", d.seed()),
                decimal(values, "val", d.val()),
                decimal(values, "test", d.test()),
                (int) number(values, "min-objects", d.minObjects()),
                (int) number(values, "max-objects", d.maxObjects()),
                (int) number(values, "threads", d.threads()),
                decimal(values, "object-scale", d.objectScale()));
    }

    private static long number(Map<String, String> values, String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (!key.equals("seed") && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("--" + key + ": out of range: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": not an integer: \"" + v + "\"");
        }
    }

    private static double decimal(Map<String, String> values, String key, double fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": not a number: \"" + v + "\"");
        }
    }

    /** The valid key with the smallest edit distance to {@code key} (ties: the earlier in {@link #KEYS}). */
    static String nearest(String key) {
        String best = KEYS.get(0);
        int bestDistance = Integer.MAX_VALUE;
        String k = key.toLowerCase(Locale.ROOT);
        for (String candidate : KEYS) {
            int d = editDistance(k, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
