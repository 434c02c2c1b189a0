package org.genmask.data.latents;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.genmask.data.manifest.DatasetImage;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.Split;
import org.genmask.data.text.LeftRightFlip;
import org.genmask.data.text.Tokenizer;
import org.genmask.data.text.Vocabulary;
import org.genmask.dit.TextTokens;

/**
 * One row of {@link LatentTable#TEXTS}: a caption (text -> image) or a referring expression (image + text -> mask)
 * as token ids, untruncated and unpadded, with the ids of the text with its left/right words swapped for the
 * mirrored pair ({@link LeftRightFlip}).
 *
 * @param imageId    the image's manifest id
 * @param objectId   the object an expression refers to; null for a caption
 * @param split      the image's split
 * @param kind       {@link #CAPTION} or {@link #EXPRESSION}
 * @param textIndex  the text's index among the image's captions or the object's expressions
 * @param text       the text as written in the manifest
 * @param tokens     the ids of its tokens (&gt;= 1)
 * @param flipTokens the ids of its tokens with left/right swapped (same length)
 */
public record TextRow(String imageId, String objectId, Split split, String kind, int textIndex, String text,
                      int[] tokens, int[] flipTokens) implements Serializable {

    /** {@link #kind()} of a caption. */
    public static final String CAPTION = "caption";
    /** {@link #kind()} of a referring expression. */
    public static final String EXPRESSION = "expression";

    /** Validates the fields. */
    public TextRow {
        String where = "text row " + imageId + "/" + objectId + "/" + kind + "[" + textIndex + "]";
        if (imageId == null || split == null || text == null || tokens == null || flipTokens == null) {
            throw new IllegalArgumentException(where + ": image id, split, text and tokens are required");
        }
        if (!(CAPTION.equals(kind) && objectId == null) && !(EXPRESSION.equals(kind) && objectId != null)) {
            throw new IllegalArgumentException(where + ": a caption has no object id, an expression has one");
        }
        if (tokens.length == 0 || tokens.length != flipTokens.length) {
            throw new IllegalArgumentException(where + ": needs at least one token and as many flipped tokens");
        }
    }

    /** The texts of an image, tokenized with the vocabulary: its captions, then each object's expressions. */
    public static List<TextRow> of(DatasetImage image, Vocabulary vocabulary) {
        List<TextRow> out = new ArrayList<>();
        for (int i = 0; i < image.captions().size(); i++) {
            out.add(text(image, null, CAPTION, i, image.captions().get(i), vocabulary));
        }
        for (DatasetObject o : image.objects()) {
            for (int i = 0; i < o.expressions().size(); i++) {
                out.add(text(image, o.id(), EXPRESSION, i, o.expressions().get(i), vocabulary));
            }
        }
        return out;
    }

    private static TextRow text(DatasetImage image, String objectId, String kind, int index, String text,
                                Vocabulary vocabulary) {
        List<String> words = Tokenizer.tokenize(text);
        return new TextRow(image.id(), objectId, image.split(), kind, index, text, ids(words, vocabulary),
                ids(LeftRightFlip.flipTokens(words), vocabulary));
    }

    private static int[] ids(List<String> words, Vocabulary vocabulary) {
        return words.stream().mapToInt(vocabulary::id).toArray();
    }

    /**
     * Token ids at a fixed length L: the first L ids, padded with {@link TextTokens#PAD}.
     *
     * @return {@code [L]} ids; the number of real tokens is {@code min(ids.length, length)}
     */
    public static int[] fixedLength(int[] ids, int length) {
        return Arrays.copyOf(ids, length); // Arrays.copyOf pads with 0 == PAD
    }

    /** The Spark row. */
    public Row toRow() {
        return RowFactory.create(imageId, objectId, split.jsonName(), kind, textIndex, text, tokens, flipTokens);
    }

    /** Reads a row of the texts table (by column name). */
    public static TextRow fromRow(Row r) {
        return new TextRow(r.getString(r.fieldIndex("image_id")), r.getString(r.fieldIndex("object_id")),
                Split.fromJson(r.getString(r.fieldIndex("split"))), r.getString(r.fieldIndex("kind")),
                r.getInt(r.fieldIndex("text_index")), r.getString(r.fieldIndex("text")), ints(r, "tokens"),
                ints(r, "flip_tokens"));
    }

    private static int[] ints(Row r, String column) {
        List<Integer> list = r.getList(r.fieldIndex(column));
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
