package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * timm's {@code PatchEmbed}: a p x p conv with stride p, written as {@link Patchify#patchify} followed by one matrix
 * product with the conv weight viewed as {@code [D, C*p*p]}.
 */
final class PatchEmbed {
    private final SDVariable weight; // [D, C, p, p]
    private final SDVariable bias;   // [D]
    private final int channels;
    private final int size;
    private final int patch;
    private final int dim;

    PatchEmbed(StateDict params, String prefix, int channels, int size, int patch, int dim) {
        this.weight = params.param(prefix + ".weight", StateDict.Init.XAVIER_UNIFORM, dim, channels, patch, patch);
        this.bias = params.param(prefix + ".bias", StateDict.Init.ZEROS, dim);
        this.channels = channels;
        this.size = size;
        this.patch = patch;
        this.dim = dim;
    }

    /** x: [B, C, H, W] -> [B, T, D]. */
    SDVariable forward(String name, SDVariable x) {
        SameDiff sd = x.getSameDiff();
        int tokens = (size / patch) * (size / patch);
        int features = channels * patch * patch;
        SDVariable patches = Patchify.patchify(x, channels, size, patch).reshape(-1, features); // [B*T, C*p*p]
        SDVariable kernel = weight.reshape(dim, features);                                       // [D, C*p*p]
        SDVariable rows = sd.nn().biasAdd(sd.mmul(patches, kernel, false, true, false), bias, false); // [B*T, D]
        return sd.reshape(name, rows, -1, tokens, dim);                                          // [B, T, D]
    }
}
