package org.genmask.data.local;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.genmask.data.DatasetFiles;
import org.genmask.data.RelativePath;

/** {@link DatasetFiles} on the local file system under a root directory. */
public final class LocalDatasetFiles implements DatasetFiles {

    private final Path root;

    /**
     * @param root the dataset root directory (need not exist yet when writing)
     */
    public LocalDatasetFiles(Path root) {
        if (root == null) {
            throw new IllegalArgumentException("dataset root is null");
        }
        this.root = root.toAbsolutePath().normalize();
    }

    /** The root directory. */
    public Path directory() {
        return root;
    }

    /** The local path of a dataset file. */
    public Path path(RelativePath path) {
        return root.resolve(path.value());
    }

    @Override
    public String root() {
        return root.toUri().toString();
    }

    @Override
    public boolean exists(RelativePath path) {
        return Files.isRegularFile(path(path));
    }

    @Override
    public InputStream open(RelativePath path) throws IOException {
        try {
            return Files.newInputStream(path(path));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(uri(path) + ": file not found");
        }
    }

    @Override
    public OutputStream create(RelativePath path) throws IOException {
        Path file = path(path);
        Files.createDirectories(file.getParent());
        return Files.newOutputStream(file);
    }

    @Override
    public String toString() {
        return root();
    }
}
