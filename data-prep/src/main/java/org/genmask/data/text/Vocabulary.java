package org.genmask.data.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.genmask.data.DatasetFiles;
import org.genmask.data.RelativePath;
import org.genmask.dit.TextTokens;

/**
 * A dataset's word -> id table. Reserved ids are those of {@link TextTokens} (0 PAD, 1 NULL, 2 UNK); words take
 * ids from {@link TextTokens#FIRST_WORD} in order of decreasing count, ties broken by the word ({@link
 * String#compareTo}), so the same texts always give the same table. Stored as {@code vocabulary.json} in the
 * dataset root:
 *
 * <pre>{"format":"genmask-vocabulary/1","reserved":{"&lt;pad&gt;":0,"&lt;null&gt;":1,"&lt;unk&gt;":2},
 *  "words":{"the":3,"red":4,...},"counts":{"the":812,"red":301,...}}</pre>
 */
public final class Vocabulary implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The file name in a dataset root. */
    public static final String FILE = "vocabulary.json";
    /** The file's path in a dataset root. */
    public static final RelativePath PATH = new RelativePath(FILE);
    private static final String FORMAT = "genmask-vocabulary/1";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));
    private static final List<String> RESERVED = List.of("<pad>", "<null>", "<unk>");

    private final List<String> words;
    private final long[] counts;
    private final Map<String, Integer> ids;

    /**
     * @param words  the words in id order (the first gets {@link TextTokens#FIRST_WORD}); each a {@link Tokenizer}
     *               token, no duplicates
     * @param counts their training counts, same length, each &gt;= 0
     */
    public Vocabulary(List<String> words, long[] counts) {
        if (words == null || counts == null || words.size() != counts.length) {
            throw new IllegalArgumentException("vocabulary needs one count per word");
        }
        this.words = List.copyOf(words);
        this.counts = counts.clone();
        this.ids = new HashMap<>();
        for (int i = 0; i < this.words.size(); i++) {
            String w = this.words.get(i);
            if (!Tokenizer.isToken(w)) {
                throw new IllegalArgumentException("vocabulary word \"" + w + "\" is not a token (lower-case letters"
                        + " and digits)");
            }
            if (ids.put(w, TextTokens.FIRST_WORD + i) != null) {
                throw new IllegalArgumentException("vocabulary word \"" + w + "\" appears twice");
            }
            if (counts[i] < 0) {
                throw new IllegalArgumentException("vocabulary word \"" + w + "\" has a negative count");
            }
        }
    }

    /**
     * Counts the tokens of the texts and keeps words seen at least {@code minCount} times, at most
     * {@code maxWords} of them (the most frequent).
     */
    public static Vocabulary build(Iterable<String> texts, int minCount, int maxWords) {
        TokenCounts counts = new TokenCounts();
        texts.forEach(counts::add);
        return counts.toVocabulary(minCount, maxWords);
    }

    /** The id of a token, {@link TextTokens#UNKNOWN} when absent. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? TextTokens.UNKNOWN : id;
    }

    /** The word of an id; reserved ids give {@code <pad>}, {@code <null>}, {@code <unk>}. */
    public String word(int id) {
        if (id >= 0 && id < TextTokens.FIRST_WORD) {
            return RESERVED.get(id);
        }
        if (id < 0 || id >= size()) {
            throw new IllegalArgumentException("id " + id + " is outside the vocabulary (size " + size() + ")");
        }
        return words.get(id - TextTokens.FIRST_WORD);
    }

    /** The training count of a word, 0 when absent. */
    public long count(String word) {
        Integer id = ids.get(word);
        return id == null ? 0 : counts[id - TextTokens.FIRST_WORD];
    }

    /** The words in id order. */
    public List<String> words() {
        return words;
    }

    /** Rows of the embedding table: reserved ids plus words ({@code TextConfig.vocabSize}). */
    public int size() {
        return TextTokens.FIRST_WORD + words.size();
    }

    /** The JSON form (stable: same vocabulary, same bytes). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode reserved = root.putObject("reserved");
        reserved.put(RESERVED.get(TextTokens.PAD), TextTokens.PAD);
        reserved.put(RESERVED.get(TextTokens.NULL), TextTokens.NULL);
        reserved.put(RESERVED.get(TextTokens.UNKNOWN), TextTokens.UNKNOWN);
        ObjectNode w = root.putObject("words");
        ObjectNode c = root.putObject("counts");
        for (int i = 0; i < words.size(); i++) {
            w.put(words.get(i), TextTokens.FIRST_WORD + i);
            c.put(words.get(i), counts[i]);
        }
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the vocabulary", e);
        }
    }

    /**
     * Parses the JSON form.
     *
     * @param name the file's name for messages
     * @throws IOException naming the file and the field, e.g. {@code vocabulary.json: words.red: id 3 used twice}
     */
    public static Vocabulary fromJson(String name, String json) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(name + ": invalid JSON: " + e.getOriginalMessage().split("\n", 2)[0]);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(name + ": not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new IOException(name + ": format: expected \"" + FORMAT + "\", got " + root.get("format"));
        }
        for (int id = 0; id < TextTokens.FIRST_WORD; id++) {
            JsonNode r = root.path("reserved").get(RESERVED.get(id));
            if (r == null || !r.isInt() || r.intValue() != id) {
                throw new IOException(name + ": reserved." + RESERVED.get(id) + ": must be " + id
                        + " (org.genmask.dit.TextTokens), got " + r);
            }
        }
        JsonNode w = root.get("words");
        if (w == null || !w.isObject()) {
            throw new IOException(name + ": words: missing or not an object");
        }
        String[] byId = new String[w.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode id = e.getValue();
            String field = "words." + e.getKey();
            if (!Tokenizer.isToken(e.getKey())) {
                throw new IOException(name + ": " + field + ": not a token (lower-case letters and digits)");
            }
            int index = id.isInt() ? id.intValue() - TextTokens.FIRST_WORD : -1;
            if (index < 0 || index >= byId.length) {
                throw new IOException(name + ": " + field + ": id must be an integer in " + TextTokens.FIRST_WORD
                        + ".." + (TextTokens.FIRST_WORD + byId.length - 1) + ", got " + id);
            }
            if (byId[index] != null) {
                throw new IOException(name + ": " + field + ": id " + id + " used twice (also \"" + byId[index]
                        + "\")");
            }
            byId[index] = e.getKey();
        }
        long[] counts = new long[byId.length];
        JsonNode c = root.path("counts");
        for (int i = 0; i < byId.length; i++) {
            JsonNode n = c.get(byId[i]);
            if (n != null && (!n.canConvertToLong() || !n.isIntegralNumber() || n.longValue() < 0)) {
                throw new IOException(name + ": counts." + byId[i] + ": must be an integer >= 0, got " + n);
            }
            counts[i] = n == null ? 0 : n.longValue();
        }
        return new Vocabulary(List.of(byId), counts);
    }

    /** Reads {@code vocabulary.json} of a dataset root. */
    public static Vocabulary read(DatasetFiles files) throws IOException {
        return fromJson(FILE, new String(files.read(PATH), StandardCharsets.UTF_8));
    }

    /** Writes {@code vocabulary.json} into a dataset root. */
    public void write(DatasetFiles files) throws IOException {
        files.write(PATH, toJson().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.words.equals(words) && java.util.Arrays.equals(v.counts, counts);
    }

    @Override
    public int hashCode() {
        return words.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[" + words.size() + " words]";
    }
}
