package org.genmask.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The files of one dataset root (see {@code docs/dataset-layout.md}), addressed only by {@link RelativePath}, so a
 * dataset can never reach outside its root. The local implementation is
 * {@link org.genmask.data.local.LocalDatasetFiles}; a Spark job supplies one over Hadoop's {@code FileSystem} for
 * {@code s3a://} and {@code hdfs://} roots.
 *
 * <p>Errors name the file by its full URI ({@link #uri(RelativePath)}).
 */
public interface DatasetFiles {

    /** The root as a URI string, e.g. {@code file:///data/synthetic/} or {@code s3a://bucket/synthetic}. */
    String root();

    /** Whether the file exists (a directory does not count). */
    boolean exists(RelativePath path) throws IOException;

    /** Opens the file for reading; a missing file is a {@link java.io.FileNotFoundException} naming its URI. */
    InputStream open(RelativePath path) throws IOException;

    /**
     * Creates (or replaces) the file, creating missing parent directories. The file may appear only when the
     * stream is closed.
     */
    OutputStream create(RelativePath path) throws IOException;

    /** The file's full URI: {@link RelativePath#resolveAgainst(String)} with {@link #root()}. */
    default String uri(RelativePath path) {
        return path.resolveAgainst(root());
    }

    /** The whole file. */
    default byte[] read(RelativePath path) throws IOException {
        try (InputStream in = open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /** Creates (or replaces) the file with these bytes. */
    default void write(RelativePath path, byte[] bytes) throws IOException {
        try (OutputStream out = create(path)) {
            out.write(bytes);
        }
    }
}
