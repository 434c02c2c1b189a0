package org.genmask.jobs.train;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.stream.IntStream;
import org.genmask.dtype.BFloat16;

/**
 * A flat vector as it travels between the driver and the workers of a round: float32, or bfloat16. The parameters
 * [P] always travel as float32; the AdamW moments [2P] (m, then v) as bfloat16 when the config key
 * {@code moments_dtype} says so, which halves two thirds of the bytes a round moves. bfloat16 keeps float32's
 * exponent range, so no second moment underflows to 0 (float16 would), and each value is within a relative 2^-8 of
 * the float: far below the noise of the moments themselves, but too coarse for the parameters, whose updates are
 * smaller than that.
 *
 * <p>The values are stored as their little-endian bytes, in chunks of at most 2^26 values (so no Java array
 * overflows at any model size). Java serialisation writes and reads a byte array in one bulk copy, where it converts
 * a float or short array value by value; loading into and reading out of a trainer's native buffer is a bulk copy
 * too. The driver's average runs in parallel over blocks of values; each value is computed alone, so the result
 * does not depend on the thread count.
 */
final class ShippedVector implements Serializable {
    private static final long serialVersionUID = 2L;
    /** log2 of the values per chunk by default. */
    static final int CHUNK_SHIFT = 26;
    /** log2 of the values per block of the parallel average (a chunk holds whole blocks). */
    private static final int BLOCK_SHIFT = 20;
    /** Values per bulk copy when converting between bfloat16 bytes and a float buffer. */
    private static final int COPY_BLOCK = 4096;
    private static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final int length;
    private final boolean bfloat16;
    private final int chunkShift;
    /** Little-endian values: every chunk holds 2^chunkShift values but the last. */
    private final byte[][] chunks;

