package org.genmask.jobs.eval;

import java.io.Serializable;

/**
 * One referring expression's outcome, for error analysis beyond the split's averages: every evaluated expression gets
 * one (written to {@code expressions.jsonl}), not only the few with pictures.
 *
 * @param id           the example's id
 * @param expression   the referring expression
 * @param truthPixels  foreground pixels of the ground truth at its original resolution
 * @param oneStep      the single-step prediction's counts
 * @param euler        the k-step Euler prediction's counts, or null when not computed
 */
public record ExpressionResult(String id, String expression, long truthPixels, SampleIoU oneStep, SampleIoU euler)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ExpressionResult {
        if (id == null || oneStep == null) {
            throw new IllegalArgumentException("an expression result needs an id and single-step counts");
        }
        if (truthPixels < 0 || truthPixels > oneStep.union()) {
            throw new IllegalArgumentException(id + ": truth pixels " + truthPixels + " must be in [0, union "
                    + oneStep.union() + "]");
        }
    }

    /** Foreground pixels of the single-step prediction: |P| = |P ∪ T| + |P ∩ T| - |T|. */
    public long predictedPixels() {
        return oneStep.union() + oneStep.intersection() - truthPixels;
    }
}
