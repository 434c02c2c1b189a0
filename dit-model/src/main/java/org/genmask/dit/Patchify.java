package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The one owner of the latent <-> token layout.
 *
 * <p>Tokens are patches in row-major patch order: token {@code r * (W/p) + c} is the patch at patch-row r, patch-column
 * c. {@link #patchify} orders a patch's features (channel, row-in-patch, column-in-patch), i.e. exactly the flattened
 * {@code [out, in, p, p]} conv weight of the reference patch embedding, so a p-stride conv is one matrix product.
 * {@link #unpatchify} reads the final layer's features in the reference order (row-in-patch, column-in-patch,
 * channel): {@code out[n, ch, r*p + i, c*p + j] = tokens[n, r*(W/p) + c, (i*p + j)*C + ch]}.
 */
public final class Patchify {

    private Patchify() {
    }

    /** x: [B, C, H, W] -> [B, (H/p)(W/p), C*p*p], features ordered (channel, i, j). */
    static SDVariable patchify(SDVariable x, int channels, int size, int p) {
        SameDiff sd = x.getSameDiff();
        int side = size / p;
        SDVariable grid = x.reshape(-1, channels, side, p, side, p);       // [B, C, h, p, w, p]
        SDVariable patches = sd.permute(grid, 0, 2, 4, 1, 3, 5);           // [B, h, w, C, p, p]
        return patches.reshape(-1, side * side, channels * p * p);          // [B, T, C*p*p]
    }

    /** tokens: [B, (H/p)(W/p), p*p*C] with features ordered (i, j, channel) -> [B, C, H, W]. */
    static SDVariable unpatchify(String name, SDVariable tokens, int channels, int size, int p) {
        SameDiff sd = tokens.getSameDiff();
        int side = size / p;
        SDVariable grid = tokens.reshape(-1, side, side, p, p, channels);  // [B, h, w, p, p, C]
        SDVariable image = sd.permute(grid, 0, 5, 1, 3, 2, 4);             // [B, C, h, p, w, p]
        return sd.reshape(name, image, -1, channels, size, size);          // [B, C, H, W]
    }

    /**
     * The array form of {@link #patchify}: x [B, C, H, W] (row-major values) -> [B*T, C*p*p], features ordered
     * (channel, i, j).
     */
    public static float[] patchify(float[] x, int batch, int channels, int size, int p) {
        return tokens(x, batch, channels, size, p, false);
    }

    /**
     * The exact inverse of {@link #unpatchify} on arrays: x [B, C, H, W] -> tokens [B*T, p*p*C], features ordered
     * (i, j, channel), as the final layer predicts them.
     */
    public static float[] outputTokens(float[] x, int batch, int channels, int size, int p) {
        return tokens(x, batch, channels, size, p, true);
    }

    /** x [B, C, H, W] -> [B*T, C*p*p], features ordered (i, j, channel) when {@code channelLast}, else (channel, i, j). */
    private static float[] tokens(float[] x, int batch, int channels, int size, int p, boolean channelLast) {
        int side = size / p;
        int features = channels * p * p;
        float[] out = new float[batch * side * side * features];
        for (int b = 0; b < batch; b++) {
            for (int ch = 0; ch < channels; ch++) {
                for (int y = 0; y < size; y++) {
                    for (int xx = 0; xx < size; xx++) {
                        int token = b * side * side + (y / p) * side + xx / p;
                        int inPatch = (y % p) * p + xx % p;
                        int f = channelLast ? inPatch * channels + ch : ch * p * p + inPatch;
                        out[token * features + f] = x[((b * channels + ch) * size + y) * size + xx];
                    }
                }
            }
        }
        return out;
    }
}
