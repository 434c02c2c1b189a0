package org.genmask.data.text;

import java.util.Arrays;
import org.genmask.dit.TextTokens;

/**
 * A text as model input: {@code L} token ids, padded with {@link TextTokens#PAD}, and its mask (1 for a real
 * token, 0 for padding), plus what encoding lost. Immutable.
 */
public final class EncodedText {

    private final int[] ids;
    private final int length;
    private final int tokenCount;
    private final int unknownCount;

    /**
     * @param ids          L ids; the first {@code length} are real, the rest {@link TextTokens#PAD} (copied)
     * @param length       real tokens kept, 0..L
     * @param tokenCount   tokens in the text before truncation, &gt;= length
     * @param unknownCount kept tokens that were not in the vocabulary
     */
    public EncodedText(int[] ids, int length, int tokenCount, int unknownCount) {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("an encoded text needs L > 0 ids");
        }
        if (length < 0 || length > ids.length || tokenCount < length || unknownCount < 0 || unknownCount > length) {
            throw new IllegalArgumentException("inconsistent encoded text: L " + ids.length + ", length " + length
                    + ", tokens " + tokenCount + ", unknown " + unknownCount);
        }
        for (int i = 0; i < ids.length; i++) {
            if ((i < length) == (ids[i] == TextTokens.PAD) || ids[i] < 0) {
                throw new IllegalArgumentException("id " + ids[i] + " at " + i + ": the first " + length
                        + " ids must be non-PAD tokens and the rest PAD");
            }
        }
        this.ids = ids.clone();
        this.length = length;
        this.tokenCount = tokenCount;
        this.unknownCount = unknownCount;
    }

    /** L, the fixed length. */
    public int maxLength() {
        return ids.length;
    }

    /** A copy of the L ids. */
    public int[] ids() {
        return ids.clone();
    }

    /** The mask: 1 for the first {@link #length()} positions, 0 after. */
    public float[] mask() {
        float[] m = new float[ids.length];
        Arrays.fill(m, 0, length, 1f);
        return m;
    }

    /** Real tokens kept. */
    public int length() {
        return length;
    }

    /** Tokens in the text before truncation. */
    public int tokenCount() {
        return tokenCount;
    }

    /** Whether tokens were cut off to fit L. */
    public boolean truncated() {
        return tokenCount > length;
    }

    /** Kept tokens mapped to {@link TextTokens#UNKNOWN}. */
    public int unknownCount() {
        return unknownCount;
    }

    /** Whether the text had no token at all (a reject: the model would attend to nothing). */
    public boolean isEmpty() {
        return tokenCount == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedText e && Arrays.equals(e.ids, ids) && e.length == length
                && e.tokenCount == tokenCount && e.unknownCount == unknownCount;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + tokenCount;
    }

    @Override
    public String toString() {
        return "EncodedText" + Arrays.toString(Arrays.copyOf(ids, length)) + (truncated() ? " (truncated from "
                + tokenCount + ")" : "");
    }
}
