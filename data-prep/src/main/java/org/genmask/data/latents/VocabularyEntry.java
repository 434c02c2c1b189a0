package org.genmask.data.latents;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.genmask.data.text.Vocabulary;
import org.genmask.dit.TextTokens;

/**
 * One row of {@link LatentTable#VOCABULARY}: a word, its id and its training count.
 *
 * @param id    the word's id (from {@link TextTokens#FIRST_WORD})
 * @param word  the word
 * @param count its count in the train split
 */
public record VocabularyEntry(int id, String word, long count) implements Serializable {

    /** Validates the fields. */
    public VocabularyEntry {
        if (id < TextTokens.FIRST_WORD || word == null || count < 0) {
            throw new IllegalArgumentException("vocabulary entry needs an id >= " + TextTokens.FIRST_WORD
                    + ", a word and a count >= 0, got " + id + ", " + word + ", " + count);
        }
    }

    /** The rows of a vocabulary, in id order. */
    public static List<Row> rows(Vocabulary vocabulary) {
        List<Row> out = new ArrayList<>();
        List<String> words = vocabulary.words();
        for (int i = 0; i < words.size(); i++) {
            out.add(RowFactory.create(TextTokens.FIRST_WORD + i, words.get(i), vocabulary.count(words.get(i))));
        }
        return out;
    }

    /**
     * The vocabulary stored in these rows (any order).
     *
     * @param where the table's location, for messages
     */
    public static Vocabulary toVocabulary(List<Row> rows, String where) {
        List<VocabularyEntry> entries = new ArrayList<>();
        for (Row r : rows) {
            entries.add(new VocabularyEntry(r.getInt(r.fieldIndex("id")), r.getString(r.fieldIndex("word")),
                    r.getLong(r.fieldIndex("count"))));
        }
        entries.sort(Comparator.comparingInt(VocabularyEntry::id));
        List<String> words = new ArrayList<>();
        long[] counts = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            VocabularyEntry e = entries.get(i);
            if (e.id() != TextTokens.FIRST_WORD + i) {
                throw new IllegalArgumentException(where + ": id: ids must run from " + TextTokens.FIRST_WORD
                        + " without gaps, found " + e.id() + " at position " + i);
            }
            words.add(e.word());
            counts[i] = e.count();
        }
        return new Vocabulary(words, counts);
    }
}
