package org.genmask.jobs.eval;

import java.io.Serializable;

/**
 * The pictures and numbers of one example, for reports. PNGs are complete files.
 *
 * @param id             the example's id
 * @param expression     the referring expression
 * @param imagePng       the input image as the model saw it: the VAE decoding of its latent (R x R RGB)
 * @param truthPng       the ground truth at its original resolution (grey, object 255)
 * @param predictionPng  the single-step prediction mapped to the original resolution (grey, object 255)
 * @param eulerPng       the k-step Euler prediction likewise, or null when not computed
 * @param oneStep        the single-step prediction's counts
 * @param euler          the Euler prediction's counts, or null
 */
public record PredictionSample(String id, String expression, byte[] imagePng, byte[] truthPng, byte[] predictionPng,
                               byte[] eulerPng, SampleIoU oneStep, SampleIoU euler) implements Serializable {
    private static final long serialVersionUID = 1L;
}
