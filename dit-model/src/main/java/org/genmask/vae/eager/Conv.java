package org.genmask.vae.eager;

import org.genmask.kernels.Blas;
import org.genmask.kernels.Floats;

/**
 * A k x k convolution (k = 1 or 3) on {@link Padded} maps as matrix products without an im2col copy: tap (ky, kx) of
 * every output position p reads the input at {@code p + offset(ky, kx)} in the same channel plane, so the output
 * {@code [out, span]} is {@code bias ⊗ 1 + Σ_taps W_tap [out, in] · X[in, offset_tap ..]} with the channel stride
 * as leading dimension: one {@code cblas_sgemm} per tap. Columns run in tiles of {@code max(512, 8 * in)}, so the taps
 * accumulate into an output block that stays in cache (OpenBLAS 0.3.19, one thread, this machine: 32->32 channels at
 * 32x32 ran at ~118 GFLOP/s in tiles of <= 768 columns against ~84 untiled, 128->128 at 256x256 ~123 in tiles of
 * 512-1024 against ~81-106 in 4096 or untiled; 512-channel convs preferred tiles of 4096 or more). With fewer than
 * {@link #IM2COL_BELOW} input channels (the image convolution) the taps are first copied into columns and multiplied
 * at once (k*k*in rows), as the per-tap products would be too thin; for 32 channels and more the copy cost more than
 * the longer products saved.
 */
final class Conv {
    static final int IM2COL_BELOW = 16;
    final int in;
    final int out;
    final int kernel;
    private final boolean im2col;
    private final Floats weight;                      // per-tap [k*k, out, in]; im2col [out, k*k, in]
    private final Floats bias;                        // [out]

    Conv(EncoderWeights w, String prefix, int in, int out, int kernel) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.im2col = kernel > 1 && in < IM2COL_BELOW;
        long[] shape = {out, in, kernel, kernel};
        this.weight = w.take(prefix + ".weight", shape, im2col ? new int[] {0, 2, 3, 1} : new int[] {2, 3, 0, 1});
        this.bias = w.take(prefix + ".bias", new long[] {out});
    }

    /**
     * y = conv(x) with stride 1 and padding k/2 (y += conv(x) when {@code accumulate}: y holds a residual with a
     * clear border); x and y of the same batch and size, different memory.
     */
    void forward(Padded x, Padded y, boolean accumulate, EncoderWorkspace ws) {
        if (x.channels() != in || y.channels() != out || x.batch() != y.batch() || x.height() != y.height()
                || x.width() != y.width()) {
            throw new IllegalArgumentException("conv " + in + "->" + out + ": maps " + x + " -> " + y);
        }
        int[] offsets = new int[kernel * kernel];
        for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
                offsets[ky * kernel + kx] = kernel == 1 ? x.first() : ky * x.stride() + kx;
            }
        }
        taps(x.data(), offsets, x.channelStride(), y, accumulate, ws);
    }

    /**
     * y (+)= bias + Σ_t W_t · src[c*ldb + offsets[t] + p] over output positions p of y's span (position p lies at
     * {@code y.first() + p}); then clears y's border. The caller lays out src so that every read stays in its
     * {@code in} channels of {@code ldb} elements.
     */
    void taps(Floats src, int[] offsets, int ldb, Padded y, boolean accumulate, EncoderWorkspace ws) {
        int n = y.span();
        int ldc = y.channelStride();
        int tile = Math.min(n, Math.max(512, 8 * in));    // columns; measured, see the class comment
        int k = offsets.length * in;
        Floats ones = ws.ones(tile);
        Floats cols = im2col ? ws.columns(k * tile) : null;
        for (int p0 = 0; p0 < n; p0 += tile) {
            int t = Math.min(tile, n - p0);
            int c0 = y.first() + p0;
            Blas.gemm(false, false, out, t, 1, 1f, bias, 0, 1, ones, 0, t, accumulate ? 1f : 0f, y.data(), c0, ldc);
            if (im2col) {
                for (int tap = 0; tap < offsets.length; tap++) {
                    for (int c = 0; c < in; c++) {
                        src.copyTo(c * ldb + offsets[tap] + p0, cols, (tap * in + c) * t, t); // -> cols [k*k*in, t]
                    }
                }
                Blas.gemm(false, false, out, t, k, 1f, weight, 0, k, cols, 0, t, 1f, y.data(), c0, ldc);
            } else {
                for (int tap = 0; tap < offsets.length; tap++) {
                    Blas.gemm(false, false, out, t, in, 1f, weight, tap * out * in, in, src, offsets[tap] + p0, ldb,
                            1f, y.data(), c0, ldc);                                                // [out, t]
                }
            }
        }
        y.clearBorder();
    }
}
