package org.genmask.data.latents;

/** Which latent a training example takes from the stored VAE posterior {@code N(mean, exp(logvar))}. */
public enum Posterior {
    /** The posterior mean (deterministic; what diffusers' {@code latent_dist.mode()} gives). */
    MEAN,
    /** A draw {@code mean + exp(logvar / 2) * eps}, {@code eps} seeded by (seed, epoch, example id). */
    SAMPLE
}
