package org.genmask.vae.eager;

import org.genmask.kernels.Floats;

/**
 * diffusers' {@code Downsample2D} of the encoder, as {@code VaeLayers.downsample}: zero-pad right and bottom by one,
 * then a 3x3 conv of stride 2 without padding. The padded input is split into its four phases (even/odd row, even/odd
 * column), each laid out like the output map; tap (ky, kx) then reads phase (ky % 2, kx % 2) shifted by
 * (ky / 2, kx / 2), a stride-1 read, and the conv is {@link Conv#taps} over the phases.
 */
final class Downsample {
    private final Conv conv;

    Downsample(EncoderWeights w, String prefix, int channels) {
        this.conv = new Conv(w, prefix + ".conv", channels, channels, 3);
    }

    /** Output height (or width) of an input of {@code size}: {@code (size + 1 - 3) / 2 + 1}. */
    static int outputSize(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("Downsample2D needs a map of at least 2x2, got size " + size);
        }
        return (size - 2) / 2 + 1;
    }

    /** Elements of the phase buffer for an input map [channels, batch, height, width]. */
    static long phaseSize(int channels, int batch, int height, int width) {
        return 4L * channels * batch * (outputSize(height) + 2) * (outputSize(width) + 2);
    }

    /** x [C, H, W] -> [C, H', W'] in y; phases: scratch of {@link #phaseSize} elements. */
    Padded forward(Padded x, Floats y, Floats phases, EncoderWorkspace ws) {
        Padded out = new Padded(y, x.channels(), x.batch(), outputSize(x.height()), outputSize(x.width()));
        int c = x.channels();
        int q = out.stride();
        int pq = out.plane();
        int s = x.stride();
        int rows = x.height() + 2;
        float[] src = ws.rowIn(x.plane());
        float[] dst = ws.rowOut(pq);
        for (int ch = 0; ch < c; ch++) {
            for (int b = 0; b < x.batch(); b++) {
                x.data().copyTo(ch * x.channelStride() + b * x.plane(), src, 0, x.plane());
                for (int phase = 0; phase < 4; phase++) {
                    int a = phase >> 1;
                    int e = phase & 1;
                    for (int i = 0; i < out.height() + 2; i++) {
                        int r = 2 * i + a + 1;                        // padded input row of phase row i
                        for (int j = 0; j < q; j++) {
                            int col = 2 * j + e + 1;
                            dst[i * q + j] = r < rows && col < s ? src[r * s + col] : 0f;
                        }
                    }
                    phases.copyFrom((phase * c + ch) * out.channelStride() + b * pq, dst, 0, pq); // [4, C, B, pq]
                }
            }
        }
        int[] offsets = new int[9];
        for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
                int phase = (ky & 1) * 2 + (kx & 1);
                offsets[ky * 3 + kx] = phase * c * out.channelStride() + (ky >> 1) * q + (kx >> 1);
            }
        }
        conv.taps(phases, offsets, out.channelStride(), out, false, ws);
        return out;
    }
}
