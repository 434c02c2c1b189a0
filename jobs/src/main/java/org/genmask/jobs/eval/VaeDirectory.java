package org.genmask.jobs.eval;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.genmask.data.jobs.VaeLocation;
import org.genmask.vae.DefaultVae;

/**
 * The config key {@code vae_dir} of the evaluation, sampling and analysis jobs: a local VAE directory (the same path
 * on every executor, not one on Hadoop's default file system) or {@code default}, the embedded VAE. Resolved and its
 * weights hashed by {@link VaeLocation}, the code the precomputation builds its cache key with.
 */
final class VaeDirectory {
    /** How {@link VaeLocation} names the precomputation's key in its messages. */
    private static final String PRECOMPUTE_KEY = "config key 'vae': ";

    private VaeDirectory() {
    }

    /**
     * @param vaeDir a non-blank {@code vae_dir}
     * @throws IOException the directory cannot be read (its message starts with {@code config key 'vae_dir'})
     */
    static VaeLocation resolve(String vaeDir, Configuration hadoop) throws IOException {
        try {
            return VaeLocation.resolve(DefaultVae.isDefault(vaeDir) ? vaeDir
                    : java.nio.file.Path.of(vaeDir).toAbsolutePath().toUri().toString(), hadoop);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw new IOException("config key 'vae_dir': " + (m.startsWith(PRECOMPUTE_KEY) ? m.substring(
                    PRECOMPUTE_KEY.length()) : m), e);
        }
    }
}
