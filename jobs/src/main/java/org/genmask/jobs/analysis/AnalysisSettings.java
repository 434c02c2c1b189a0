package org.genmask.jobs.analysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the analysis measures: the noise levels of the probe curve, the seed of its noise, and the probe's fit.
 *
 * @param levels            noise levels s in [0, 1], increasing
 * @param seed              seeds the noise eps of {@code x_s = (1 - s) x0 + s eps} (one draw serves every level)
 * @param probeSteps        full-batch gradient steps of each {@link LinearProbe}
 * @param probeLearningRate their step size
 */
public record AnalysisSettings(double[] levels, long seed, int probeSteps, double probeLearningRate) {
    /** The default levels: 0, 0.1, ..., 1.0. */
    public static final String DEFAULT_LEVELS = "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0";

    /** Validates and copies the levels. */
    public AnalysisSettings {
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("config key 'levels': at least one noise level is needed");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] >= 0 && levels[i] <= 1) || i > 0 && levels[i] <= levels[i - 1]) {
                throw new IllegalArgumentException("config key 'levels': expected increasing noise levels in [0, 1],"
                        + " got " + format(levels));
            }
        }
        if (probeSteps < 1 || !(probeLearningRate > 0) || Double.isInfinite(probeLearningRate)) {
            throw new IllegalArgumentException("config keys 'probe_steps' and 'probe_lr' must be positive, got "
                    + probeSteps + " and " + probeLearningRate);
        }
        levels = levels.clone();
    }

    /** {@link #DEFAULT_LEVELS}, seed 0, 200 steps of 0.5. */
    public static AnalysisSettings defaults() {
        return new AnalysisSettings(parseLevels(DEFAULT_LEVELS), 0, 200, 0.5);
    }

    /** Parses comma-separated levels ({@code 0,0.5,1}). */
    public static double[] parseLevels(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config key 'levels': expected comma-separated numbers, got '" + text
                    + "'");
        }
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    private static String format(double[] v) {
        return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%s", x)).collect(Collectors.joining(","));
    }
}
