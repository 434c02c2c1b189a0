package org.genmask.jobs.train;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.PretrainedInit;

/**
 * The {@code init_from} weights of a fresh run: a safetensors file on any Hadoop file system (a local path,
 * {@code file:}, {@code hdfs://}, {@code s3a://}), copied to a local temporary file, applied to the driver's model by
 * {@link PretrainedInit}, and deleted. A run that resumes from its own checkpoint never reads it.
 */
final class InitialWeights {

    private InitialWeights() {
    }

    /**
     * Copies the tensors of {@code initFrom} into {@code model}.
     *
     * @throws IllegalArgumentException naming the key and {@code initFrom} when the file is missing, truncated or
     *                                  holds a tensor of another shape
     */
    static PretrainedInit apply(GenMaskDiT model, String initFrom, Configuration hadoop) throws IOException {
        Path source = new Path(initFrom);
        FileSystem fs = source.getFileSystem(hadoop);
        if (!fs.isFile(source)) {
            throw new IllegalArgumentException("config key 'init_from': " + initFrom + " is not a file (expected a "
                    + "safetensors file, e.g. a checkpoint's ema.safetensors)");
        }
        java.nio.file.Path local = Files.createTempFile("genmask-init", ".safetensors");
        try {
            fs.copyToLocalFile(false, source, new Path(local.toUri()), true);
            return PretrainedInit.apply(model, local);
        } catch (IOException e) { // a truncated or foreign file: name the user's location, not the local copy
            String message = String.valueOf(e.getMessage()).replace(local.toString(), initFrom);
            throw new IllegalArgumentException("config key 'init_from': " + message, e);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
