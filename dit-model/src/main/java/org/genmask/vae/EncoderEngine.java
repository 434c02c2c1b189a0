package org.genmask.vae;

import java.util.Locale;
import org.genmask.vae.eager.EagerEncoder;
import org.nd4j.linalg.factory.Nd4j;

/** Which implementation {@link AutoencoderKL#encode(org.nd4j.linalg.api.ndarray.INDArray, EncoderEngine)} runs. */
public enum EncoderEngine {
    /** The hand-written encoder ({@link EagerEncoder}): direct BLAS calls and fused loops on host memory; CPU only. */
    EAGER,
    /** The SameDiff graph ({@link EncoderGraph}): any backend; the reference. */
    GRAPH,
    /** {@link #EAGER} on the CPU backend, else {@link #GRAPH}. */
    AUTO;

    /** {@code auto}, {@code eager} or {@code graph}; anything else is an error. */
    public static EncoderEngine parse(String value) {
        for (EncoderEngine e : values()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("VAE encoder engine: expected auto, eager or graph, got '" + value + "'");
    }

    /** The engine to run on the loaded ND4J backend: never {@link #AUTO}. */
    public EncoderEngine resolve() {
        boolean cpu = Nd4j.getEnvironment().isCPU();
        return switch (this) {
            case GRAPH -> GRAPH;
            case AUTO -> cpu ? EAGER : GRAPH;
            case EAGER -> {
                if (!cpu) {
                    throw new IllegalArgumentException("VAE encoder engine: eager runs on the CPU backend only; use"
                            + " graph (or auto) with " + Nd4j.getBackend().getClass().getSimpleName());
                }
                yield EAGER;
            }
        };
    }
}
