package org.genmask.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.genmask.dtype.BFloat16;
import org.junit.jupiter.api.Test;

class ShippedVectorTest {
    private static final float[] VALUES = {0f, 1e-30f, -3.25f, 1.0f + 0x1p-8f, 7.5e-9f, 123456.78f};

    private static FloatBuffer direct(float[] values) {
        FloatBuffer b = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(values).flip();
        return b;
    }

    @Test
    void float32TravelsExactlyFromAndIntoBuffers() {
        FloatBuffer source = direct(VALUES);
        source.position(3);                                      // read from 0 whatever the position
        ShippedVector v = ShippedVector.of(source, false);
        assertArrayEquals(VALUES, v.values());
        assertArrayEquals(VALUES, ShippedVector.of(VALUES, false).values());
        FloatBuffer target = direct(new float[VALUES.length]);
        v.writeTo(target);
        float[] back = new float[VALUES.length];
        target.get(0, back);
        assertArrayEquals(VALUES, back);
    }

    @Test
    void bfloat16TravelsRoundedToNearestEven() {
        ShippedVector v = ShippedVector.of(direct(VALUES), true);
        assertEquals(VALUES.length, v.length());
        float[] back = new float[VALUES.length];
        v.writeTo(FloatBuffer.wrap(back));
        for (int i = 0; i < VALUES.length; i++) {
            assertEquals(BFloat16.value(BFloat16.bits(VALUES[i])), back[i], "value " + i);
        }
        assertEquals(1.0f, back[3]);                              // the tie went to the even mantissa
        assertArrayEquals(back, ShippedVector.of(VALUES, true).values());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> v.writeTo(FloatBuffer.wrap(new float[VALUES.length + 1])));
        assertEquals("workers disagree on the vector length: 6 vs 7", e.getMessage());
    }
}
