package org.genmask.train;

import java.util.Locale;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.eager.EagerDiT;
import org.nd4j.linalg.factory.Nd4j;

/** Which implementation computes a training step's loss and gradients (config key {@code step_engine}). */
public enum StepEngine {
    /**
     * The hand-written forward and backward pass ({@link EagerDiT}): direct BLAS calls and fused loops on host memory,
     * no graph interpreter. CPU backend only; GenMask's text-token models.
     */
    EAGER,
    /** The SameDiff graph's own gradient: any backend (the CUDA profile's), any model; the reference. */
    GRAPH,
    /** {@link #EAGER} where it applies (the CPU backend and a model it covers), else {@link #GRAPH}. */
    AUTO;

    /** {@code auto}, {@code eager} or {@code graph}; anything else is an error naming the key. */
    public static StepEngine parse(String value) {
        for (StepEngine e : values()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("config key 'step_engine': expected auto, eager or graph, got '" + value
                + "'");
    }

    /** The engine to run for this model on the loaded ND4J backend: never {@link #AUTO}. */
    public StepEngine resolve(DiTConfig config) {
        boolean cpu = Nd4j.getEnvironment().isCPU();
        return switch (this) {
            case GRAPH -> GRAPH;
            case AUTO -> cpu && EagerDiT.supports(config) ? EAGER : GRAPH;
            case EAGER -> {
                if (!cpu) {
                    throw new IllegalArgumentException("config key 'step_engine': eager runs on the CPU backend only;"
                            + " use graph (or auto) with " + Nd4j.getBackend().getClass().getSimpleName());
                }
                if (!EagerDiT.supports(config)) {
                    throw new IllegalArgumentException("config key 'step_engine': eager covers text-token GenMask"
                            + " models without learn_sigma or labels; use graph (or auto) for " + config);
                }
                yield EAGER;
            }
        };
    }
}
