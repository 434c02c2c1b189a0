package org.genmask.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The learning-rate schedule: linear warm-up, then constant or a half cosine down to a floor. */
class AdamWConfigTest {

    private static AdamWConfig warmup(int steps) {
        return new AdamWConfig(1e-3, 0.9, 0.999, 1e-8, 0, steps, 1.0);
    }

    @Test
    void warmupRisesLinearlyThenStaysConstant() {
        AdamWConfig c = warmup(10);
        assertEquals(1e-4, c.lrAt(1), 1e-15);
        assertEquals(5e-4, c.lrAt(5), 1e-15);
        assertEquals(1e-3, c.lrAt(10), 1e-15);
        assertEquals(1e-3, c.lrAt(1_000_000), 1e-15);
        assertEquals(1e-3, warmup(0).lrAt(1), 1e-15);
    }

    @Test
    void cosineDecaysFromThePeakToTheFloorAndStaysThere() {
        AdamWConfig c = warmup(10).withCosineDecay(110, 0.1);
        assertEquals(1e-3, c.lrAt(10), 1e-15);                 // end of warm-up: the peak
        assertEquals(1e-4 + 0.9e-3 * 0.5, c.lrAt(60), 1e-15);   // half way: the mid-point
        assertEquals(1e-4, c.lrAt(110), 1e-15);                 // last step: the floor
        assertEquals(1e-4, c.lrAt(500), 1e-15);
        double previous = Double.MAX_VALUE;
        for (long step = 10; step <= 110; step++) {
            assertTrue(c.lrAt(step) <= previous, "not monotone at step " + step);
            previous = c.lrAt(step);
        }
        assertEquals(0.0, warmup(0).withCosineDecay(4, 0).lrAt(4), 1e-15);
    }

    @Test
    void badScheduleValuesNameTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> warmup(10).withCosineDecay(10, 0.1));
        assertTrue(e.getMessage().contains("decay_steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> warmup(10).withCosineDecay(100, 1.5));
        assertTrue(e.getMessage().contains("final_lr_ratio"), e.getMessage());
    }
}
