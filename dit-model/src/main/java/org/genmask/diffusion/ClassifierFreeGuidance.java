package org.genmask.diffusion;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Classifier-free guidance of the velocity (image generation only, in GenMask):
 * u = u_uncond + w (u_cond - u_uncond). w = 1 gives the conditional velocity, w = 0 the unconditional one,
 * w &gt; 1 extrapolates away from the unconditional prediction. Training makes the unconditional model by
 * {@link ConditionDropout}.
 *
 * @param w the guidance scale; finite and &gt;= 0
 */
public record ClassifierFreeGuidance(double w) {

    /** Validates w. */
    public ClassifierFreeGuidance {
        if (!(w >= 0.0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("guidance scale w must be finite and >= 0, got " + w);
        }
    }

    /**
     * The guided velocity u_uncond + w (u_cond - u_uncond), a new array in u_cond's data type; inputs unchanged.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public INDArray apply(INDArray uUncond, INDArray uCond) {
        if (uUncond == null || uCond == null) {
            throw new IllegalArgumentException((uUncond == null ? "uUncond" : "uCond") + " must not be null");
        }
        if (!Arrays.equals(uUncond.shape(), uCond.shape())) {
            throw new IllegalArgumentException("uCond shape " + Arrays.toString(uCond.shape())
                    + " must equal uUncond shape " + Arrays.toString(uUncond.shape()));
        }
        INDArray uncond = uUncond.castTo(uCond.dataType());
        return uCond.sub(uncond).muli(w).addi(uncond);
    }
}
