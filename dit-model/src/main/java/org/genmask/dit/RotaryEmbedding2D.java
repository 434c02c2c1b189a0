package org.genmask.dit;

import org.genmask.kernels.Floats;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two-dimensional rotary position embedding of the self-attention queries and keys (the axial form FLUX and Lumina
 * use): in every head, the first half of the head dimension turns with the token's column in the patch grid, the
 * second half with its row. Feature pairs {@code (2i, 2i+1)} of a half turn by {@code pos * THETA^(-i / pairs)}, with
 * {@code pairs = head_dim / 4}, so the score of a query and a key depends on their offset in the grid, not on where
 * they are. The one owner of this layout; the graph ({@link SelfAttention}) and the eager step
 * ({@code eager.DiTBlock}) both read it from here.
 *
 * <p>Token {@code i} of a sequence sits at grid cell {@code i mod T}: the target block and the condition block of a
 * segmentation sequence (and the two blocks of a packed sequence) share the grid, so a target token and the condition
 * token under it are at offset 0.
 */
public final class RotaryEmbedding2D {
    /** The base of the frequencies, as in RoPE. */
    public static final double THETA = 10000.0;

    private final int headDim;
    private final float[] cos;   // [T, hd]
    private final float[] sin;   // [T, hd]
    private final int tokens;

    /** Tables of a grid {@code grid x grid} for heads of {@code headDim} features (a multiple of 4). */
    public RotaryEmbedding2D(int grid, int headDim) {
        if (headDim % 4 != 0) {
            throw new IllegalArgumentException("rope needs a head dimension that is a multiple of 4, got " + headDim);
        }
        this.headDim = headDim;
        this.tokens = grid * grid;
        this.cos = new float[tokens * headDim];
        this.sin = new float[tokens * headDim];
        int pairs = headDim / 4;
        for (int cell = 0; cell < tokens; cell++) {
            int[] position = {cell % grid, cell / grid};                       // column, row
            for (int axis = 0; axis < 2; axis++) {
                for (int i = 0; i < pairs; i++) {
                    double angle = position[axis] * Math.pow(THETA, -(double) i / pairs);
                    int at = cell * headDim + axis * headDim / 2 + 2 * i;
                    cos[at] = cos[at + 1] = (float) Math.cos(angle);
                    sin[at] = sin[at + 1] = (float) Math.sin(angle);
                }
            }
        }
    }

    /**
     * Turns, in place, the heads of {@code rows} [R, ld] stored from column {@code at} (R rows of sequences whose
     * token i sits at cell i mod T); {@code inverse} turns back, which is also the transpose that carries a gradient
     * through the forward turn.
     */
    public void rotate(Floats rows, int count, int ld, int at, int heads, boolean inverse) {
        float sign = inverse ? -1f : 1f;
        for (int r = 0; r < count; r++) {
            int table = (r % tokens) * headDim;
            for (int h = 0; h < heads; h++) {
                int base = r * ld + at + h * headDim;
                for (int j = 0; j < headDim; j += 2) {
                    float c = cos[table + j];
                    float s = sign * sin[table + j];
                    float a = rows.get(base + j);
                    float b = rows.get(base + j + 1);
                    rows.set(base + j, a * c - b * s);
                    rows.set(base + j + 1, b * c + a * s);
                }
            }
        }
    }

    /** The graph's turn of q and k [B, H, n, hd], n a multiple of T: {@code x cos + swap(x) sin}, one table set. */
    SDVariable[] rotate(SDVariable q, SDVariable k, int n) {
        SameDiff sd = q.getSameDiff();
        float[] c = new float[n * headDim];
        float[] s = new float[n * headDim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(cos, (i % tokens) * headDim, c, i * headDim, headDim);
            System.arraycopy(sin, (i % tokens) * headDim, s, i * headDim, headDim);
        }
        float[] swap = new float[headDim * headDim];                          // (x swap)[2i] = -x[2i+1], [2i+1] = x[2i]
        for (int j = 0; j < headDim; j += 2) {
            swap[(j + 1) * headDim + j] = -1f;
            swap[j * headDim + j + 1] = 1f;
        }
        SDVariable cosTable = sd.constant(Nd4j.create(c, new long[] {n, headDim}, 'c'));       // [n, hd]
        SDVariable sinTable = sd.constant(Nd4j.create(s, new long[] {n, headDim}, 'c'));       // [n, hd]
        SDVariable swapMatrix = sd.constant(Nd4j.create(swap, new long[] {headDim, headDim}, 'c')); // [hd, hd]
        SDVariable[] turned = new SDVariable[2];
        SDVariable[] in = {q, k};
        for (int i = 0; i < 2; i++) {
            SDVariable swapped = sd.mmul(in[i].reshape(-1, headDim), swapMatrix)
                    .reshape(in[i].shape());                                                     // [B, H, n, hd]
            turned[i] = in[i].mul(cosTable).add(swapped.mul(sinTable));                          // [B, H, n, hd]
        }
        return turned;
    }
}
