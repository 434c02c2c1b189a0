package org.genmask.jobs.analysis;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.jobs.VaeLocation;
import org.genmask.data.latents.CacheKey;
import org.genmask.data.latents.LatentDataset;
import org.genmask.data.latents.LatentPartition;
import org.genmask.data.latents.LatentShape;
import org.genmask.data.latents.LatentSource;
import org.genmask.data.latents.LatentTable;
import org.genmask.data.manifest.Split;
import org.genmask.jobs.eval.LatentEvaluationExamples;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split of a latent partition opened for the mask-latent analysis, with the VAE that made it.
 * {@link #open} takes {@code PATH[?split=train&key=ID]} where PATH is a partition
 * ({@code <store>/dataset=<name>/key=<id>}), a dataset directory ({@code <store>/dataset=<name>}: its one complete
 * partition) or a store holding exactly one complete partition; the split defaults to {@code train}. It checks the
 * VAE against the partition's cache key ({@link LatentEvaluationExamples#checkVae}, the evaluation's check).
 * {@link #samples} reads, through Spark, the masks of the split (one row per object, each mask once) joined with
 * their image's latents, in (image id, object id) order, the first {@code max} of them.
 */
public final class AnalysisPartition {
    private static final String KEY = "config key 'latents': ";
    private final LatentDataset dataset;
    private final Split split;
    private final VaeLocation vae;
    private final SparkSession spark;

    private AnalysisPartition(LatentDataset dataset, Split split, VaeLocation vae, SparkSession spark) {
        this.dataset = dataset;
        this.split = split;
        this.vae = vae;
        this.spark = spark;
    }

    /**
     * @param latents {@code PATH[?split=...&key=...]} (an optional {@code latents:} prefix is ignored)
     * @param vaeDir  the VAE directory (local) or {@code default}
     * @throws IllegalArgumentException a one-line message naming config key {@code latents} or {@code vae_dir}
     */
    public static AnalysisPartition open(SparkSession spark, String latents, String vaeDir) throws IOException {
        String value = latents == null ? "" : latents.strip();
        value = value.startsWith("latents:") ? value.substring("latents:".length()) : value;
        LatentSource source;
        Split split;
        try {
            source = LatentSource.parse(value);
            for (String option : source.options().keySet()) {
                if (!option.equals("split") && !option.equals("key")) {
                    throw new IllegalArgumentException("option '" + option + "' does not apply to the analysis "
                            + "(posterior mean, no flips); options: split, key");
                }
            }
            split = Split.fromJson(source.options().getOrDefault("split", "train"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY + e.getMessage(), e);
        }
        LatentDataset dataset;
        try {
            String path = partitionPath(source.path(), spark);
            dataset = LatentDataset.open(spark, new LatentSource(path, source.keyId() == null ? Map.of()
                    : Map.of("key", source.keyId())));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(KEY + e.getMessage(), e);
        }
        VaeLocation vae = LatentEvaluationExamples.checkVae(dataset, spark, vaeDir);
        return new AnalysisPartition(dataset, split, vae, spark);
    }

    /** A partition or dataset directory as is; a store: its one complete partition. */
    private static String partitionPath(String path, SparkSession spark) throws IOException {
        String name = new Path(path).getName();
        if (name.startsWith("key=") || name.startsWith("dataset=")) {
            return path;
        }
        Path store = new Path(path);
        FileSystem fs = store.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(store)) {
            throw new IllegalArgumentException(path + " does not exist: not a latent partition, dataset directory or"
                    + " store");
        }
        FileStatus[] markers = fs.globStatus(new Path(store, "dataset=*/key=*/" + LatentPartition.MARKER));
        List<String> found = new ArrayList<>();
        for (FileStatus m : markers == null ? new FileStatus[0] : markers) {
            found.add(m.getPath().getParent().toString());
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(path + " holds " + found.size() + " complete latent partitions "
                    + found + "; name one <store>/dataset=<name>/key=<id>");
        }
        return found.get(0);
    }

    /**
     * The first {@code max} masks of the split with their image latents (posterior mean, scaled as training scales
     * them) and their labels: from the mask files under {@code datasetRoot} when it is not empty, else from the
     * mask latents decoded by the VAE (see {@link PartitionLabels}).
     *
     * @param datasetRoot the dataset root the partition was computed from (any Hadoop path), or empty
     */
    public LatentSamples samples(int max, String datasetRoot) throws IOException {
        String s = split.jsonName();
        Dataset<Row> masks = dataset.table(LatentTable.MASKS).filter(col("split").equalTo(s))
                .select(col("image_id"), col("object_id"), col("mask"), col("mean").as("mask_mean"));
        Dataset<Row> images = dataset.table(LatentTable.IMAGES).filter(col("split").equalTo(s))
                .select("image_id", "mean");
        List<Row> rows = masks.join(images, "image_id").orderBy("image_id", "object_id").limit(max)
                .collectAsList();
        if (rows.size() < 2) {
            throw new IllegalArgumentException(KEY + "split " + s + " of " + dataset.partition().path() + " has "
                    + rows.size() + " mask(s) with latents; at least 2 are needed");
        }
        CacheKey key = dataset.cacheKey();
        LatentShape shape = dataset.shape();
        int n = rows.size();
        float[] image = new float[n * shape.size()];
        float[] mask = new float[n * shape.size()];
        List<String> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            System.arraycopy(key.dtype().decode(r.getAs("mean"), shape.size()), 0, image, i * shape.size(),
                    shape.size());
            System.arraycopy(key.dtype().decode(r.getAs("mask_mean"), shape.size()), 0, mask, i * shape.size(),
                    shape.size());
            files.add(r.getString(r.fieldIndex("mask")));
        }
        long[] dims = {n, shape.channels(), shape.height(), shape.width()};
        INDArray imageLatents = key.scaling().scale(Nd4j.create(image, dims, 'c'));
        INDArray maskLatents = key.scaling().scale(Nd4j.create(mask, dims, 'c'));
        PartitionLabels labels = datasetRoot == null || datasetRoot.isBlank()
                ? PartitionLabels.decoded(vae, maskLatents)
                : PartitionLabels.files(datasetRoot, files, key.resolution(), shape,
                spark.sparkContext().hadoopConfiguration());
        return new LatentSamples(imageLatents, maskLatents, labels.labels(), n + " masks of split " + s + " of "
                + dataset.partition().path(), labels.description());
    }

    public LatentDataset dataset() {
        return dataset;
    }

    public Split split() {
        return split;
    }

    /** The checked VAE. */
    public VaeLocation vae() {
        return vae;
    }

    @Override
    public String toString() {
        return "split " + split.jsonName() + " of " + dataset;
    }
}
