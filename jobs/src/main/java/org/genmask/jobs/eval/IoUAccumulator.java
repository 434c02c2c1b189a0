package org.genmask.jobs.eval;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Additive sums and counts of a split's per-sample IoUs, merged across partitions with {@code treeAggregate}.
 *
 * <p><b>Order independence.</b> Every field is a sum: the pixel and sample counts are {@code long}s (integer
 * addition is associative and commutative and cannot overflow at realistic pixel counts), and the sum of per-sample
 * IoUs is a {@link BigDecimal} holding the exact value of the sum of the per-sample {@code double}s
 * ({@code new BigDecimal(double)} is exact and {@code BigDecimal.add} without a {@link MathContext} never rounds),
 * so exact addition is associative and commutative too. Each per-sample IoU depends only on that sample's counts.
 * Hence any partitioning and any merge tree give bit-identical fields, and the derived doubles
 * ({@link #metrics()}) are computed from those fields alone.
 *
 * <p>Mutable: {@link #add} and {@link #merge} update and return {@code this} (Spark allows aggregators to modify
 * and return their first argument).
 */
public final class IoUAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The Prec@X thresholds, in percent. */
    static final int[] THRESHOLDS_PERCENT = {50, 60, 70, 80, 90};

    private long samples;
    private long intersection;
    private long union;
    private long emptyUnions;
    private BigDecimal iouSum = BigDecimal.ZERO;
    private final long[] hits = new long[THRESHOLDS_PERCENT.length];

    /** Adds one sample. */
    public IoUAccumulator add(SampleIoU s) {
        samples++;
        intersection += s.intersection();
        union += s.union();
        emptyUnions += s.union() == 0 ? 1 : 0;
        iouSum = iouSum.add(new BigDecimal(s.iou()));
        for (int i = 0; i < hits.length; i++) {
            hits[i] += s.atLeast(THRESHOLDS_PERCENT[i]) ? 1 : 0;
        }
        return this;
    }

    /** Adds another accumulator's sums into this one. */
    public IoUAccumulator merge(IoUAccumulator o) {
        samples += o.samples;
        intersection += o.intersection;
        union += o.union;
        emptyUnions += o.emptyUnions;
        iouSum = iouSum.add(o.iouSum);
        for (int i = 0; i < hits.length; i++) {
            hits[i] += o.hits[i];
        }
        return this;
    }

    public long samples() {
        return samples;
    }

    /**
     * cIoU = total intersection / total union (1 when the total union is empty, by the empty-union rule), gIoU = the
     * exact sum of per-sample IoUs / samples rounded once to double, Prec@X = passing samples / samples.
     *
     * @throws IllegalStateException if no sample was added
     */
    public SegmentationMetrics metrics() {
        if (samples == 0) {
            throw new IllegalStateException("no samples were evaluated: cIoU and gIoU are undefined");
        }
        double ciou = union == 0 ? SampleIoU.EMPTY_UNION_IOU : (double) intersection / union;
        double giou = iouSum.divide(BigDecimal.valueOf(samples), MathContext.DECIMAL128).doubleValue();
        double[] precision = new double[hits.length];
        for (int i = 0; i < hits.length; i++) {
            precision[i] = (double) hits[i] / samples;
        }
        return new SegmentationMetrics(samples, intersection, union, emptyUnions, ciou, giou,
                THRESHOLDS_PERCENT.clone(), precision);
    }
}
