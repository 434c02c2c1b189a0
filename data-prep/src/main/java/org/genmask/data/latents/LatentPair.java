package org.genmask.data.latents;

import java.io.Serializable;

/**
 * The VAE posterior of one input, in the VAE's own (unscaled) latent space, flattened {@code [C*H*W]} in C order.
 *
 * @param mean   posterior mean
 * @param logvar posterior log-variance (clamped to [-30, 20] by the VAE)
 */
public record LatentPair(float[] mean, float[] logvar) implements Serializable {

    /** Checks that both exist with the same length. */
    public LatentPair {
        if (mean == null || logvar == null || mean.length != logvar.length || mean.length == 0) {
            throw new IllegalArgumentException("a latent posterior needs a mean and a logvar of the same non-zero "
                    + "length");
        }
    }

    /** Both arrays as {@code dtype} bytes (mean, logvar). */
    byte[][] encode(LatentDType dtype) {
        return new byte[][] {dtype.encode(mean), dtype.encode(logvar)};
    }

    /** Decodes stored bytes. */
    static LatentPair decode(LatentDType dtype, LatentShape shape, byte[] mean, byte[] logvar) {
        return new LatentPair(dtype.decode(mean, shape.size()), dtype.decode(logvar, shape.size()));
    }
}
