package org.genmask.data.text;

import java.io.Serializable;
import java.util.List;
import org.genmask.dit.TextTokens;

/**
 * Encodes texts to a fixed length L with a {@link Vocabulary}: {@link Tokenizer} tokens, unknown words as
 * {@link TextTokens#UNKNOWN}, the first L tokens kept (truncation is reported by {@link EncodedText#truncated()}),
 * padded with {@link TextTokens#PAD}. Serializable, so Spark tasks can tokenize.
 *
 * @param vocabulary the dataset's vocabulary
 * @param maxLength  L, &gt; 0
 */
public record TextEncoder(Vocabulary vocabulary, int maxLength) implements Serializable {
    private static final long serialVersionUID = 1L;


    /** Validates the fields. */
    public TextEncoder {
        if (vocabulary == null) {
            throw new IllegalArgumentException("vocabulary is null");
        }
        if (maxLength <= 0) {
            throw new IllegalArgumentException("text max length must be > 0, got " + maxLength);
        }
    }

    /** The encoded text; an empty one ({@link EncodedText#isEmpty()}) when the text has no token. */
    public EncodedText encode(String text) {
        List<String> tokens = Tokenizer.tokenize(text);
        int n = Math.min(tokens.size(), maxLength);
        int[] ids = new int[maxLength];
        int unknown = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = vocabulary.id(tokens.get(i));
            unknown += ids[i] == TextTokens.UNKNOWN ? 1 : 0;
        }
        return new EncodedText(ids, n, tokens.size(), unknown);
    }

    /** The null text of classifier-free guidance: {@code [NULL, PAD, ...]} with mask {@code [1, 0, ...]}. */
    public EncodedText nullText() {
        int[] ids = new int[maxLength];
        ids[0] = TextTokens.NULL;
        return new EncodedText(ids, 1, 1, 0);
    }

    /**
     * Why a text cannot be used as a condition, or null when it can: {@code no words (letters or digits) in "?!"}.
     */
    public static String rejection(String text) {
        return Tokenizer.tokenize(text).isEmpty() ? "no words (letters or digits) in \"" + text + "\"" : null;
    }
}
