package org.genmask.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Writes float32 safetensors files. The file appears atomically: it is written to a temporary file in the same
 * directory, forced to disk, then renamed over {@code path}.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_ELEMENTS = 1 << 22;

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensorsInOrder} (any numeric dtype, converted to F32) back to back in iteration order, with
     * {@code metadata} (may be null or empty) as {@code __metadata__}.
     */
    public static void write(Path path, Map<String, INDArray> tensorsInOrder, Map<String, String> metadata)
            throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            header.put(SafetensorsHeader.METADATA_KEY, new TreeMap<>(metadata)); // sorted: same bytes in any JVM
        }
        long offset = 0;
        for (Map.Entry<String, INDArray> e : tensorsInOrder.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || SafetensorsHeader.METADATA_KEY.equals(name)) {
                throw SafetensorsFormatException.of(path, "invalid tensor name '" + name + "'");
            }
            INDArray a = e.getValue();
            if (a == null) {
                throw SafetensorsFormatException.ofTensor(path, name, "array is null");
            }
            long bytes = a.length() * 4L;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", SafetensorsDType.F32.name());
            entry.put("shape", a.shape());
            entry.put("data_offsets", List.of(offset, offset + bytes));
            header.put(name, entry);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();

        Path abs = path.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            readableLikeANewFile(tmp, abs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeAll(ch, head);
                for (INDArray a : tensorsInOrder.values()) {
                    writeTensor(ch, a);
                }
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A temporary file is created owner-only (0600); give it the permissions of the file it replaces, or else
     * {@code rw-r--r--}, so that other users (e.g. Spark executors) can read the result as with a plain write.
     */
    private static void readableLikeANewFile(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    private static void writeTensor(FileChannel ch, INDArray a) throws IOException {
        long n = a.length();
        if (n == 0) {
            return;
        }
        INDArray flat = a.castTo(DataType.FLOAT).dup('c').reshape(n); // any shape -> [n], C order
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(n, CHUNK_ELEMENTS) * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long off = 0; off < n; off += CHUNK_ELEMENTS) {
            long end = Math.min(n, off + CHUNK_ELEMENTS);
            float[] values = n == 1 ? new float[] {flat.getFloat(0)}
                    : flat.get(NDArrayIndex.interval(off, end)).toFloatVector();
            buf.clear();
            buf.asFloatBuffer().put(values);
            buf.limit(values.length * 4);
            writeAll(ch, buf);
        }
    }

    private static void writeAll(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
