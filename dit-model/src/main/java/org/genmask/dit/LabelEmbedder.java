package org.genmask.dit;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * DiT's {@code LabelEmbedder}: an embedding table with one extra row (index {@code num_classes}) for the
 * classifier-free-guidance null label when {@code class_dropout_prob > 0}. Label dropout happens where the batch is
 * built, by writing {@code num_classes} into the label.
 */
final class LabelEmbedder {
    private final SDVariable table; // [num_classes (+1), D]
    private final int rows;

    LabelEmbedder(StateDict params, String prefix, int numClasses, boolean nullRow, int dim) {
        this.rows = numClasses + (nullRow ? 1 : 0);
        this.table = params.param(prefix + ".embedding_table.weight", StateDict.Init.NORMAL_002, rows, dim);
    }

    /** y: [B] integer labels -> [B, D]. */
    SDVariable forward(String name, SDVariable y) {
        return table.getSameDiff().identity(name, EmbeddingLookup.lookup(table, y, rows)); // [B, D]
    }
}
