package org.genmask.jobs.sample;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genmask.data.text.EncodedText;
import org.genmask.data.text.TextEncoder;
import org.genmask.data.text.Tokenizer;
import org.genmask.dit.TextTokens;

/**
 * One prompt of a sampling run, tokenized for the model.
 *
 * @param index        its position in the prompt list (names its file, seeds its noise)
 * @param text         the text as given
 * @param ids          {@code [L]} token ids, padded with {@link TextTokens#PAD}
 * @param length       real tokens kept (the mask's ones), 1..L
 * @param unknownWords its words that are not in the vocabulary (encoded as {@link TextTokens#UNKNOWN})
 * @param truncated    whether words beyond L were cut off
 * @param imageId      the image a dataset caption belongs to; null for a given prompt
 * @param textIndex    the caption's index among its image's captions; -1 for a given prompt
 */
public record SamplePrompt(int index, String text, int[] ids, int length, List<String> unknownWords, boolean truncated,
                           String imageId, int textIndex) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the list. */
    public SamplePrompt {
        unknownWords = List.copyOf(unknownWords);
    }

    /**
     * Tokenizes a text (unknown words become {@link TextTokens#UNKNOWN}).
     *
     * @param where names the prompt in the error, e.g. {@code config key 'prompts': prompt 3}
     * @throws IllegalArgumentException when the text holds no word (letters or digits)
     */
    public static SamplePrompt encode(int index, String text, TextEncoder encoder, String imageId, int textIndex,
                                      String where) {
        String rejection = TextEncoder.rejection(text);
        if (rejection != null) {
            throw new IllegalArgumentException(where + ": " + rejection);
        }
        EncodedText e = encoder.encode(text);
        List<String> unknown = Tokenizer.tokenize(text).stream()
                .filter(w -> encoder.vocabulary().id(w) == TextTokens.UNKNOWN).distinct().toList();
        return new SamplePrompt(index, text, e.ids(), e.length(), unknown, e.truncated(), imageId, textIndex);
    }

    /**
     * The prompts of a {@code prompts} value: {@code |}-separated texts, each stripped.
     *
     * @throws IllegalArgumentException naming the key and the prompt when one is empty or has no word
     */
    public static List<SamplePrompt> list(String prompts, TextEncoder encoder) {
        String[] texts = prompts.split("\\|", -1);
        List<SamplePrompt> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i].strip();
            String where = "config key 'prompts': prompt " + i;
            if (text.isEmpty()) {
                throw new IllegalArgumentException(where + " is empty (two '|' in a row, or one at an end)");
            }
            out.add(encode(i, text, encoder, null, -1, where));
        }
        return out;
    }

    /** Whether no word of the prompt is in the vocabulary (the model sees only {@link TextTokens#UNKNOWN}). */
    public boolean noKnownWord() {
        for (int i = 0; i < length; i++) {
            if (ids[i] != TextTokens.UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /** The text mask {@code [L]}: 1 for the real tokens, 0 for padding. */
    public float[] mask() {
        float[] m = new float[ids.length];
        Arrays.fill(m, 0, length, 1f);
        return m;
    }
}
