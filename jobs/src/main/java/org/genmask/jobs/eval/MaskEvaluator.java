package org.genmask.jobs.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;

/**
 * The core of the evaluation job: predicts every example's mask on the executors, one partition at a time, and
 * merges the per-partition {@link EvaluationTotals} with {@code treeAggregate}. Because each example's noise depends
 * on (seed, id) only and every total is an exact sum ({@link IoUAccumulator}), the numbers do not depend on the
 * partitioning (bit for bit at batch size 1; see {@link EvaluationSettings#batchSize()}).
 */
public final class MaskEvaluator {

    private MaskEvaluator() {
    }

    /**
     * @param examples the split to evaluate (cache it if computing it is expensive: the sample ids are chosen by a
     *                 separate pass over it)
     * @param models   how executors get the DiT and the VAE
     * @param settings seed, batch size, Euler steps, number of samples with pictures
     * @throws IllegalStateException if the split is empty (when its metrics are read)
     */
    public static EvaluationTotals evaluate(JavaRDD<EvaluationExample> examples, EvaluationModels models,
                                            EvaluationSettings settings) {
        return evaluate(examples, examples.map(EvaluationExample::id), models, settings);
    }

    /**
     * {@link #evaluate(JavaRDD, EvaluationModels, EvaluationSettings)} with the sample ids chosen from {@code ids},
     * the examples' ids computed more cheaply (e.g. without reading the ground-truth files), so that the examples
     * are computed once.
     *
     * @param ids the ids of {@code examples}
     */
    public static EvaluationTotals evaluate(JavaRDD<EvaluationExample> examples, JavaRDD<String> ids,
                                            EvaluationModels models, EvaluationSettings settings) {
        Set<String> sampleIds = settings.samples() == 0 ? new HashSet<>()
                : new HashSet<>(ids.takeOrdered(settings.samples()));
        EvaluationTotals zero = new EvaluationTotals(settings.eulerSteps());
        return examples
                .mapPartitions(it -> List.of(PartitionEvaluator.run(it, models, settings, sampleIds)).iterator())
                .treeAggregate(zero, EvaluationTotals::merge, EvaluationTotals::merge, 2);
    }
}
