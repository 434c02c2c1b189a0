package org.genmask.dit;

import org.nd4j.linalg.api.buffer.DataType;
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

    /** One-hot [B*n, B*K]: row {@code b*n + i} has its 1 in column {@code b*K + i / (n/K)}. */
    static INDArray oneHot(int batch, int tokens, int groups) {
        if (tokens % groups != 0) {
            throw new IllegalArgumentException(tokens + " tokens do not split into " + groups + " equal groups");
        }
        int perGroup = tokens / groups;
        INDArray m = Nd4j.zeros(DataType.FLOAT, (long) batch * tokens, (long) batch * groups);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tokens; i++) {
                m.putScalar((long) b * tokens + i, (long) b * groups + i / perGroup, 1f);
            }
        }
        return m;
    }
}
