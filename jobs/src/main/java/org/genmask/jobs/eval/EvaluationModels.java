package org.genmask.jobs.eval;

import java.io.IOException;
import java.io.Serializable;
import org.genmask.dit.GenMaskDiT;
import org.genmask.vae.AutoencoderKL;

/**
 * Where an executor gets the models it evaluates with. Shipped to executors with the task closure, so it must be
 * small (hold a broadcast or a path, not weights).
 */
public interface EvaluationModels extends Serializable {

    /** A GenMask DiT with a segmentation path, for the calling task alone (SameDiff graphs are not thread-safe). */
    GenMaskDiT segmentationModel() throws IOException;

    /** The VAE that decodes predicted mask latents; may be shared between threads ({@link AutoencoderKL} is). */
    AutoencoderKL vae() throws IOException;
}
