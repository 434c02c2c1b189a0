package org.genmask.data.latents;

import static org.apache.spark.sql.functions.col;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.manifest.Split;
import org.genmask.data.text.Vocabulary;
import org.genmask.dit.Task;
import scala.Tuple2;

/**
 * A complete latent partition opened for training. {@link #open} refuses a partition without its completion
 * marker, and checks that the directory's key id, the marker and every table's Parquet footer hold one cache key
 * (and the caller's, when given); {@link #examples} builds {@link TrainingExample}s:
 * <ul>
 *   <li>generation: for each caption of an image of the split, target = the image latent, text = the caption;
 *   <li>segmentation: for each referring expression, target = its object's mask latent, condition = the image latent,
 *       text = the expression;
 *   <li>with flips, each also mirrored: mirrored latents (an image and its masks share the flip) and the text with
 *       left/right words swapped.
 * </ul>
 * Latents are the posterior mean or a seeded sample, scaled for the diffusion model; the order is a deterministic
 * shuffle by (seed, epoch). {@link #referringExamples} reads a split's referring expressions for evaluation.
 */
public final class LatentDataset {

    private final PartitionMarker marker;
    private final PartitionTables tables;
    private final Vocabulary vocabulary;

    private LatentDataset(PartitionMarker marker, PartitionTables tables, Vocabulary vocabulary) {
        this.marker = marker;
        this.tables = tables;
        this.vocabulary = vocabulary;
    }

    /**
     * Opens the partition of a {@link LatentSource}; when it names a cache key id ({@code ?key=...}), the partition
     * must have it. The source may stop at {@code <output>/dataset=<name>}: the one complete {@code key=} partition
     * below it is used (or the one the source's key names); none or several is an error listing what is there.
     */
    public static LatentDataset open(SparkSession spark, LatentSource source) throws IOException {
        String path = source.path();
        if (new Path(path).getName().startsWith("dataset=")) {
            path = KeyDirectory.resolve(path, source.keyId(), spark.sparkContext().hadoopConfiguration());
        }
        LatentDataset ds = open(spark, path, null);
        if (source.keyId() != null && !source.keyId().equals(ds.cacheKey().id())) {
            throw new IllegalStateException("latent cache key mismatch: " + ds.partition() + " has key "
                    + ds.cacheKey().describe() + " but the source asks for key " + source.keyId());
        }
        return ds;
    }

    /** Opens a partition ({@code <output>/dataset=<name>/key=<id>}, any Hadoop file system) and checks it. */
    public static LatentDataset open(SparkSession spark, String path) throws IOException {
        return open(spark, path, null);
    }

    /**
     * Opens a partition and checks that it was written with {@code expected} (null: any key).
     *
     * @throws CacheKeyMismatchException naming both keys when a key differs
     * @throws IllegalStateException     when the partition is incomplete or its tables do not belong to it
     */
    public static LatentDataset open(SparkSession spark, String path, CacheKey expected) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        LatentPartition partition = LatentPartition.parse(fs.makeQualified(p).toString());
        String markerPath = partition.marker();
        PartitionMarker marker;
        try (InputStream in = fs.open(new Path(markerPath))) {
            marker = PartitionMarker.fromJson(markerPath, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            throw new IllegalStateException(partition.path() + ": no " + LatentPartition.MARKER + ", so the partition"
                    + " is incomplete (a precomputation is running or was killed); rerun PrecomputeLatentsJob");
        }
        CacheKey key = marker.cacheKey();
        if (expected != null) {
            expected.requireSame(key, "the reader", markerPath);
        }
        if (!key.id().equals(partition.keyId()) || !marker.dataset().equals(partition.dataset())) {
            throw new IllegalStateException(markerPath + ": marker names dataset " + marker.dataset()
                    + " and cache key " + key.describe() + ", but the directory is dataset=" + partition.dataset() + "/key="
                    + partition.keyId());
        }
        PartitionTables tables = new PartitionTables(spark, partition);
        for (LatentTable t : LatentTable.values()) {
            tables.checkFooter(t, TableMetadata.of(t, marker.dataset(), key, marker.manifestSha256()));
        }
        Vocabulary vocabulary = VocabularyEntry.toVocabulary(tables.read(LatentTable.VOCABULARY).collectAsList(),
                partition.table(LatentTable.VOCABULARY));
        return new LatentDataset(marker, tables, vocabulary);
    }

    public LatentPartition partition() {
        return tables.partition();
    }

    public PartitionMarker marker() {
        return marker;
    }

    public CacheKey cacheKey() {
        return marker.cacheKey();
    }

    /** The shape of every latent. */
    public LatentShape shape() {
        return marker.shape();
    }

    /** The vocabulary the texts were tokenized with. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** A table's rows (columns as in {@link LatentTable}). */
    public Dataset<Row> table(LatentTable table) {
        return tables.read(table);
    }

