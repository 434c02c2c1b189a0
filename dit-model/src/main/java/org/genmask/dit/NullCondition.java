package org.genmask.dit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The classifier-free-guidance null condition, in one place: the null label {@code num_classes} for a
 * class-conditional DiT; for text, the one-token sequence {@code [NULL]} (token ids) or a zero embedding (precomputed
 * embeddings), with a mask holding only the first position.
 */
public final class NullCondition {

    private NullCondition() {
    }

    /** A copy of {@code in} whose condition is replaced by the null condition where {@code drop[b]}. */
    public static DiTInputs apply(DiTInputs in, boolean[] drop, DiTConfig config) {
        if (drop.length != in.batchSize()) {
            throw new IllegalArgumentException("drop has " + drop.length + " entries for a batch of "
                    + in.batchSize());
        }
        INDArray label = in.label() == null ? null : in.label().dup();
        INDArray text = in.text() == null ? null : in.text().dup();
        INDArray mask = in.textMask() == null ? null : in.textMask().dup();
        for (int b = 0; b < drop.length; b++) {
            if (!drop[b]) {
                continue;
            }
            if (label != null) {
                label.putScalar(b, config.numClasses());
            }
            if (text != null) {
                INDArray row = text.get(NDArrayIndex.point(b));   // [L] ids or [L, E] embeddings
                row.assign(0);
                if (config.text().mode() == TextConfig.Mode.TOKENS) {
                    row.putScalar(0, TextTokens.NULL);
                }
                INDArray maskRow = mask.get(NDArrayIndex.point(b)); // [L]
                maskRow.assign(0);
                maskRow.putScalar(0, 1);
            }
        }
        return new DiTInputs(in.x(), in.s(), label, text, mask, in.cond());
    }

    /** Every sample's condition replaced: the unconditional half of classifier-free guidance. */
    public static DiTInputs all(DiTInputs in, DiTConfig config) {
        boolean[] drop = new boolean[in.batchSize()];
        java.util.Arrays.fill(drop, true);
        return apply(in, drop, config);
    }
}
