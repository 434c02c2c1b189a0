package org.genmask.dit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one owner of the token-row layout: a path's tokens are rows {@code [B*n, D]}, sample-major (row {@code b*n + i}
 * is token i of sample b), and a sample's n tokens fall into K equal consecutive groups that share a timestep (K = 1,
 * or K = 2 for segmentation: target tokens, then condition tokens). {@link #oneHot} maps token rows to group rows
 * {@code b*K + k}.
 */
final class TokenRows {

    private TokenRows() {
    }

    /** One-hot [B, n, K]: token i of every sample has its 1 in group {@code i / (n/K)}. */
    static INDArray oneHot(int batch, int tokens, int groups) {
        if (tokens % groups != 0) {
            throw new IllegalArgumentException(tokens + " tokens do not split into " + groups + " equal groups");
        }
        int perGroup = tokens / groups;
        float[] sample = new float[tokens * groups];
        for (int i = 0; i < tokens; i++) {
            sample[i * groups + i / perGroup] = 1f;
        }
        float[] all = new float[batch * sample.length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(sample, 0, all, b * sample.length, sample.length);
        }
        return Nd4j.create(all, new long[] {batch, tokens, groups}, 'c');
    }
}
