package org.genmask.kernels;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which implementation runs a model part that has two: the hand-written eager code over these kernels (direct BLAS
 * calls and fused loops on host memory: the CPU backend only) or the SameDiff graph (any backend; the reference). The
 * training step ({@code step_engine}) and the VAE encoder choose this way.
 */
public enum Engine {
    /** The hand-written code. */
    EAGER,
    /** The SameDiff graph. */
    GRAPH,
    /** {@link #EAGER} where it applies (the CPU backend and a model it covers), else {@link #GRAPH}. */
    AUTO;

    /** {@code auto}, {@code eager} or {@code graph}; anything else is an error naming {@code key}. */
    public static Engine parse(String key, String value) {
        for (Engine e : values()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + ": expected auto, eager or graph, got '" + value + "'");
    }

    /**
     * The engine to run on the loaded ND4J backend, never {@link #AUTO}: {@code covered} says whether the eager code
     * implements this model ({@code what} names it in the error when {@link #EAGER} is asked for and cannot run).
     */
    public Engine resolve(String key, boolean covered, String what) {
        boolean cpu = Nd4j.getEnvironment().isCPU();
        return switch (this) {
            case GRAPH -> GRAPH;
            case AUTO -> cpu && covered ? EAGER : GRAPH;
            case EAGER -> {
                if (!cpu) {
                    throw new IllegalArgumentException(key + ": eager runs on the CPU backend only; use graph (or auto)"
                            + " with " + Nd4j.getBackend().getClass().getSimpleName());
                }
                if (!covered) {
                    throw new IllegalArgumentException(key + ": eager does not cover " + what
                            + "; use graph (or auto)");
                }
                yield EAGER;
            }
        };
    }
}
