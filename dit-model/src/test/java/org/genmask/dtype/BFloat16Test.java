package org.genmask.dtype;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BFloat16Test {

    @Test
    void every16BitPatternRoundTrips() {
        for (int b = 0; b < 65536; b++) {
            short s = (short) b;
            float f = BFloat16.value(s);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(BFloat16.value(BFloat16.bits(f))), "NaN stays NaN: " + Integer.toHexString(b));
            } else {
                assertEquals(s, BFloat16.bits(f), "bfloat16 bits " + Integer.toHexString(b));
            }
        }
    }

    @Test
    void roundsToNearestTiesToEven() {
        // 1 + 2^-8 lies halfway between 1 and 1 + 2^-7: ties go to the even mantissa, 1
        assertEquals(1f, BFloat16.value(BFloat16.bits(1f + 0x1p-8f)));
        // 1 + 3 * 2^-8 lies halfway between 1 + 2^-7 (odd) and 1 + 2^-6: goes up to the even one
        assertEquals(1f + 0x1p-6f, BFloat16.value(BFloat16.bits(1f + 3 * 0x1p-8f)));
        // just above the halfway point rounds up
        assertEquals(1f + 0x1p-7f, BFloat16.value(BFloat16.bits(Math.nextUp(1f + 0x1p-8f))));
        assertEquals(Float.POSITIVE_INFINITY, BFloat16.value(BFloat16.bits(Float.POSITIVE_INFINITY)));
        assertEquals(Float.POSITIVE_INFINITY, BFloat16.value(BFloat16.bits(Float.MAX_VALUE))); // rounds past the top
    }

    @Test
    void relativeErrorIsAtMostTwoToTheMinus8AcrossTheFloatRange() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // magnitudes from 1e-30 to 1e30, as the second moments of an optimizer span
            float v = (float) (Math.pow(10, rng.nextDouble(-30, 30)) * (rng.nextBoolean() ? 1 : -1));
            float back = BFloat16.value(BFloat16.bits(v));
            assertTrue(Math.abs(back - v) <= Math.abs(v) * 0x1p-8f, v + " -> " + back);
        }
    }

    @Test
    void arraysConvertElementWise() {
        float[] v = {0f, -0f, 1.5f, -2.75f, 3.0e-20f, 6.5e20f};
        short[] bits = BFloat16.encode(v);
        float[] back = BFloat16.decode(bits);
        for (int i = 0; i < v.length; i++) {
            assertEquals(BFloat16.bits(v[i]), bits[i]);
            assertEquals(BFloat16.value(bits[i]), back[i]);
        }
        assertArrayEquals(new float[] {0f, -0f, 1.5f, -2.75f}, java.util.Arrays.copyOf(back, 4));
    }
}
