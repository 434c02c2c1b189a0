package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Scaled dot-product attention over heads, shared by self- and cross-attention:
 * {@code softmax(q k^T / sqrt(head_dim) + key_bias) v}, all heads in one batched matrix product. Inputs and output are
 * token rows ({@link TokenRows}); the head layout {@code [B, H, n, hd]} exists only in here.
 */
final class MultiHeadAttention {

    private MultiHeadAttention() {
    }

    /**
     * A fused projection's rows split into parts and heads (one reshape and one permute for all parts).
     *
     * @param rows [B*n, parts*D], features ordered (part, head, head_dim) as in timm's fused qkv
     * @return {@code parts} tensors [B, H, n, hd]
     */
    static SDVariable[] heads(SDVariable rows, int n, int parts, int heads, int headDim) {
        SameDiff sd = rows.getSameDiff();
        SDVariable split = rows.reshape(-1, n, parts, heads, headDim);      // [B, n, parts, H, hd]
        SDVariable byPart = sd.permute(split, 2, 0, 3, 1, 4);               // [parts, B, H, n, hd]
        return sd.unstack(byPart, 0, parts);                                // parts x [B, H, n, hd]
    }

    /**
     * @param q       [B, H, nq, hd]
     * @param k       [B, H, nk, hd]
     * @param v       [B, H, nk, hd]
     * @param keyBias additive, broadcastable to [B, H, nq, nk] (0 where a query may see a key, -1e9 where not), or
     *                null
     * @return rows [B*nq, D]
     */
    static SDVariable attend(String name, SDVariable q, SDVariable k, SDVariable v, int headDim, int dim,
                             SDVariable keyBias) {
        SameDiff sd = q.getSameDiff();
        SDVariable scaled = q.mul(1.0 / Math.sqrt(headDim));                 // [B, H, nq, hd]
        SDVariable scores = sd.mmul(scaled, k, false, true, false);          // [B, H, nq, nk]
        if (keyBias != null) {
            scores = scores.add(keyBias);                                    // [B, H, nq, nk]
        }
        SDVariable weights = sd.nn().softmax(scores, -1);                    // [B, H, nq, nk]
        SDVariable out = sd.mmul(weights, v);                                // [B, H, nq, hd]
        out = sd.permute(out, 0, 2, 1, 3);                                   // [B, nq, H, hd]
        return sd.reshape(name, out, -1, dim);                               // [B*nq, D]
    }

    /** mask: [B, n] with 1 for a real token and 0 for padding -> additive key bias [B, 1, 1, n]. */
    static SDVariable keyBias(SDVariable mask, int n) {
        SDVariable bias = mask.sub(1.0).mul(1e9);                            // [B, n]: 0 or -1e9
        return bias.reshape(-1, 1, 1, n);                                    // [B, 1, 1, n]
    }
}
