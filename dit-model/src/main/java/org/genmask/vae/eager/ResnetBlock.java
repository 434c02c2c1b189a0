package org.genmask.vae.eager;

import org.genmask.kernels.Floats;

/**
 * diffusers' {@code ResnetBlock2D} without time embedding, as {@code VaeLayers.resnet}:
 * {@code shortcut(x) + conv2(silu(norm2(conv1(silu(norm1(x))))))}, the shortcut a 1x1 conv when the width changes.
 * The second conv accumulates onto the shortcut (or a copy of x) in the output map.
 */
final class ResnetBlock {
    final int in;
    final int out;
    private final GroupNorm norm1;
    private final Conv conv1;
    private final GroupNorm norm2;
    private final Conv conv2;
    private final Conv shortcut;   // null when in == out

    ResnetBlock(EncoderWeights w, String prefix, int in, int out, int groups, double eps) {
        this.in = in;
        this.out = out;
        this.norm1 = new GroupNorm(w, prefix + ".norm1", in, groups, eps);
        this.conv1 = new Conv(w, prefix + ".conv1", in, out, 3);
        this.norm2 = new GroupNorm(w, prefix + ".norm2", out, groups, eps);
        this.conv2 = new Conv(w, prefix + ".conv2", out, out, 3);
        this.shortcut = in == out ? null : new Conv(w, prefix + ".conv_shortcut", in, out, 1);
    }

    /** x [in] -> y [out] (same batch and size); a and b: scratch of at least y's size, all four distinct. */
    Padded forward(Padded x, Floats y, Floats a, Floats b, EncoderWorkspace ws) {
        Padded xa = new Padded(a, in, x.batch(), x.height(), x.width());
        Padded ha = new Padded(a, out, x.batch(), x.height(), x.width());
        Padded hb = new Padded(b, out, x.batch(), x.height(), x.width());
        Padded res = new Padded(y, out, x.batch(), x.height(), x.width());
        norm1.forward(x, xa, true, ws);
        conv1.forward(xa, hb, false, ws);                   // [in] -> [out]
        norm2.forward(hb, ha, true, ws);
        if (shortcut == null) {
            x.data().copyTo(0, y, 0, x.size());
        } else {
            shortcut.forward(x, res, false, ws);            // [in] -> [out]
        }
        conv2.forward(ha, res, true, ws);
        return res;
    }
}
