package org.genmask.data.jobs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.genmask.data.latents.CacheKey;
import org.genmask.data.latents.LatentPartition;
import org.genmask.data.latents.LatentShape;
import org.genmask.data.latents.LatentTable;
import org.genmask.data.latents.PartitionMarker;
import org.genmask.data.latents.TableMetadata;

/**
 * Writes the tables of one latent partition through Spark's Parquet writer and its output committer (a directory
 * appears complete with a {@code _SUCCESS} file only when its write job committed; an interrupted write leaves no
 * {@code _SUCCESS} and is overwritten on the next run), and reads back what is there: whether a directory is a
 * finished table of this partition (its {@code _SUCCESS} plus footer metadata naming this cache key and manifest),
 * row counts, and the completion marker. All I/O goes through Hadoop's {@link FileSystem}.
 */
final class PartitionWriter {

    private static final String SUCCESS = "_SUCCESS";

    private final SparkSession spark;
    private final LatentPartition partition;
    private final String dataset;
    private final CacheKey key;
    private final String manifestSha256;
    private final LatentShape shape;
    private final String compression;

    PartitionWriter(SparkSession spark, LatentPartition partition, CacheKey key, String manifestSha256,
                    LatentShape shape, String compression) {
        this.spark = spark;
        this.partition = partition;
        this.dataset = partition.dataset();
        this.key = key;
        this.manifestSha256 = manifestSha256;
        this.shape = shape;
        this.compression = compression;
    }

    LatentPartition partition() {
        return partition;
    }

    /** The footer metadata of a table of this partition. */
    TableMetadata metadata(LatentTable table) {
        return TableMetadata.of(table, dataset, key, manifestSha256);
    }

    /** The schema of a table of this partition. */
    StructType schema(LatentTable table) {
        return table.schema(metadata(table), shape);
    }

    private FileSystem fs(String dir) throws IOException {
        return new Path(dir).getFileSystem(spark.sparkContext().hadoopConfiguration());
    }

    /** Whether {@code dir} holds a committed table of this partition with this key and manifest. */
    boolean isComplete(String dir, LatentTable table) throws IOException {
        if (!fs(dir).exists(new Path(dir, SUCCESS))) {
            return false;
        }
        try {
            StructType schema = spark.read().parquet(dir).schema();
            return TableMetadata.fromSchema(schema, dir).equals(metadata(table));
        } catch (RuntimeException e) {
            return false; // no readable footer: write it again
        }
    }

    /** Writes rows as a table directory, replacing whatever is there. */
    void write(JavaRDD<Row> rows, LatentTable table, String dir) {
        write(spark.createDataFrame(rows, schema(table)), dir);
    }

    /** Writes driver-side rows as a one-file table directory, replacing whatever is there. */
    void write(List<Row> rows, LatentTable table, String dir) {
        write(spark.createDataFrame(rows, schema(table)).coalesce(1), dir);
    }

    private void write(Dataset<Row> df, String dir) {
        df.write().mode(SaveMode.Overwrite).option("compression", compression).parquet(dir);
    }

    /** Rows in a table directory (Parquet footers only). */
    long count(String dir) {
        return spark.read().parquet(dir).count();
    }

    /** Deletes the chunk directories {@code chunk=N} of {@code dir} with {@code N >= first} (a longer manifest's). */
    void deleteChunksFrom(String dir, int first) throws IOException {
        Path p = new Path(dir);
        FileSystem fs = fs(dir);
        if (!fs.exists(p)) {
            return;
        }
        for (FileStatus s : fs.listStatus(p)) {
            String name = s.getPath().getName();
            if (s.isDirectory() && name.matches("chunk=\\d+") && Integer.parseInt(name.substring(6)) >= first) {
                fs.delete(s.getPath(), true);
            }
        }
    }

    /** Deletes a file or directory tree if present. */
    void delete(String path) throws IOException {
        fs(path).delete(new Path(path), true);
    }

    /** The completion marker, or null when there is none. */
    PartitionMarker marker() throws IOException {
        String m = partition.marker();
        try (InputStream in = fs(m).open(new Path(m))) {
            return PartitionMarker.fromJson(m, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** Writes the completion marker (last: an object store shows it only once it is whole). */
    void writeMarker(PartitionMarker marker) throws IOException {
        writeText(partition.marker(), marker.toJson());
    }

    /** Writes a small text file, replacing it. */
    void writeText(String file, String text) throws IOException {
        try (OutputStream out = fs(file).create(new Path(file), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
