package org.genmask.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Swaps left and right words, for the text of a horizontally flipped image/mask pair: {@code left <-> right},
 * {@code leftmost <-> rightmost}, {@code lefthand <-> righthand}, {@code leftward(s) <-> rightward(s)}. Words are
 * matched whole (a word is a maximal run of letters and digits, as for {@link Tokenizer}) and case-insensitively;
 * the replacement keeps the case pattern (all upper, capitalised, lower). Everything else is kept byte for byte,
 * so {@code "The circle on the Left-most side"} gives {@code "The circle on the Right-most side"}. Applying it twice
 * gives the original text.
 */
public final class LeftRightFlip {

    private static final Map<String, String> SWAP = Map.ofEntries(
            Map.entry("left", "right"), Map.entry("right", "left"),
            Map.entry("leftmost", "rightmost"), Map.entry("rightmost", "leftmost"),
            Map.entry("lefthand", "righthand"), Map.entry("righthand", "lefthand"),
            Map.entry("leftward", "rightward"), Map.entry("rightward", "leftward"),
            Map.entry("leftwards", "rightwards"), Map.entry("rightwards", "leftwards"));

    private LeftRightFlip() {
    }

    /** The text with its left/right words swapped. */
    public static String flip(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            int end = i;
            while (end < text.length() && Character.isLetterOrDigit(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            String word = text.substring(i, end);
            String swapped = swap(word.toLowerCase(Locale.ROOT));
            out.append(swapped == null ? word : matchCase(word, swapped));
            i = end;
        }
        return out.toString();
    }

    /** Tokens with their left/right words swapped (tokens are lower case, as {@link Tokenizer} makes them). */
    public static List<String> flipTokens(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            String s = swap(t);
            out.add(s == null ? t : s);
        }
        return out;
    }

    /** Whether the text holds a word that {@link #flip} changes. */
    public static boolean mentionsLeftOrRight(String text) {
        for (String t : Tokenizer.tokenize(text)) {
            if (swap(t) != null) {
                return true;
            }
        }
        return false;
    }

    private static String swap(String lower) {
        return SWAP.get(lower);
    }

    private static String matchCase(String original, String lower) {
        if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
            return lower.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(original.codePointAt(0))) {
            return lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
        }
        return lower;
    }
}
