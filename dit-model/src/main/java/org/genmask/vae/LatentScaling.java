package org.genmask.vae;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The affine map between the VAE's latent space and the diffusion model's: {@code scaled = (z - shift) * scaling}
 * and its inverse. This class is the only place in the project where that formula is written.
 */
public record LatentScaling(double scalingFactor, double shiftFactor) {

    public LatentScaling {
        if (!(scalingFactor > 0) || !Double.isFinite(scalingFactor) || !Double.isFinite(shiftFactor)) {
            throw new IllegalArgumentException("LatentScaling: scaling_factor must be positive and finite and"
                    + " shift_factor finite, got " + scalingFactor + ", " + shiftFactor);
        }
    }

    public static LatentScaling of(AutoencoderKLConfig config) {
        return new LatentScaling(config.scalingFactor(), config.shiftFactor());
    }

    /** {@code (latent - shift) * scaling}, a new array. */
    public INDArray scale(INDArray latent) {
        return latent.sub(shiftFactor).muli(scalingFactor);
    }

    /** {@code scaled / scaling + shift}, a new array; inverse of {@link #scale}. */
    public INDArray unscale(INDArray scaled) {
        return scaled.div(scalingFactor).addi(shiftFactor);
    }
}