    private ShippedVector(int length, boolean bfloat16, int chunkShift) {
        this.length = length;
        this.bfloat16 = bfloat16;
        this.chunkShift = chunkShift;
        int per = 1 << chunkShift;
        this.chunks = new byte[(length + per - 1) / per][];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = new byte[Math.min(per, length - c * per) * width()];
        }
    }

    /** {@code values} rounded to bfloat16 (nearest even) or kept as float32, in chunks of 2^{@link #CHUNK_SHIFT}. */
    static ShippedVector of(float[] values, boolean asBfloat16) {
        return of(FloatBuffer.wrap(values), asBfloat16, CHUNK_SHIFT);
    }

    /** The {@code buffer}'s values from position 0 to its limit in one pass, as float32 or rounded to bfloat16. */
    static ShippedVector of(FloatBuffer buffer, boolean asBfloat16) {
        return of(buffer, asBfloat16, CHUNK_SHIFT);
    }

    /** As {@link #of(FloatBuffer, boolean)} with chunks of 2^{@code chunkShift} values (tests use small chunks). */
    static ShippedVector of(FloatBuffer buffer, boolean asBfloat16, int chunkShift) {
        FloatBuffer in = buffer.duplicate().rewind();
        ShippedVector v = new ShippedVector(in.limit(), asBfloat16, chunkShift);
        for (int c = 0; c < v.chunks.length; c++) {
            int from = c << chunkShift;
            int n = v.chunkLength(c);
            if (asBfloat16) {
                ShortBuffer out = v.shortView(c);
                float[] block = new float[Math.min(n, COPY_BLOCK)];
                short[] bits = new short[block.length];
                for (int i = 0; i < n; i += block.length) {
                    int k = Math.min(block.length, n - i);
                    in.get(from + i, block, 0, k);              // bulk copies through two small arrays
                    for (int j = 0; j < k; j++) {
                        bits[j] = BFloat16.bits(block[j]);
                    }
                    out.put(i, bits, 0, k);
                }
            } else {
                v.view(c).put(in.slice(from, n));               // a bulk copy
            }
        }
        return v;
    }

    int length() {
        return length;
    }

    float get(int i) {
        byte[] chunk = chunks[i >>> chunkShift];
        int k = i & ((1 << chunkShift) - 1);
        return bfloat16 ? BFloat16.value((short) I16.get(chunk, 2 * k)) : (float) F32.get(chunk, 4 * k);
    }

    /** The values as a new float array. */
    float[] values() {
        float[] out = new float[length];
        writeTo(FloatBuffer.wrap(out));
        return out;
    }

    /** This vector as float32 or as bfloat16 (itself when it already is). */
    ShippedVector as(boolean asBfloat16) {
        return asBfloat16 == bfloat16 ? this : of(FloatBuffer.wrap(values()), asBfloat16, chunkShift);
    }

    /** Writes the values into {@code buffer} from position 0, in one pass; its limit must be this vector's length. */
    void writeTo(FloatBuffer buffer) {
        FloatBuffer out = buffer.duplicate().rewind();
        requireLength(out.limit());
        for (int c = 0; c < chunks.length; c++) {
            int from = c << chunkShift;
            if (bfloat16) {
                ShortBuffer in = shortView(c);
                int n = chunkLength(c);
                short[] bits = new short[Math.min(n, COPY_BLOCK)];
                float[] block = new float[bits.length];
                for (int i = 0; i < n; i += bits.length) {
                    int k = Math.min(bits.length, n - i);
                    in.get(i, bits, 0, k);
                    for (int j = 0; j < k; j++) {
                        block[j] = BFloat16.value(bits[j]);
                    }
                    out.put(from + i, block, 0, k);
                }
            } else {
                out.put(from, view(c), 0, chunkLength(c));      // a bulk copy
            }
        }
    }

    /** {@code sum[i] += this[i]}. */
    void addTo(double[] sum) {
        requireLength(sum.length);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += get(i);
        }
    }

    /**
     * The float of {@code (a[i] + b[i]) / workers} in double ({@code b} null: {@code a[i] / workers}), stored as
     * float32 or bfloat16; if {@code ema} is not null, also {@code ema[i] = d * ema[i] + (1 - d) * mean[i]} with the
     * float mean, in the same pass.
     */
    static ShippedVector mean(ShippedVector a, ShippedVector b, int workers, boolean asBfloat16, float[] ema,
                              double decay) {
        ShippedVector out = new ShippedVector(a.length, asBfloat16, a.chunkShift);
        if (b == null) {
            out.fill(i -> (float) ((double) a.get(i) / workers), ema, decay);
        } else {
            a.requireLength(b.length());
            out.fill(i -> (float) (((double) a.get(i) + b.get(i)) / workers), ema, decay);
        }
        return out;
    }

    /** The float of {@code sums[i] / workers}, stored as float32 or bfloat16, with the EMA as above. */
    static ShippedVector mean(double[] sums, int workers, boolean asBfloat16, float[] ema, double decay) {
        ShippedVector out = new ShippedVector(sums.length, asBfloat16, CHUNK_SHIFT);
        out.fill(i -> (float) (sums[i] / workers), ema, decay);
        return out;
    }

    private interface ValueAt {
        float at(int i);
    }

    /** Sets every value from {@code source} (and updates {@code ema}), in parallel over blocks. */
    private void fill(ValueAt source, float[] ema, double decay) {
        if (ema != null) {
            requireLength(ema.length);
        }
        int blockShift = Math.min(BLOCK_SHIFT, chunkShift);
        int blocks = (length + (1 << blockShift) - 1) >>> blockShift;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b << blockShift;
            int to = Math.min(length, from + (1 << blockShift));
            byte[] chunk = chunks[from >>> chunkShift];
            int base = from & ~((1 << chunkShift) - 1);
            for (int i = from; i < to; i++) {
                float v = source.at(i);
                if (bfloat16) {
                    I16.set(chunk, 2 * (i - base), BFloat16.bits(v));
                } else {
                    F32.set(chunk, 4 * (i - base), v);
                }
                if (ema != null) {
                    ema[i] = (float) (decay * ema[i] + (1 - decay) * v);
                }
            }
        });
    }

    private int width() {
        return bfloat16 ? 2 : 4;
    }

    private int chunkLength(int c) {
        return chunks[c].length / width();
    }

    private ShortBuffer shortView(int c) {
        return ByteBuffer.wrap(chunks[c]).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    }

    private FloatBuffer view(int c) {
        return ByteBuffer.wrap(chunks[c]).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    private void requireLength(int other) {
        if (length != other) {
            throw new IllegalStateException("workers disagree on the vector length: " + length + " vs " + other);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        long per = 1L << chunkShift;
        boolean ok = length >= 0 && chunkShift > 0 && chunkShift <= 28 && chunks != null
                && chunks.length == (length + per - 1) / per;
        for (int c = 0; ok && c < chunks.length; c++) {
            ok = chunks[c] != null && chunks[c].length == Math.min(per, length - c * per) * width();
        }
        if (!ok) {
            throw new InvalidObjectException("shipped vector of " + length + " values: chunks do not match its length");
        }
    }
}
