package org.genmask.dit;

/**
 * The text conditioning of the GenMask DiT: how text enters and the size of the small text encoder.
 *
 * @param mode          {@code TOKENS}: token ids through a learned embedding table; {@code EMBEDDINGS}: precomputed
 *                      per-token embeddings of width {@code embedWidth}, projected in
 * @param vocabSize     rows of the token embedding table (ids 0 = padding and 1 = the null text are reserved,
 *                      see {@link TextTokens}); ignored for {@code EMBEDDINGS}
 * @param maxLength     tokens per text (shorter texts are padded and masked)
 * @param width         the text encoder's hidden width
 * @param depth         text encoder layers (pre-LN transformer layers); 0 is allowed
 * @param numHeads      attention heads in the text encoder
 * @param embedWidth    width of precomputed embeddings ({@code EMBEDDINGS} mode only, else 0)
 */
public record TextConfig(Mode mode, int vocabSize, int maxLength, int width, int depth, int numHeads,
                         int embedWidth) {

    public enum Mode { TOKENS, EMBEDDINGS }

    public TextConfig {
        if (mode == null) {
            throw new IllegalArgumentException("text.mode must be TOKENS or EMBEDDINGS");
        }
        if (mode == Mode.TOKENS && vocabSize <= TextTokens.FIRST_WORD) {
            throw new IllegalArgumentException("text.vocab_size must be > " + TextTokens.FIRST_WORD + ", got "
                    + vocabSize);
        }
        if (mode == Mode.EMBEDDINGS && embedWidth <= 0) {
            throw new IllegalArgumentException("text.embed_width must be > 0 in EMBEDDINGS mode, got " + embedWidth);
        }
        if (maxLength <= 0) {
            throw new IllegalArgumentException("text.max_length must be > 0, got " + maxLength);
        }
        if (width <= 0 || numHeads <= 0 || width % numHeads != 0) {
            throw new IllegalArgumentException("text.width (" + width + ") must be a positive multiple of "
                    + "text.num_heads (" + numHeads + ")");
        }
        if (depth < 0) {
            throw new IllegalArgumentException("text.depth must be >= 0, got " + depth);
        }
    }

    /** Token-id text with the given vocabulary and length; the encoder is 2 layers of the given width. */
    public static TextConfig tokens(int vocabSize, int maxLength, int width, int numHeads) {
        return new TextConfig(Mode.TOKENS, vocabSize, maxLength, width, 2, numHeads, 0);
    }
}
