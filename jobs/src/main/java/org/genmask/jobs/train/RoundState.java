package org.genmask.jobs.train;

import java.io.Serializable;

/**
 * What the driver broadcasts at the start of a round: the averaged parameters and optimizer moments, and the
 * counters, as {@link ShippedVector}s (ND4J arrays do not serialise across JVMs).
 *
 * @param params  [P] flat parameters, float32
 * @param moments [2P] AdamW first and second moments, as float32 or bfloat16 ({@code moments_dtype})
 * @param step    optimizer steps completed
 * @param round   the round about to run (0-based)
 */
record RoundState(ShippedVector params, ShippedVector moments, long step, int round) implements Serializable {
    private static final long serialVersionUID = 3L;
}
