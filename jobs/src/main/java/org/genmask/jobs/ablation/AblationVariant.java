package org.genmask.jobs.ablation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One arm of the ablation: a name and the training-config overrides that make it differ from the base run
 * (everything else: data, seed, budget, model, is shared).
 *
 * @param name      letters, digits, {@code . _ -} (it names the arm's directory)
 * @param overrides training config keys and values, in order
 */
public record AblationVariant(String name, Map<String, String> overrides) implements Serializable {
    private static final long serialVersionUID = 1L;

    public AblationVariant {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("config key 'variants': variant name '" + name
                    + "' must be letters, digits, '.', '_' or '-'");
        }
        overrides = Map.copyOf(overrides);
    }

    /**
     * Parses {@code name: key=value; key=value | name: ...}. A value may contain {@code =} and {@code ,} (sampler
     * specs do); {@code ;} separates overrides and {@code |} variants.
     */
    public static List<AblationVariant> parseAll(String spec) {
        List<AblationVariant> out = new ArrayList<>();
        for (String part : spec.split("\\|")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("config key 'variants': expected 'name: key=value; ...', got '"
                        + p + "'");
            }
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String kv : p.substring(colon + 1).split(";")) {
                String s = kv.strip();
                if (s.isEmpty()) {
                    continue;
                }
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("config key 'variants': override '" + s + "' of variant '"
                            + p.substring(0, colon).strip() + "' is not key=value");
                }
                overrides.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
            }
            AblationVariant v = new AblationVariant(p.substring(0, colon).strip(), overrides);
            if (out.stream().anyMatch(o -> o.name().equals(v.name()))) {
                throw new IllegalArgumentException("config key 'variants': variant '" + v.name() + "' given twice");
            }
            out.add(v);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("config key 'variants': no variants");
        }
        return out;
    }
}