    /** The training examples chosen by {@code options}, deterministically shuffled by (seed, epoch). */
    public JavaRDD<TrainingExample> examples(ExampleOptions options) {
        String split = options.split().jsonName();
        ExampleFactory factory = new ExampleFactory(cacheKey(), shape(), options);
        Dataset<Row> images = table(LatentTable.IMAGES).filter(col("split").equalTo(split))
                .select("image_id", "mean", "logvar", "flip_mean", "flip_logvar");
        Dataset<Row> texts = table(LatentTable.TEXTS).filter(col("split").equalTo(split));
        JavaRDD<TrainingExample> out = null;
        if (options.tasks().contains(Task.GENERATION)) {
            Dataset<Row> captions = texts.filter(col("kind").equalTo(TextRow.CAPTION))
                    .select("image_id", "text_index", "tokens", "flip_tokens");
            out = captions.join(images, "image_id").javaRDD().flatMap(factory::generation);
        }
        if (options.tasks().contains(Task.SEGMENTATION)) {
            Dataset<Row> masks = table(LatentTable.MASKS).filter(col("split").equalTo(split))
                    .select(col("image_id"), col("object_id"), renamed("mean"), renamed("logvar"),
                            renamed("flip_mean"), renamed("flip_logvar"));
            Dataset<Row> expressions = texts.filter(col("kind").equalTo(TextRow.EXPRESSION))
                    .select("image_id", "object_id", "text_index", "tokens", "flip_tokens");
            Column sameObject = expressions.col("image_id").equalTo(masks.col("image_id"))
                    .and(expressions.col("object_id").equalTo(masks.col("object_id")));
            JavaRDD<TrainingExample> seg = expressions.join(masks, sameObject).drop(masks.col("image_id"))
                    .drop(masks.col("object_id")).join(images, "image_id").javaRDD().flatMap(factory::segmentation);
            out = out == null ? seg : out.union(seg);
        }
        long seed = options.seed();
        int epoch = options.epoch();
        return out.mapToPair(e -> new Tuple2<>(ExampleFactory.seed(seed, epoch, e.id()), e)).sortByKey().values();
    }

    /**
     * Every referring expression of a split whose object and image have latents, for evaluation: the image latent
     * and tokens its unmirrored segmentation training example has (posterior mean, scaled), with the expression text
     * and the mask's path (see {@link ReferringExample}). Expressions whose mask or image the precomputation
     * rejected have no latents and are left out ({@link #expressionCount} counts them too). Order: as read.
     *
     * @param textLength L: tokens are cut or padded to this length
     */
    public JavaRDD<ReferringExample> referringExamples(Split split, int textLength) {
        ExampleFactory factory = new ExampleFactory(cacheKey(), shape(), new ExampleOptions(split,
                EnumSet.of(Task.SEGMENTATION), false, Posterior.MEAN, 0, 0, textLength));
        return referringRows(split, true).javaRDD().map(factory::referring);
    }

    /** The ids of {@link #referringExamples} (cheap: no latent is read or decoded). */
    public JavaRDD<String> referringExampleIds(Split split) {
        return referringRows(split, false).javaRDD().map(ExampleFactory::segmentationId);
    }

    /** The referring expressions of a split in the texts table, with or without latents. */
    public long expressionCount(Split split) {
        return expressions(split).count();
    }

    private Dataset<Row> expressions(Split split) {
        return table(LatentTable.TEXTS).filter(col("split").equalTo(split.jsonName())
                .and(col("kind").equalTo(TextRow.EXPRESSION)));
    }

    /** Expression rows joined with their mask's path and, with {@code latents}, their image's posterior. */
    private Dataset<Row> referringRows(Split split, boolean latents) {
        Column inSplit = col("split").equalTo(split.jsonName());
        Dataset<Row> expressions = latents ? expressions(split).select("image_id", "object_id", "text_index", "text",
                "tokens") : expressions(split).select("image_id", "object_id", "text_index");
        Dataset<Row> masks = table(LatentTable.MASKS).filter(inSplit).select("image_id", "object_id", "mask");
        Dataset<Row> images = latents ? table(LatentTable.IMAGES).filter(inSplit).select("image_id", "mean", "logvar")
                : table(LatentTable.IMAGES).filter(inSplit).select("image_id");
        Column sameObject = expressions.col("image_id").equalTo(masks.col("image_id"))
                .and(expressions.col("object_id").equalTo(masks.col("object_id")));
        return expressions.join(masks, sameObject).drop(masks.col("image_id")).drop(masks.col("object_id"))
                .join(images, "image_id");
    }

    private static Column renamed(String column) {
        return col(column).as("m_" + column);
    }

    @Override
    public String toString() {
        return "LatentDataset[" + partition() + ", " + cacheKey().describe() + "]";
    }
}
