package org.genmask.safetensors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Read access to a safetensors file. {@link #open} validates the whole header (dtypes, shapes, offsets inside the
 * file, no overlaps) before anything is read; tensor data is memory-mapped per tensor and copied once into an ND4J
 * array, so a large file is never held in the Java heap. Thread-safe for concurrent reads.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Elements converted per mapped chunk; bounds the heap used while reading one large tensor. */
    private static final int CHUNK_ELEMENTS = 1 << 24;

    private final Path path;
    private final FileChannel channel;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path path, FileChannel channel, SafetensorsHeader header) {
        this.path = path;
        this.channel = channel;
        this.header = header;
    }

    /** Opens and validates {@code path}; throws {@link SafetensorsFormatException} naming the file and field. */
    public static SafetensorsFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new SafetensorsFile(path, ch, SafetensorsHeader.read(path, ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The {@code __metadata__} object (empty when absent), in file order. */
    public Map<String, String> metadata() {
        return header.metadata;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return header.tensors.keySet();
    }

    /** Header entry of {@code name}; throws {@link IllegalArgumentException} naming the file when absent. */
    public TensorInfo info(String name) {
        TensorInfo t = header.tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(path + ": no tensor '" + name + "' (the file has "
                    + header.tensors.size() + " tensors)");
        }
        return t;
    }

    /** The tensor as float32, C order, stored shape (F16/BF16 converted exactly). */
    public INDArray read(String name) {
        TensorInfo t = info(name);
        try {
            return readData(t);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": tensor '" + name + "': read failed: " + e.getMessage(), e);
        }
    }

    /** As {@link #read(String)}, but first checks the stored shape equals {@code expectedShape}. */
    public INDArray read(String name, long... expectedShape) {
        TensorInfo t = info(name);
        if (!Arrays.equals(t.shape(), expectedShape)) {
            throw new IllegalArgumentException(path + ": tensor '" + name + "': shape " + Arrays.toString(t.shape())
                    + " but expected " + Arrays.toString(expectedShape));
        }
        return read(name);
    }

    /**
     * Reads exactly the tensors named in {@code expected} (name to shape). If any is missing, any stored tensor is
     * not expected, or any shape differs, throws one {@link SafetensorsFormatException} listing all of them.
     * Result in the iteration order of {@code expected}.
     */
    public Map<String, INDArray> readAll(Map<String, long[]> expected) throws SafetensorsFormatException {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> wrongShape = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            TensorInfo t = header.tensors.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                wrongShape.add(e.getKey() + " " + Arrays.toString(t.shape()) + " expected "
                        + Arrays.toString(e.getValue()));
            }
        }
        for (String name : header.tensors.keySet()) {
            if (!expected.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !wrongShape.isEmpty()) {
            throw SafetensorsFormatException.of(path, "tensors do not match the expected set: missing " + missing
                    + "; unexpected " + unexpected + "; wrong shape " + wrongShape);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            out.put(name, read(name));
        }
        return out;
    }

    private INDArray readData(TensorInfo t) throws IOException {
        long n = t.elementCount();
        long[] shape = t.shape();
        if (n == 0) {
            return Nd4j.create(DataType.FLOAT, shape, 'c'); // empty array with the stored shape
        }
        if (n <= CHUNK_ELEMENTS) {
            float[] values = readChunk(t, 0, (int) n);
            return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
        }
        INDArray flat = Nd4j.create(DataType.FLOAT, n); // [n]
        for (long off = 0; off < n; off += CHUNK_ELEMENTS) {
            int len = (int) Math.min(CHUNK_ELEMENTS, n - off);
            float[] values = readChunk(t, off, len);
            flat.get(NDArrayIndex.interval(off, off + len)).assign(Nd4j.createFromArray(values));
        }
        return flat.reshape(shape); // [n] -> stored shape
    }

    private float[] readChunk(TensorInfo t, long firstElement, int count) throws IOException {
        int size = t.dtype().byteSize();
        long position = header.dataStart + t.begin() + firstElement * size;
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, position, (long) count * size);
        mapped.order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[count];
        t.dtype().decode(mapped, values, count);
        return values;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": close failed: " + e.getMessage(), e);
        }
    }
}
