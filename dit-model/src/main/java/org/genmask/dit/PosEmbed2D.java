package org.genmask.dit;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fixed 2-D sin-cos position embedding of the reference ({@code get_2d_sincos_pos_embed}). For token
 * {@code row * grid + col}, the first half of the features encodes the column and the second half the row; each half is
 * {@code [sin(pos * w_k), cos(pos * w_k)]} with {@code w_k = 10000^(-k / (D/4))}, k = 0 .. D/4 - 1. Computed in double
 * precision, then rounded to float32.
 */
public final class PosEmbed2D {

    private PosEmbed2D() {
    }

    /** @return [grid*grid, dim] */
    public static INDArray table(int dim, int grid) {
        if (dim % 4 != 0) {
            throw new IllegalArgumentException("2-D sin-cos embedding needs a dimension divisible by 4, got " + dim);
        }
        int quarter = dim / 4;
        float[] values = new float[grid * grid * dim];
        for (int row = 0; row < grid; row++) {
            for (int col = 0; col < grid; col++) {
                int base = (row * grid + col) * dim;
                for (int k = 0; k < quarter; k++) {
                    double omega = 1.0 / Math.pow(10000.0, (double) k / quarter);
                    values[base + k] = (float) Math.sin(col * omega);
                    values[base + quarter + k] = (float) Math.cos(col * omega);
                    values[base + 2 * quarter + k] = (float) Math.sin(row * omega);
                    values[base + 3 * quarter + k] = (float) Math.cos(row * omega);
                }
            }
        }
        return Nd4j.create(values, new long[] {(long) grid * grid, dim}, 'c');
    }
}
