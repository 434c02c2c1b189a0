package org.genmask.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MaskIoUTest {

    /** [N, 3, 4, 4] all -1 (background). */
    private static INDArray background(int n) {
        return Nd4j.valueArrayOf(new long[] {n, 3, 4, 4}, -1f, DataType.FLOAT);
    }

    @Test
    void countsIntersectionOverUnionPerMaskAndOverall() {
        INDArray truth = background(3);
        INDArray decoded = background(3);
        // mask 0: truth = left half (8 px), decoded = top half (8 px): intersection 4, union 12
        truth.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).assign(1);
        decoded.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all()).assign(1);
        // mask 1: identical single pixel, decoded greyish but above mid-grey on average (0.3, 0.3, -0.3)
        truth.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(3), NDArrayIndex.point(3)).assign(1);
        decoded.putScalar(new long[] {1, 0, 3, 3}, 0.3);
        decoded.putScalar(new long[] {1, 1, 3, 3}, 0.3);
        decoded.putScalar(new long[] {1, 2, 3, 3}, -0.3);
        // mask 2: empty in both -> IoU 1
        MaskIoU iou = MaskIoU.of(truth, decoded);
        assertEquals((4.0 / 12 + 1 + 1) / 3, iou.meanIoU(), 1e-12);
        assertEquals((4.0 + 1) / (12 + 1), iou.overallIoU(), 1e-12);
        assertEquals(4.0 / 12, iou.minIoU(), 1e-12);
        assertEquals(3, iou.masks());
        assertThrows(IllegalArgumentException.class, () -> MaskIoU.of(truth, background(2)));
    }
}
