package org.genmask.vae;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The diagonal Gaussian posterior {@code q(z|x)} returned by the encoder, in the VAE's own (unscaled) latent space.
 *
 * @param mean   {@code [N, latent_channels, h, w]}
 * @param logvar same shape, already clamped to {@code [-30, 20]}
 */
public record LatentDistribution(INDArray mean, INDArray logvar) {

    public LatentDistribution {
        if (!Arrays.equals(mean.shape(), logvar.shape())) {
            throw new IllegalArgumentException("LatentDistribution: mean shape " + Arrays.toString(mean.shape())
                    + " differs from logvar shape " + Arrays.toString(logvar.shape()));
        }
    }

    /** Standard deviation {@code exp(logvar / 2)}. */
    public INDArray std() {
        return Nd4j.math().exp(logvar.mul(0.5));
    }

    /** A sample {@code mean + std * eps}, {@code eps ~ N(0, 1)} drawn from a generator seeded with {@code seed}. */
    public INDArray sample(long seed) {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray eps = Nd4j.randn(rng, mean.shape()).castTo(mean.dataType()); // same shape as mean
        return mean.add(std().muli(eps));
    }
}
