package org.genmask.diffusion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parser for timestep-sampler config strings, the inverse of {@link TimestepSampler#spec()}.
 *
 * <p>Grammar (whitespace allowed around every token):
 * {@code name [ "(" [ key "=" number { "," key "=" number } ] ")" ]}.
 * Valid forms, each parameter optional with the default shown:
 * {@code logit_normal(mean=0,std=1)}, {@code genmask(a=0.05)}, {@code uniform}. Numbers are decimal
 * ({@code 0.05}, {@code -1}, {@code 5e-2}); NaN, infinities and hexadecimal are rejected.
 */
public final class TimestepSamplerSpec {

    /** The valid forms, as listed in every parse error. */
    public static final String VALID_FORMS =
            "logit_normal(mean=<real>,std=<real > 0>), genmask(a=<real > 0>), uniform";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private TimestepSamplerSpec() {
    }

    /**
     * Parses a config string into a sampler.
     *
     * @throws IllegalArgumentException (one line) naming the spec, the bad token and the valid forms
     */
    public static TimestepSampler parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("timestep sampler spec must not be null; valid forms: " + VALID_FORMS);
        }
        String text = spec.strip();
        String name;
        Map<String, Double> params = new LinkedHashMap<>();
        int open = text.indexOf('(');
        if (open < 0) {
            name = text;
        } else {
            name = text.substring(0, open).strip();
            if (!text.endsWith(")")) {
                throw error(spec, "missing ')' at the end");
            }
            String body = text.substring(open + 1, text.length() - 1);
            if (body.indexOf('(') >= 0 || body.indexOf(')') >= 0) {
                throw error(spec, "unexpected parenthesis in '" + body.strip() + "'");
            }
            if (!body.isBlank()) {
                for (String part : body.split(",", -1)) {
                    parseParam(spec, part, params);
                }
            }
        }
        if (!NAME.matcher(name).matches()) {
            throw error(spec, "bad sampler name '" + name + "'");
        }
        try {
            return switch (name) {
                case LogitNormalTimestepSampler.NAME -> {
                    requireKeys(spec, name, params, Set.of("mean", "std"));
                    yield new LogitNormalTimestepSampler(params.getOrDefault("mean", 0.0),
                            params.getOrDefault("std", 1.0));
                }
                case GenMaskTimestepSampler.NAME -> {
                    requireKeys(spec, name, params, Set.of("a"));
                    yield new GenMaskTimestepSampler(params.getOrDefault("a", GenMaskTimestepSampler.DEFAULT.a()));
                }
                case UniformTimestepSampler.NAME -> {
                    requireKeys(spec, name, params, Set.of());
                    yield new UniformTimestepSampler();
                }
                default -> throw error(spec, "unknown sampler name '" + name + "'");
            };
        } catch (SpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(spec, e.getMessage());
        }
    }

    /**
     * Formats a parameter for a spec string: integers without a fraction ({@code 0}, {@code 1}), other values
     * by {@link Double#toString(double)}, which parses back to the same double.
     */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void parseParam(String spec, String part, Map<String, Double> params) {
        String p = part.strip();
        int eq = p.indexOf('=');
        if (p.isEmpty()) {
            throw error(spec, "empty parameter");
        }
        if (eq < 0 || p.indexOf('=', eq + 1) >= 0) {
            throw error(spec, "parameter '" + p + "' is not key=value");
        }
        String key = p.substring(0, eq).strip();
        String value = p.substring(eq + 1).strip();
        if (!NAME.matcher(key).matches()) {
            throw error(spec, "bad parameter name '" + key + "'");
        }
        if (!NUMBER.matcher(value).matches()) {
            throw error(spec, "parameter " + key + " has a non-numeric value '" + value + "'");
        }
        if (params.put(key, Double.parseDouble(value)) != null) {
            throw error(spec, "parameter " + key + " given twice");
        }
    }

    private static void requireKeys(String spec, String name, Map<String, Double> params, Set<String> allowed) {
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) {
                String hint = allowed.isEmpty()
                        ? " (it takes none)"
                        : " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")";
                throw error(spec, "unknown parameter '" + key + "' for " + name + hint);
            }
        }
    }

    private static SpecException error(String spec, String problem) {
        return new SpecException(
                "bad timestep sampler spec '" + spec + "': " + problem + "; valid forms: " + VALID_FORMS);
    }

    /** Marks errors already worded by this parser, so they are not wrapped twice. */
    private static final class SpecException extends IllegalArgumentException {
        SpecException(String message) {
            super(message);
        }
    }
}
