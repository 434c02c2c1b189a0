package org.genmask.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project's tokenizer: lower-case (locale-independent), then split on every character that is not a letter or
 * a digit ({@link Character#isLetterOrDigit(int)}); separators are dropped. {@code "The left-most, RED one!"} gives
 * {@code [the, left, most, red, one]}.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    /** The tokens of a text, in order; empty when the text holds no letter or digit. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            boolean word = Character.isLetterOrDigit(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(lower.substring(start));
        }
        return out;
    }

    /** Whether {@code word} is a single token: non-empty, letters and digits only, unchanged by lower-casing. */
    public static boolean isToken(String word) {
        List<String> t = tokenize(word);
        return t.size() == 1 && t.get(0).equals(word);
    }
}
