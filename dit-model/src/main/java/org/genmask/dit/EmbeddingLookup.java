package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code nn.Embedding} lookup written as one-hot rows times the table. SameDiff 1.0.0-M2.1's gather cannot be
 * differentiated twice in one graph (its gradient builds a control-flow loop under a fixed name), and one graph holds
 * a path per task; the one-hot product has a plain matrix-product gradient and costs little for label and vocabulary
 * tables of this size.
 */
final class EmbeddingLookup {

    private EmbeddingLookup() {
    }

    /**
     * @param table [rows, D]
     * @param ids   integer ids of any shape S (values in [0, rows))
     * @return [prod(S), D], in the row-major order of the ids
     */
    static SDVariable lookup(SDVariable table, SDVariable ids, int rows) {
        SameDiff sd = table.getSameDiff();
        SDVariable oneHot = sd.oneHot(ids.reshape(-1), rows).castTo(DataType.FLOAT); // [prod(S), rows]
        return sd.mmul(oneHot, table);                                               // [prod(S), D]
    }
}
