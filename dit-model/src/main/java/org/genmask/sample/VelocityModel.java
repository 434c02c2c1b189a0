package org.genmask.sample;

import org.genmask.dit.DiTInputs;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A flow-matching velocity field u(x_s, s, condition) = eps - x0, as the samplers consume it. */
@FunctionalInterface
public interface VelocityModel {

    /** @return the predicted velocity [B, C, H, W] at {@code in.x()}, {@code in.s()} */
    INDArray velocity(DiTInputs in);

    /** One task's path of a GenMask DiT; with {@code learn_sigma} only the first C (velocity) channels. */
    static VelocityModel of(GenMaskDiT model, Task task) {
        int c = model.config().inChannels();
        return in -> {
            INDArray out = model.predict(task, in);                        // [B, out_channels, H, W]
            return model.config().learnSigma()
                    ? out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c)).dup()   // [B, C, H, W]
                    : out;
        };
    }
}
