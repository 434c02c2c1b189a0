package org.genmask.data.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token counts accumulated text by text (not thread-safe), for building a {@link Vocabulary} from a stream of
 * training texts without holding them.
 */
public final class TokenCounts {

    private final Map<String, Long> counts = new HashMap<>();

    /** Counts the tokens of one text. */
    public void add(String text) {
        for (String t : Tokenizer.tokenize(text)) {
            counts.merge(t, 1L, Long::sum);
        }
    }

    /** The count of a token so far. */
    public long count(String token) {
        return counts.getOrDefault(token, 0L);
    }

    /**
     * The vocabulary of words counted at least {@code minCount} times, at most {@code maxWords} of them: decreasing
     * count, ties by the word.
     */
    public Vocabulary toVocabulary(int minCount, int maxWords) {
        if (minCount < 1 || maxWords < 0) {
            throw new IllegalArgumentException("minCount must be >= 1 and maxWords >= 0, got " + minCount + ", "
                    + maxWords);
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minCount);
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int n = Math.min(entries.size(), maxWords);
        List<String> words = new ArrayList<>(n);
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            words.add(entries.get(i).getKey());
            c[i] = entries.get(i).getValue();
        }
        return new Vocabulary(words, c);
    }
}
