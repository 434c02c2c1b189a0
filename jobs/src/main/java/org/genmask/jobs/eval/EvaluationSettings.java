package org.genmask.jobs.eval;

import java.io.Serializable;

/**
 * How the evaluation runs.
 *
 * @param seed       seeds every example's noise eps together with its id
 * @param batchSize  examples per model call within a partition (numbers do not depend on it mathematically; in
 *                   floating point a batch can differ from single calls in the last bits, so bit-identical results
 *                   across partitionings are guaranteed at batch size 1)
 * @param eulerSteps 0: single-step prediction only; k &gt; 0: also k-step Euler prediction, for comparison
 * @param samples    how many examples (the first by id) get PNGs: input, ground truth, prediction(s)
 */
public record EvaluationSettings(long seed, int batchSize, int eulerSteps, int samples) implements Serializable {
    private static final long serialVersionUID = 1L;

    public EvaluationSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("config key 'batch_size': expected a positive integer, got "
                    + batchSize);
        }
        if (eulerSteps < 0) {
            throw new IllegalArgumentException("config key 'euler_steps': expected >= 0, got " + eulerSteps);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("config key 'samples': expected >= 0, got " + samples);
        }
    }
}
