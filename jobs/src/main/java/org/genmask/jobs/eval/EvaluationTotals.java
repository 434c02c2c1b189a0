package org.genmask.jobs.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a partition (and, merged, the whole split) produced: the single-step accumulator, the Euler accumulator when
 * k-step prediction is on, every expression's counts and the sample pictures. {@link #merge} updates and returns
 * {@code this}.
 */
public final class EvaluationTotals implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int eulerSteps;
    private final IoUAccumulator oneStep = new IoUAccumulator();
    private final IoUAccumulator euler;
    private final List<PredictionSample> samples = new ArrayList<>();
    private final List<ExpressionResult> results = new ArrayList<>();

    /** Empty totals; {@code eulerSteps} = 0 means no Euler accumulator. */
    public EvaluationTotals(int eulerSteps) {
        this.eulerSteps = eulerSteps;
        this.euler = eulerSteps > 0 ? new IoUAccumulator() : null;
    }

    /** One expression's counts, into the accumulators and the per-expression list. */
    void add(ExpressionResult result) {
        oneStep.add(result.oneStep());
        if (euler != null) {
            euler.add(result.euler());
        }
        results.add(result);
    }

    void addSample(PredictionSample sample) {
        samples.add(sample);
    }

    /** Adds another partition's totals (same settings) into these. */
    public EvaluationTotals merge(EvaluationTotals o) {
        if (o.eulerSteps != eulerSteps) {
            throw new IllegalArgumentException("cannot merge totals of " + eulerSteps + " and " + o.eulerSteps
                    + " Euler steps");
        }
        oneStep.merge(o.oneStep);
        if (euler != null) {
            euler.merge(o.euler);
        }
        samples.addAll(o.samples);
        samples.sort(Comparator.comparing(PredictionSample::id));
        results.addAll(o.results);
        return this;
    }

    public long examples() {
        return oneStep.samples();
    }

    /** Single-step numbers (x0 = eps - u(eps, 1, image, text)). */
    public SegmentationMetrics oneStep() {
        return oneStep.metrics();
    }

    /** k-step Euler numbers, or null when not computed. */
    public SegmentationMetrics euler() {
        return euler == null ? null : euler.metrics();
    }

    public int eulerSteps() {
        return eulerSteps;
    }

    /** Every evaluated expression's counts, sorted by id (once, when read: merges only append). */
    public List<ExpressionResult> results() {
        return results.stream().sorted(Comparator.comparing(ExpressionResult::id)).toList();
    }

    /** Sample pictures, sorted by id. */
    public List<PredictionSample> samples() {
        return List.copyOf(samples);
    }
}
