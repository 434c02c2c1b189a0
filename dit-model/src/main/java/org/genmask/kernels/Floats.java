package org.genmask.kernels;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float array off the Java heap, or a stretch of one: BLAS reads it through its address ({@link #at}), Java loops
 * through {@link #get}/{@link #set} on a buffer whose index 0 is the stretch's first element. The eager step keeps
 * every tensor in one of these, so a matrix product costs one native call (~0.5 µs) and no copy.
 */
public final class Floats {
    private final FloatPointer base;    // position 0 = the start of the allocation
    private final int offset;
    private final FloatBuffer buffer;   // index 0 = element offset of the allocation
    private final Object owner;         // keeps an INDArray's memory alive while a view of it is in use
    public final int length;

    private Floats(FloatPointer base, int offset, int length, Object owner) {
        this.base = base;
        this.offset = offset;
        this.length = length;
        this.owner = owner;
        this.buffer = new FloatPointer(base).position(offset).limit((long) offset + Math.max(1, length)).asBuffer();
    }

    /** A fresh zeroed array. */
    public static Floats allocate(int length) {
        FloatPointer p = new FloatPointer(Math.max(1, length));
        p.zero();
        return new Floats(p, 0, length, null);
    }

    /** {@code current} when it holds at least {@code length} elements, else a fresh zeroed array. */
    public static Floats atLeast(Floats current, int length) {
        return current != null && current.length >= length ? current : allocate(length);
    }

    /** A view of a contiguous float INDArray's memory (no copy). */
    public static Floats of(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.isView() || array.ordering() != 'c') {
            throw new IllegalArgumentException("need a contiguous float32 array, got " + array.dataType()
                    + (array.isView() ? " view" : "") + " order " + array.ordering());
        }
        FloatPointer p = new FloatPointer(array.data().addressPointer()).position(0);
        return new Floats(p, 0, Math.toIntExact(array.length()), array);
    }

    /** The elements {@code from .. from + length - 1} as a view. */
    public Floats slice(int from, int length) {
        if (from < 0 || length < 0 || from + length > this.length) {
            throw new IndexOutOfBoundsException("slice " + from + "+" + length + " of " + this.length);
        }
        return new Floats(base, offset + from, length, owner);
    }

    /** The address of element {@code i}, for a native call. */
    public FloatPointer at(int i) {
        return new FloatPointer(base).position((long) offset + i);
    }

    public float get(int i) {
        return buffer.get(i);
    }

    public void set(int i, float v) {
        buffer.put(i, v);
    }

    public void add(int i, float v) {
        buffer.put(i, buffer.get(i) + v);
    }

    /** Sets the first {@code n} elements to 0 (one memset). */
    public void zero(int n) {
        if (n > length) {
            throw new IndexOutOfBoundsException("zero " + n + " of " + length);
        }
        if (n > 0) {
            new FloatPointer(base).position(offset).limit((long) offset + n).zero();
        }
    }

    /** The first {@code n} elements as a new heap array. */
    public float[] toArray(int n) {
        float[] out = new float[n];
        buffer.get(0, out, 0, n);
        return out;
    }

    /** Copies {@code n} elements into a heap array. */
    public void copyTo(int from, float[] to, int at, int n) {
        buffer.get(from, to, at, n);
    }

    /** Copies {@code n} elements from a heap array. */
    public void copyFrom(int to, float[] from, int at, int n) {
        buffer.put(to, from, at, n);
    }

    /** Copies {@code n} elements into another off-heap array (one bulk copy; the stretches must not overlap). */
    public void copyTo(int from, Floats to, int at, int n) {
        to.buffer.put(at, buffer, from, n);
    }
}
