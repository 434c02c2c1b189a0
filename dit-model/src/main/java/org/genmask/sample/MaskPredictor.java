package org.genmask.sample;

import org.genmask.diffusion.FlowMatching;
import org.genmask.dit.DiTInputs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GenMask's single-step mask inference: at pure noise (s = 1) the mask latent is {@code x0 = eps - u(eps, 1, image,
 * text)}. Returns the predicted clean mask latent; decoding and thresholding happen where the VAE lives.
 */
public final class MaskPredictor {
    private final VelocityModel model;

    public MaskPredictor(VelocityModel model) {
        this.model = model;
    }

    /**
     * @param eps      [B, C, H, W] standard-normal noise
     * @param cond     [B, C, H, W] clean image latent
     * @param text     token ids or embeddings of the referring expression
     * @param textMask [B, L]
     * @return [B, C, H, W] predicted mask latent
     */
    public INDArray predict(INDArray eps, INDArray cond, INDArray text, INDArray textMask) {
        INDArray s = Nd4j.ones(eps.size(0));                                             // [B] all 1
        INDArray u = model.velocity(DiTInputs.segmentation(eps, s, cond, text, textMask)); // [B, C, H, W]
        return FlowMatching.predictX0(eps, s, u);                                         // eps - u
    }
}
