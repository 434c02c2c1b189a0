package org.genmask.data.latents;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the latent partition below a dataset directory ({@code <output>/dataset=<name>}), so that a schedule or a
 * quickstart can name the dataset without knowing the cache key id that the VAE and settings produce.
 */
final class KeyDirectory {
    private KeyDirectory() {
    }

    /**
     * The {@code key=<id>} directory below {@code datasetDir} that holds a completion marker: the one named by
     * {@code keyId} when it is not null, else the only complete one.
     *
     * @throws IllegalStateException when there is none, or several and no key id chooses
     */
    static String resolve(String datasetDir, String keyId, Configuration conf) throws IOException {
        Path dir = new Path(datasetDir);
        FileSystem fs = dir.getFileSystem(conf);
        if (keyId != null) {
            return new Path(dir, "key=" + keyId).toString();
        }
        List<String> complete = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        FileStatus[] children;
        try {
            children = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException(datasetDir + ": no such latent dataset directory; run "
                    + "PrecomputeLatentsJob first");
        }
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (child.isDirectory() && name.startsWith("key=")) {
                (fs.exists(new Path(child.getPath(), LatentPartition.MARKER)) ? complete : incomplete).add(name);
            }
        }
        if (complete.size() == 1) {
            return new Path(dir, complete.get(0)).toString();
        }
        if (complete.isEmpty()) {
            throw new IllegalStateException(datasetDir + ": no complete latent partition (key=... with "
                    + LatentPartition.MARKER + ")" + (incomplete.isEmpty() ? "" : "; incomplete: " + incomplete)
                    + "; rerun PrecomputeLatentsJob");
        }
        complete.sort(null);
        throw new IllegalStateException(datasetDir + ": several complete latent partitions " + complete
                + "; choose one with ?key=<id> or name its key= directory");
    }
}
