package org.genmask.data.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class LatentDTypeTest {

    private static float[] randomValues(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double scale = Math.pow(10, rng.nextInt(-6, 5)); // 1e-6 .. 1e4: subnormal to large float16
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    @Test
    void float32IsBitExactLittleEndian() {
        float[] v = {0f, -0f, 1f, -2.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY};
        byte[] b = LatentDType.FLOAT32.encode(v);
        assertEquals(32, b.length);
        assertEquals(0x3f, b[11] & 0xff); // 1.0f = 0x3f800000, little-endian: last byte of the third value
        float[] back = LatentDType.FLOAT32.decode(b, v.length);
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(back[i]));
        }
    }

    @Test
    void everyFloat16PatternRoundTrips() {
        for (int bits = 0; bits < 65536; bits++) {
            short s = (short) bits;
            float h = LatentDType.fromFloat16(s);
            if (!Float.isNaN(h)) {
                assertEquals(s, LatentDType.toFloat16(h), "float16 bits " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void float16MatchesNd4jRoundingAndPrecision() {
        float[] v = randomValues(20_000, 3);
        float[] nd4j = Nd4j.createFromArray(v).castTo(DataType.HALF).castTo(DataType.FLOAT).toFloatVector();
        float[] ours = LatentDType.FLOAT16.decode(LatentDType.FLOAT16.encode(v), v.length);
        assertArrayEquals(nd4j, ours);
        for (int i = 0; i < v.length; i++) {
            double tol = Math.max(Math.abs(v[i]) * 0x1p-11, 0x1p-25); // half an ulp (normal) / subnormal step
            assertTrue(Math.abs(ours[i] - v[i]) <= tol, v[i] + " -> " + ours[i]);
        }
        assertEquals(1.0f + 0x1p-10f, LatentDType.FLOAT16.round(1.0f + 0x1p-10f));
        assertEquals(1.0f, LatentDType.FLOAT16.round(1.0f + 0x1p-11f)); // tie to even
        assertEquals(1.0f + 0x1p-9f, LatentDType.FLOAT16.round(1.0f + 3 * 0x1p-11f)); // tie to even (up)
    }

    @Test
    void bfloat16RoundsToNearestEvenWithinPrecision() {
        float[] v = randomValues(20_000, 4);
        float[] ours = LatentDType.BFLOAT16.decode(LatentDType.BFLOAT16.encode(v), v.length);
        for (int i = 0; i < v.length; i++) {
            assertTrue(Math.abs(ours[i] - v[i]) <= Math.abs(v[i]) * 0x1p-8, v[i] + " -> " + ours[i]);
        }
        assertEquals(1.0f, LatentDType.BFLOAT16.round(1.0f + 0x1p-8f)); // tie to even
        assertEquals(1.0f + 0x1p-6f, LatentDType.BFLOAT16.round(1.0f + 3 * 0x1p-8f));
        assertTrue(Float.isNaN(LatentDType.BFLOAT16.round(Float.NaN)));
        assertEquals(4, LatentDType.BFLOAT16.encode(new float[] {1, 2}).length);
    }

    @Test
    void overflowAndWrongLengthsAreErrors() {
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> LatentDType.FLOAT16.encode(new float[] {1e5f}));
        assertTrue(e.getMessage().contains("overflows float16"), e.getMessage());
        LatentDType.BFLOAT16.encode(new float[] {1e30f}); // fits bfloat16's range
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> LatentDType.FLOAT16.decode(new byte[6], 4));
        assertTrue(l.getMessage().contains("needs 8 bytes, got 6"), l.getMessage());
        assertEquals(LatentDType.BFLOAT16, LatentDType.parse("bfloat16"));
        assertThrows(IllegalArgumentException.class, () -> LatentDType.parse("fp16"));
    }
}
