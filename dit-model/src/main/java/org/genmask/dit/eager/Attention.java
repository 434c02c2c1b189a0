package org.genmask.dit.eager;

import org.genmask.kernels.Activations;
import org.genmask.kernels.Blas;
import org.genmask.kernels.Floats;

/**
 * Scaled dot-product attention over heads, {@code softmax(q k^T / sqrt(hd) + bias) v}, for self- and cross-attention.
 * Queries, keys and values are read where the projections wrote them (token rows with the features ordered (head,
 * head_dim) from some column on), and the output is written as token rows [S*n, H*hd]: each head is a matrix product
 * with a leading dimension, so there is no head split or merge copy. Sequence s's query i is row {@code s*n + i}, its
 * key j row {@code s*nk + j}. Keeps the attention weights of its last forward pass for the backward pass.
 */
final class Attention {
    /** A [rows, ld] matrix whose head h occupies columns {@code at + h*hd .. at + h*hd + hd - 1}. */
    record Operand(Floats rows, int ld, int at) {
    }

    /**
     * Additive score bias, element (s, h, i, j) at {@code s*seqStride + h*headStride + i*rowStride + j} (a stride of 0
     * broadcasts): 0 where a query may see a key, -1e9 where not.
     */
    record Bias(Floats values, int seqStride, int headStride, int rowStride) {
    }

    private final int heads;
    private final int headDim;
    private final float scale;
    private int sequences;
    private int n;
    private int nk;
    private Operand q;
    private Operand k;
    private Operand v;
    private Floats weights;          // [S, H, n, nk] softmax output
    private Floats scratch;          // [n, nk] dL/d(weights) of one (sequence, head)

    Attention(int heads, int headDim) {
        this.heads = heads;
        this.headDim = headDim;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
    }

    /** out rows [S*n, H*hd] (leading dimension H*hd) from q [S*n, .], k and v [S*nk, .]; bias may be null. */
    void forward(int sequences, int n, int nk, Operand q, Operand k, Operand v, Bias bias, Floats out) {
        this.sequences = sequences;
        this.n = n;
        this.nk = nk;
        this.q = q;
        this.k = k;
        this.v = v;
        int d = heads * headDim;
        weights = Floats.atLeast(weights, sequences * heads * n * nk);
        for (int s = 0; s < sequences; s++) {
            for (int h = 0; h < heads; h++) {
                int w = (s * heads + h) * n * nk;
                Blas.gemm(false, true, n, nk, headDim, scale, q.rows(), (s * n) * q.ld() + q.at() + h * headDim,
                        q.ld(), k.rows(), (s * nk) * k.ld() + k.at() + h * headDim, k.ld(), 0f, weights, w, nk);
                softmaxRows(w, bias, s, h);
                Blas.gemm(false, false, n, headDim, nk, 1f, weights, w, nk, v.rows(),
                        (s * nk) * v.ld() + v.at() + h * headDim, v.ld(), 0f, out, (s * n) * d + h * headDim, d);
            }
        }
    }

    private void softmaxRows(int w, Bias bias, int s, int h) {
        Floats values = bias == null ? null : bias.values();
        int at = bias == null ? 0 : s * bias.seqStride() + h * bias.headStride();
        int stride = bias == null ? 0 : bias.rowStride();
        Activations.softmaxRows(weights, w, n, nk, values, at, stride);
    }

    /**
     * From dL/d(out) rows [S*n, H*hd]: writes (overwrites) dL/dq, dL/dk and dL/dv at the same places of their own
     * matrices as q, k and v had in theirs.
     */
    void backward(Floats dOut, Operand dq, Operand dk, Operand dv) {
        int d = heads * headDim;
        scratch = Floats.atLeast(scratch, n * nk);
        for (int s = 0; s < sequences; s++) {
            for (int h = 0; h < heads; h++) {
                int w = (s * heads + h) * n * nk;
                int o = (s * n) * d + h * headDim;
                // dL/dweights = dO v^T; dL/dv = weights^T dO
                Blas.gemm(false, true, n, nk, headDim, 1f, dOut, o, d, v.rows(),
                        (s * nk) * v.ld() + v.at() + h * headDim, v.ld(), 0f, scratch, 0, nk);
                Blas.gemm(true, false, nk, headDim, n, 1f, weights, w, nk, dOut, o, d, 0f, dv.rows(),
                        (s * nk) * dv.ld() + dv.at() + h * headDim, dv.ld());
                // through the softmax: dscore = p * (dp - sum_j dp p)
                for (int i = 0; i < n; i++) {
                    int row = i * nk;
                    float dot = 0f;
                    for (int j = 0; j < nk; j++) {
                        dot += scratch.get(row + j) * weights.get(w + row + j);
                    }
                    for (int j = 0; j < nk; j++) {
                        scratch.set(row + j, weights.get(w + row + j) * (scratch.get(row + j) - dot));
                    }
                }
                // scores = scale q k^T: dq = scale dscore k, dk = scale dscore^T q
                Blas.gemm(false, false, n, headDim, nk, scale, scratch, 0, nk, k.rows(),
                        (s * nk) * k.ld() + k.at() + h * headDim, k.ld(), 0f, dq.rows(),
                        (s * n) * dq.ld() + dq.at() + h * headDim, dq.ld());
                Blas.gemm(true, false, nk, headDim, n, scale, scratch, 0, nk, q.rows(),
                        (s * n) * q.ld() + q.at() + h * headDim, q.ld(), 0f, dk.rows(),
                        (s * nk) * dk.ld() + dk.at() + h * headDim, dk.ld());
            }
        }
    }
}
