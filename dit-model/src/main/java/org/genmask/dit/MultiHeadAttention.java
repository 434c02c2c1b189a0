package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Scaled dot-product attention over heads, shared by self- and cross-attention:
 * {@code softmax(q k^T / sqrt(head_dim) + key_bias) v}, all heads in one batched matrix product.
 */
final class MultiHeadAttention {

    private MultiHeadAttention() {
    }

    /**
     * @param q       [B, nq, D]
     * @param k       [B, nk, D]
     * @param v       [B, nk, D]
     * @param keyBias [B, 1, 1, nk] additive (0 for a real key, -1e9 for padding), or null
     * @return [B, nq, D]
     */
    static SDVariable attend(String name, SDVariable q, SDVariable k, SDVariable v, int nq, int nk, int heads,
                             int dim, SDVariable keyBias) {
        SameDiff sd = q.getSameDiff();
        int headDim = dim / heads;
        SDVariable qh = splitHeads(q, nq, heads, headDim);                // [B, H, nq, hd]
        SDVariable kh = splitHeads(k, nk, heads, headDim);                // [B, H, nk, hd]
        SDVariable vh = splitHeads(v, nk, heads, headDim);                // [B, H, nk, hd]
        SDVariable scores = sd.mmul(qh, kh, false, true, false)           // [B, H, nq, nk]
                .mul(1.0 / Math.sqrt(headDim));
        if (keyBias != null) {
            scores = scores.add(keyBias);                                 // [B, H, nq, nk]
        }
        SDVariable weights = sd.nn().softmax(scores, -1);                 // [B, H, nq, nk]
        SDVariable out = sd.mmul(weights, vh);                            // [B, H, nq, hd]
        out = sd.permute(out, 0, 2, 1, 3);                                // [B, nq, H, hd]
        return sd.reshape(name, out, -1, nq, dim);                        // [B, nq, D]
    }

    private static SDVariable splitHeads(SDVariable x, int n, int heads, int headDim) {
        SDVariable h = x.reshape(-1, n, heads, headDim);                  // [B, n, H, hd]
        return x.getSameDiff().permute(h, 0, 2, 1, 3);                    // [B, H, n, hd]
    }

    /** mask: [B, n] with 1 for a real token and 0 for padding -> additive key bias [B, 1, 1, n]. */
    static SDVariable keyBias(SDVariable mask, int n) {
        SDVariable bias = mask.sub(1.0).mul(1e9);                         // [B, n]: 0 or -1e9
        return bias.reshape(-1, 1, 1, n);                                 // [B, 1, 1, n]
    }
}
