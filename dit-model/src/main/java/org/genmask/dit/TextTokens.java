package org.genmask.dit;

/**
 * Reserved token ids of every GenMask vocabulary. A tokenizer (data-prep) assigns words ids from
 * {@link #FIRST_WORD} on. The null text of classifier-free guidance is the one-token sequence {@code [NULL]}.
 */
public final class TextTokens {
    /** Padding; masked out of attention and pooling. */
    public static final int PAD = 0;
    /** The null text (classifier-free guidance): a sequence holding only this token. */
    public static final int NULL = 1;
    /** A word not in the vocabulary. */
    public static final int UNKNOWN = 2;
    /** The first id a word can have. */
    public static final int FIRST_WORD = 3;

    private TextTokens() {
    }
}
