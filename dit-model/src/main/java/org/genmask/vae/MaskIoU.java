package org.genmask.vae;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * IoU of decoded masks against reference masks, both {@code [N, 3, H, W]} RGB in [-1, 1]. A decoded pixel is
 * foreground when its mean over the channels is above 0 (mid-grey); a reference pixel when its first channel is.
 * {@code meanIoU} averages per-mask IoU over all masks (a mask whose union is empty, no foreground in either,
 * counts as IoU 1); {@code overallIoU} is total intersection over total union.
 */
public record MaskIoU(double meanIoU, double overallIoU, double minIoU, int masks) {

    public static MaskIoU of(INDArray referenceMasks, INDArray decoded) {
        if (!Arrays.equals(referenceMasks.shape(), decoded.shape()) || decoded.rank() != 4) {
            throw new IllegalArgumentException("MaskIoU: shapes differ or are not [N, C, H, W]: "
                    + Arrays.toString(referenceMasks.shape()) + " vs " + Arrays.toString(decoded.shape()));
        }
        int n = (int) decoded.size(0);
        INDArray predicted = decoded.mean(1).gt(0.0); // [N, C, H, W] -> [N, H, W] boolean
        INDArray truth = referenceMasks.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(),
                NDArrayIndex.all()).gt(0.0); // [N, C, H, W] -> [N, H, W] boolean
        double sum = 0;
        double min = 1;
        long inter = 0;
        long union = 0;
        for (int i = 0; i < n; i++) {
            boolean[] p = flat(predicted.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()));
            boolean[] t = flat(truth.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()));
            long in = 0;
            long un = 0;
            for (int k = 0; k < p.length; k++) {
                in += p[k] && t[k] ? 1 : 0;
                un += p[k] || t[k] ? 1 : 0;
            }
            double iou = un == 0 ? 1.0 : (double) in / un;
            sum += iou;
            min = Math.min(min, iou);
            inter += in;
            union += un;
        }
        return new MaskIoU(sum / n, union == 0 ? 1.0 : (double) inter / union, min, n);
    }

    private static boolean[] flat(INDArray b) {
        float[] v = b.castTo(DataType.FLOAT).dup('c').data().asFloat();
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] != 0;
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mean IoU %.4f, overall IoU %.4f, min IoU %.4f over %d masks", meanIoU,
                overallIoU, minIoU, masks);
    }
}
