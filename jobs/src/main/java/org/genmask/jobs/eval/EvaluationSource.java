package org.genmask.jobs.eval;

import java.util.Set;
import org.genmask.data.latents.LatentSource;
import org.genmask.data.manifest.Split;

/**
 * Where the evaluation examples come from, parsed from config key {@code examples} (and {@code split}):
 * <ul>
 *   <li>{@code synthetic:N}: N random plumbing examples ({@link SyntheticEvaluationExamples});</li>
 *   <li>{@code latents:PATH[?split=test&key=ID]}: every referring expression of one split of the latent partition
 *       {@code PATH = <output>/dataset=<name>/key=<cache key id>} ({@link LatentEvaluationExamples}); {@code key}
 *       requires that cache key id. The split is {@code ?split=} or else config key {@code split}; giving both with
 *       different values is an error.</li>
 * </ul>
 *
 * @param synthetic N of {@code synthetic:N}, 0 for a latent partition
 * @param partition the partition directory, null for {@code synthetic:N}
 * @param keyId     the cache key id the partition must have, or null
 * @param split     the split to evaluate (recorded for a synthetic source)
 */
public record EvaluationSource(int synthetic, String partition, String keyId, Split split) {

    /** The prefix of a latent partition source. */
    public static final String LATENTS = "latents:";
    /** The prefix of a synthetic source. */
    public static final String SYNTHETIC = "synthetic:";
    private static final Set<String> OPTIONS = Set.of("split", "key");

    /** Validates the fields: exactly one of a positive N and a partition path. */
    public EvaluationSource {
        if ((synthetic > 0) == (partition != null) || synthetic < 0 || split == null) {
            throw new IllegalArgumentException("evaluation source: exactly one of synthetic N > 0 and a partition path,"
                    + " and a split, got " + synthetic + ", " + partition + ", " + split);
        }
    }

    /** Whether this is {@code synthetic:N}. */
    public boolean isSynthetic() {
        return synthetic > 0;
    }

    /**
     * Parses config key {@code examples} with config key {@code split}.
     *
     * @param examples   the value of {@code examples}
     * @param split      the value of {@code split}
     * @param splitGiven whether {@code split} was given (not its default)
     * @throws IllegalArgumentException a one-line message naming the key
     */
    public static EvaluationSource parse(String examples, String split, boolean splitGiven) {
        Split splitKey;
        try {
            splitKey = Split.fromJson(split);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key 'split': " + e.getMessage());
        }
        String v = examples == null ? "" : examples.strip();
        if (v.startsWith(SYNTHETIC)) {
            int n;
            try {
                n = Integer.parseInt(v.substring(SYNTHETIC.length()));
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalArgumentException("config key 'examples': expected synthetic:N with N >= 1, got '"
                        + v + "'");
            }
            return new EvaluationSource(n, null, null, splitKey);
        }
        if (v.startsWith(LATENTS)) {
            return latents(v, splitKey, splitGiven);
        }
        String hint = v.contains("dataset=") && v.contains("key=") ? " (a latent partition is written latents:" + v
                + ")" : "";
        throw new IllegalArgumentException("config key 'examples': expected synthetic:N or latents:PATH/dataset=<name>/"
                + "key=<id>[?split=test&key=<id>], got '" + v + "'" + hint);
    }

    private static EvaluationSource latents(String v, Split splitKey, boolean splitGiven) {
        LatentSource source;
        try {
            source = LatentSource.parse(v.substring(LATENTS.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key 'examples': " + e.getMessage());
        }
        for (String option : source.options().keySet()) {
            if (!OPTIONS.contains(option)) {
                throw new IllegalArgumentException("config key 'examples': latent source option '" + option
                        + "' does not apply to evaluation (every expression once, posterior mean, no flips); "
                        + "options: split, key");
            }
        }
        String given = source.options().get("split");
        if (given == null) {
            return new EvaluationSource(0, source.path(), source.keyId(), splitKey);
        }
        Split split;
        try {
            split = Split.fromJson(given);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key 'examples': option 'split': " + e.getMessage());
        }
        if (splitGiven && split != splitKey) {
            throw new IllegalArgumentException("config key 'split': '" + splitKey.jsonName() + "' disagrees with "
                    + "split=" + given + " in config key 'examples'; give the split once");
        }
        return new EvaluationSource(0, source.path(), source.keyId(), split);
    }

    @Override
    public String toString() {
        return isSynthetic() ? SYNTHETIC + synthetic : LATENTS + partition + " (split " + split.jsonName()
                + (keyId == null ? "" : ", key " + keyId) + ")";
    }
}
