package org.genmask.data.hadoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.genmask.data.DatasetFiles;
import org.genmask.data.RelativePath;

/**
 * {@link DatasetFiles} over Hadoop's {@link FileSystem}: any root Hadoop can reach ({@code /local/dir},
 * {@code file:///...}, {@code s3a://bucket/prefix}, {@code hdfs://...}). Serializable, with its Hadoop
 * configuration, so Spark tasks can use it; each JVM takes the file system from Hadoop's cache.
 */
public final class HadoopDatasetFiles implements DatasetFiles, Serializable {

    private static final long serialVersionUID = 1L;

    private final String root;
    private transient Configuration conf;

    /**
     * @param root a directory URI or path; a path without a scheme is qualified with the default file system
     * @param conf the Hadoop configuration (copied)
     */
    public HadoopDatasetFiles(String root, Configuration conf) throws IOException {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("dataset root is empty");
        }
        this.conf = new Configuration(conf);
        Path p = new Path(root);
        this.root = p.getFileSystem(this.conf).makeQualified(p).toString();
    }

    @Override
    public String root() {
        return root;
    }

    /** The Hadoop path of a dataset file. */
    public Path path(RelativePath path) {
        return new Path(uri(path));
    }

    /** The Hadoop configuration this instance uses (do not modify). */
    public Configuration configuration() {
        return conf;
    }

    /** The file system of the root. */
    public FileSystem fileSystem() throws IOException {
        return new Path(root).getFileSystem(conf);
    }

    @Override
    public boolean exists(RelativePath path) throws IOException {
        try {
            FileStatus s = fileSystem().getFileStatus(path(path));
            return s.isFile();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    @Override
    public InputStream open(RelativePath path) throws IOException {
        try {
            return fileSystem().open(path(path));
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(uri(path) + ": file not found");
        }
    }

    @Override
    public OutputStream create(RelativePath path) throws IOException {
        return fileSystem().create(path(path), true);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        conf = new Configuration(false);
        conf.readFields(in);
    }

    @Override
    public String toString() {
        return root;
    }
}
