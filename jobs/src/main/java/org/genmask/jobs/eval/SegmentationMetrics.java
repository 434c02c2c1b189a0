package org.genmask.jobs.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A split's referring-segmentation numbers (see {@link IoUAccumulator} for how they are summed). Equality is
 * bitwise on the doubles.
 *
 * @param samples           evaluated samples
 * @param intersection      total intersection pixels
 * @param union             total union pixels
 * @param emptyUnions       samples whose union was empty (IoU {@value SampleIoU#EMPTY_UNION_IOU} by rule)
 * @param ciou              cumulative IoU: intersection / union
 * @param giou              generalised (mean per-sample) IoU
 * @param thresholdsPercent X of Prec@X, in percent
 * @param precision         fraction of samples with IoU &gt;= X, per threshold
 */
public record SegmentationMetrics(long samples, long intersection, long union, long emptyUnions, double ciou,
                                  double giou, int[] thresholdsPercent, double[] precision) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Prec@X for X in percent (50, 60, 70, 80, 90). */
    public double precisionAt(int percent) {
        for (int i = 0; i < thresholdsPercent.length; i++) {
            if (thresholdsPercent[i] == percent) {
                return precision[i];
            }
        }
        throw new IllegalArgumentException("no Prec@" + percent + "; thresholds are 50, 60, 70, 80, 90");
    }

    /** {@code {"samples", "ciou", "giou", "precision": {"0.5": ...}, "intersection", "union", "empty_unions"}}. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("samples", samples).put("ciou", ciou).put("giou", giou);
        ObjectNode p = o.putObject("precision");
        for (int i = 0; i < thresholdsPercent.length; i++) {
            p.put(String.format(Locale.ROOT, "%.1f", thresholdsPercent[i] / 100.0), precision[i]);
        }
        o.put("intersection", intersection).put("union", union).put("empty_unions", emptyUnions);
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentationMetrics m && m.samples == samples && m.intersection == intersection
                && m.union == union && m.emptyUnions == emptyUnions
                && Double.doubleToLongBits(m.ciou) == Double.doubleToLongBits(ciou)
                && Double.doubleToLongBits(m.giou) == Double.doubleToLongBits(giou)
                && Arrays.equals(m.thresholdsPercent, thresholdsPercent)
                && Arrays.equals(m.precision, precision);
    }

    @Override
    public int hashCode() {
        return Objects.hash(samples, intersection, union, ciou, giou)
                + 31 * Arrays.hashCode(precision);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "cIoU %.4f  gIoU %.4f  Prec@0.5 %.4f  Prec@0.9 %.4f  (%d samples)", ciou,
                giou, precisionAt(50), precisionAt(90), samples);
    }
}
