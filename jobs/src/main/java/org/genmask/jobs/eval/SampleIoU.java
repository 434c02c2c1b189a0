package org.genmask.jobs.eval;

import java.io.Serializable;

/**
 * One sample's intersection and union (pixel counts at the ground truth's original resolution).
 *
 * <p><b>Empty-union rule:</b> when neither the prediction nor the ground truth has a foreground pixel (union 0), the
 * sample's IoU is {@value #EMPTY_UNION_IOU} (LISA's convention; LAVT counts 0): predicting "nothing" for an absent
 * object is a perfect answer. Such a sample adds 0 to both cIoU sums, 1 to the gIoU sum and passes every Prec@X.
 * The project's datasets reject empty ground-truth masks, so this arises only for hand-made or foreign data.
 *
 * @param intersection pixels foreground in both
 * @param union        pixels foreground in either
 */
public record SampleIoU(long intersection, long union) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The IoU of a sample whose union is empty. */
    public static final double EMPTY_UNION_IOU = 1.0;

    public SampleIoU {
        if (intersection < 0 || union < intersection) {
            throw new IllegalArgumentException("need 0 <= intersection <= union, got " + intersection + " / " + union);
        }
    }

    /** Counts a prediction against a ground truth of the same size. */
    public static SampleIoU of(PixelMask predicted, PixelMask truth) {
        if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
            throw new IllegalArgumentException("prediction is " + predicted.width() + "x" + predicted.height()
                    + " but ground truth is " + truth.width() + "x" + truth.height()
                    + "; map it with OriginalResolution.upsample first");
        }
        boolean[] p = predicted.bits();
        boolean[] t = truth.bits();
        long in = 0;
        long un = 0;
        for (int i = 0; i < p.length; i++) {
            in += p[i] & t[i] ? 1 : 0;
            un += p[i] | t[i] ? 1 : 0;
        }
        return new SampleIoU(in, un);
    }

    /** intersection / union, or {@link #EMPTY_UNION_IOU} when the union is empty. */
    public double iou() {
        return union == 0 ? EMPTY_UNION_IOU : (double) intersection / union;
    }

    /** Whether IoU &gt;= percent / 100, decided exactly in integers ({@code 100 I >= percent U}). */
    public boolean atLeast(int percent) {
        return union == 0 ? EMPTY_UNION_IOU * 100 >= percent : 100 * intersection >= (long) percent * union;
    }
}
