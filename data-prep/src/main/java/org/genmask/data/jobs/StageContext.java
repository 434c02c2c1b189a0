package org.genmask.data.jobs;

import java.io.Serializable;
import org.genmask.data.hadoop.HadoopDatasetFiles;
import org.genmask.data.latents.LatentDType;
import org.genmask.data.latents.LatentShape;

/**
 * What an encoding stage needs on an executor.
 *
 * @param files      the dataset root
 * @param vae        the VAE
 * @param resolution image side R
 * @param batchSize  inputs per VAE call (each with its mirror)
 * @param dtype      latent storage type
 * @param shape      the expected latent shape
 */
record StageContext(HadoopDatasetFiles files, VaeLocation vae, int resolution, int batchSize, LatentDType dtype,
                    LatentShape shape) implements Serializable {
}
