package org.genmask.vae.eager;

import org.genmask.kernels.Activations;
import org.genmask.kernels.Blas;
import org.genmask.kernels.Floats;

/**
 * The mid-block attention, as {@code VaeLayers.attention}: GroupNorm, then single-head attention over the H*W
 * positions of each image (head_dim = C, scores scaled by 1/sqrt(C)), {@code to_out.0}, plus the input. Works on
 * channel-major matrices: {@code [q; k; v] = W_qkv [3C, C] · X [C, HW]} (one product per image row, read straight
 * from the padded map), scores {@code q^T k} for a block of query positions at a time, their softmax
 * ({@link Activations#softmaxRowsInterleaved}), {@code o = v · P^T}, and the output projection written per image row
 * into the padded output, which starts as a copy of the input.
 */
final class MidAttention {
    private static final int SCORE_FLOATS = 1 << 20;   // a block of query rows' scores [rows, HW]: at most 4 MB
    private final int channels;
    private final GroupNorm norm;
    private final Floats qkvWeight;    // [3C, C] to_q, to_k, to_v stacked
    private final Floats qkvBias;      // [3C]
    private final Floats outWeight;    // [C, C]
    private final Floats outBias;      // [C]
    private final float scale;

    MidAttention(EncoderWeights w, String prefix, int channels, int groups, double eps) {
        this.channels = channels;
        this.norm = new GroupNorm(w, prefix + ".group_norm", channels, groups, eps);
        int c = channels;
        this.qkvWeight = Floats.allocate(3 * c * c);
        this.qkvBias = Floats.allocate(3 * c);
        String[] names = {".to_q", ".to_k", ".to_v"};
        for (int i = 0; i < 3; i++) {
            w.take(prefix + names[i] + ".weight", new long[] {c, c}).copyTo(0, qkvWeight, i * c * c, c * c);
            w.take(prefix + names[i] + ".bias", new long[] {c}).copyTo(0, qkvBias, i * c, c);
        }
        this.outWeight = w.take(prefix + ".to_out.0.weight", new long[] {c, c});
        this.outBias = w.take(prefix + ".to_out.0.bias", new long[] {c});
        this.scale = (float) (1.0 / Math.sqrt(c));
    }

    /** x -> x + attention(GN(x)) in y (same shape, distinct memory); scratch: room for x's size. */
    Padded forward(Padded x, Floats y, Floats scratch, EncoderWorkspace ws) {
        int c = channels;
        int h = x.height();
        int w = x.width();
        int hw = h * w;
        Padded normed = new Padded(scratch, c, x.batch(), h, w);
        Padded out = new Padded(y, c, x.batch(), h, w);
        norm.forward(x, normed, false, ws);
        x.data().copyTo(0, y, 0, x.size());                                   // the residual
        int block = Math.max(1, Math.min(hw, SCORE_FLOATS / hw));
        Floats ones = ws.ones(hw);
        Floats qkv = ws.qkv(3 * c * hw);
        Floats scores = ws.scores(block * hw);
        Floats o = ws.attended(c * hw);
        int cs = x.channelStride();
        for (int b = 0; b < x.batch(); b++) {
            int image = b * x.plane() + x.first();
            Blas.gemm(false, false, 3 * c, hw, 1, 1f, qkvBias, 0, 1, ones, 0, hw, 0f, qkv, 0, hw);
            for (int r = 0; r < h; r++) {
                Blas.gemm(false, false, 3 * c, w, c, 1f, qkvWeight, 0, c, normed.data(), image + r * x.stride(), cs,
                        1f, qkv, r * w, hw);                                  // -> [3C, HW]
            }
            for (int q0 = 0; q0 < hw; q0 += block) {
                int m = Math.min(block, hw - q0);
                Blas.gemm(true, false, m, hw, c, scale, qkv, q0, hw, qkv, c * hw, hw, 0f, scores, 0, hw); // [m, HW]
                Activations.softmaxRowsInterleaved(scores, 0, m, hw);
                Blas.gemm(false, true, c, m, hw, 1f, qkv, 2 * c * hw, hw, scores, 0, hw, 0f, o, q0, hw); // [C, m]
            }
            for (int r = 0; r < h; r++) {
                int at = image + r * x.stride();
                Blas.gemm(false, false, c, w, 1, 1f, outBias, 0, 1, ones, 0, w, 1f, y, at, cs);
                Blas.gemm(false, false, c, w, c, 1f, outWeight, 0, c, o, r * w, hw, 1f, y, at, cs); // [C, W] rows
            }
        }
        return out;
    }
}
