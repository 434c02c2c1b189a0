package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpressionResultTest {

    @Test
    void predictedPixelsFollowFromTheCountsOnHandMadeMasks() {
        // 4x2 frame: truth covers columns 0-1 of both rows (4 px), the prediction columns 1-3 of row 0 (3 px)
        boolean[] truth = {true, true, false, false, true, true, false, false};
        boolean[] predicted = {false, true, true, true, false, false, false, false};
        PixelMask t = new PixelMask(4, 2, truth);
        SampleIoU counts = SampleIoU.of(new PixelMask(4, 2, predicted), t);
        ExpressionResult r = new ExpressionResult("a", "the left shape", t.count(), counts, null);
        assertEquals(1, counts.intersection());
        assertEquals(6, counts.union());
        assertEquals(3, r.predictedPixels());
        ExpressionResult empty = new ExpressionResult("b", "nothing", 0, new SampleIoU(0, 0), null);
        assertEquals(0, empty.predictedPixels());
    }

    @Test
    void inconsistentCountsAreRejectedNamingTheExpression() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExpressionResult("seg/7", "x", 9, new SampleIoU(2, 5), null));
        assertTrue(e.getMessage().startsWith("seg/7: truth pixels 9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExpressionResult(null, "x", 0, new SampleIoU(0, 0),
                null));
    }
}
