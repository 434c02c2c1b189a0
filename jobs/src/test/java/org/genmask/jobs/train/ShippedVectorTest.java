package org.genmask.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
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

    private static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void chunkedVectorsKeepEveryValueAcrossChunkBordersAndSerialisation() throws Exception {
        float[] values = new float[37];                          // chunks of 8: four whole and one of 5
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.scalb(Math.sin(i + 1), i % 20 - 10);
        }
        for (boolean bf16 : new boolean[] {false, true}) {
            ShippedVector v = ShippedVector.of(FloatBuffer.wrap(values), bf16, 3);
            ShippedVector whole = ShippedVector.of(values, bf16);
            float[] expected = whole.values();
            assertArrayEquals(expected, v.values(), "bfloat16 " + bf16);
            assertArrayEquals(expected, ((ShippedVector) roundTrip(v)).values(), "bfloat16 " + bf16);
            for (int i = 0; i < values.length; i++) {
                assertEquals(expected[i], v.get(i), "value " + i);
                assertEquals(bf16 ? BFloat16.value(BFloat16.bits(values[i])) : values[i], expected[i], "value " + i);
            }
            float[] ema = new float[values.length];
            ShippedVector mean = ShippedVector.mean(v, ShippedVector.of(FloatBuffer.wrap(values), bf16, 3), 2,
                    false, ema, 0.5);
            assertArrayEquals(expected, mean.values(), "the mean of a vector and itself");
            for (int i = 0; i < values.length; i++) {
                assertEquals((float) (0.5 * expected[i]), ema[i], "ema " + i);
            }
        }
    }

    @Test
    void aStreamWhoseChunksDoNotMatchTheLengthIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ShippedVector.of(FloatBuffer.wrap(new float[20]), false, 3));
        }
        byte[] stream = bytes.toByteArray();
        // the length field (an int) is serialised before the chunks: 20 -> 21 makes the last chunk one value short
        int at = -1;
        for (int i = 0; i + 3 < stream.length; i++) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 0 && stream[i + 3] == 20) {
                at = i;
                break;
            }
        }
        stream[at + 3] = 21;
        InvalidObjectException e = assertThrows(InvalidObjectException.class, () -> {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stream))) {
                in.readObject();
            }
        });
        assertEquals("shipped vector of 21 values: chunks do not match its length", e.getMessage());
    }
}
