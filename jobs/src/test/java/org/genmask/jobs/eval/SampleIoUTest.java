package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleIoUTest {

    private static PixelMask mask(int w, int h, String rows) {
        String s = rows.replace(" ", "");
        boolean[] bits = new boolean[w * h];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = s.charAt(i) == '#';
        }
        return new PixelMask(w, h, bits);
    }

    @Test
    void countsIntersectionAndUnion() {
        PixelMask pred = mask(4, 2, "##.. ##..");
        PixelMask truth = mask(4, 2, ".##. .##.");
        SampleIoU s = SampleIoU.of(pred, truth);
        assertEquals(2, s.intersection());
        assertEquals(6, s.union());
        assertEquals(1.0 / 3, s.iou());
    }

    @Test
    void emptyPredictionAndEmptyTruthIsAPerfectSample() {
        SampleIoU s = SampleIoU.of(mask(2, 1, ".."), mask(2, 1, ".."));
        assertEquals(0, s.union());
        assertEquals(1.0, s.iou());
        assertTrue(s.atLeast(90));
    }

    @Test
    void emptyTruthWithSomethingPredictedScoresZero() {
        SampleIoU s = SampleIoU.of(mask(2, 1, "#."), mask(2, 1, ".."));
        assertEquals(0.0, s.iou());
        assertFalse(s.atLeast(50));
    }

    @Test
    void emptyPredictionOfARealObjectScoresZero() {
        assertEquals(0.0, SampleIoU.of(mask(2, 1, ".."), mask(2, 1, "##")).iou());
    }

    @Test
    void thresholdsAreDecidedExactly() {
        SampleIoU half = new SampleIoU(1, 2);
        assertTrue(half.atLeast(50));
        assertFalse(half.atLeast(60));
        SampleIoU seven = new SampleIoU(7, 10);
        assertTrue(seven.atLeast(70));
        assertFalse(seven.atLeast(80));
        assertFalse(new SampleIoU(699_999, 1_000_000).atLeast(70));
    }

    @Test
    void sizesMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleIoU.of(mask(2, 1, "##"), mask(1, 2, "##")));
        assertTrue(e.getMessage().contains("2x1") && e.getMessage().contains("1x2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SampleIoU(3, 2));
    }
}
