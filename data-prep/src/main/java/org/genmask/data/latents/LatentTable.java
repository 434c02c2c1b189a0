package org.genmask.data.latents;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables (directories) of a latent partition and their Parquet schemas. This enum is the one place the
 * schema is written down; the row records ({@link ImageLatentRow}, {@link MaskLatentRow}, {@link TextRow},
 * {@link RejectRow}, {@link VocabularyEntry}) write and read rows in exactly this column order. The first column
 * of every table carries the {@link TableMetadata}; every latent column carries its dtype and shape.
 *
 * <pre>
 * images/      image_id, split, image, mean, logvar, flip_mean, flip_logvar        (one row per image)
 * masks/       image_id, object_id, split, mask, pixels, mean, logvar, flip_mean, flip_logvar (one per object)
 * texts/       image_id, object_id, split, kind, text_index, text, tokens, flip_tokens (one per caption/expression)
 * rejects/     stage, file, line, field, reason, problem, image_id, object_id, path   (one per rejected item)
 * vocabulary/  id, word, count                                                        (one per word)
 * </pre>
 * Latent columns are BINARY: {@code C*H*W} little-endian values of the partition's dtype, the VAE posterior in the
 * VAE's own (unscaled) space; {@code flip_*} are the posterior of the horizontally mirrored input (an image and its
 * masks share the flip). {@code tokens} are the text's ids with the partition's vocabulary, untruncated and
 * unpadded; {@code flip_tokens} those of the text with left/right words swapped.
 */
public enum LatentTable {
    IMAGES("images"), MASKS("masks"), TEXTS("texts"), REJECTS("rejects"), VOCABULARY("vocabulary");

    private final String directory;

    LatentTable(String directory) {
        this.directory = directory;
    }

    /** The table's directory name inside a partition. */
    public String directory() {
        return directory;
    }

    /**
     * The table's schema.
     *
     * @param meta  the footer metadata (placed on the first column)
     * @param shape the latent shape (placed with the dtype on latent columns)
     */
    public StructType schema(TableMetadata meta, LatentShape shape) {
        Metadata first = meta.toSpark();
        Metadata latent = TableMetadata.latentColumn(meta.cacheKey().dtype(), shape);
        return switch (this) {
            case IMAGES -> new StructType(new StructField[] {
                string("image_id", false, first), string("split", false), string("image", false),
                binary("mean", latent), binary("logvar", latent), binary("flip_mean", latent),
                binary("flip_logvar", latent)});
            case MASKS -> new StructType(new StructField[] {
                string("image_id", false, first), string("object_id", false), string("split", false),
                string("mask", false), new StructField("pixels", DataTypes.IntegerType, false, Metadata.empty()),
                binary("mean", latent), binary("logvar", latent), binary("flip_mean", latent),
                binary("flip_logvar", latent)});
            case TEXTS -> new StructType(new StructField[] {
                string("image_id", false, first), string("object_id", true), string("split", false),
                string("kind", false), new StructField("text_index", DataTypes.IntegerType, false, Metadata.empty()),
                string("text", false), ints("tokens"), ints("flip_tokens")});
            case REJECTS -> new StructType(new StructField[] {
                string("stage", false, first), string("file", false),
                new StructField("line", DataTypes.LongType, false, Metadata.empty()), string("field", false),
                string("reason", false), string("problem", false), string("image_id", true),
                string("object_id", true), string("path", true)});
            case VOCABULARY -> new StructType(new StructField[] {
                new StructField("id", DataTypes.IntegerType, false, first), string("word", false),
                new StructField("count", DataTypes.LongType, false, Metadata.empty())});
        };
    }

    private static StructField string(String name, boolean nullable) {
        return string(name, nullable, Metadata.empty());
    }

    private static StructField string(String name, boolean nullable, Metadata m) {
        return new StructField(name, DataTypes.StringType, nullable, m);
    }

    private static StructField binary(String name, Metadata m) {
        return new StructField(name, DataTypes.BinaryType, false, m);
    }

    private static StructField ints(String name) {
        return new StructField(name, DataTypes.createArrayType(DataTypes.IntegerType, false), false,
                Metadata.empty());
    }
}
