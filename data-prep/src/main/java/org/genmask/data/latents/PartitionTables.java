package org.genmask.data.latents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the tables of a latent partition as Spark DataFrames with exactly the columns of {@link LatentTable}
 * (the {@code chunk} column Spark derives from chunk directories is dropped; rejects of every stage come as one
 * table), and checks each table's footer metadata against what the partition must hold.
 */
public final class PartitionTables {

    private static final String[] REJECT_STAGES = {RejectRow.MANIFEST, RejectRow.IMAGES, RejectRow.MASKS};

    private final SparkSession spark;
    private final LatentPartition partition;

    public PartitionTables(SparkSession spark, LatentPartition partition) {
        this.spark = spark;
        this.partition = partition;
    }

    public LatentPartition partition() {
        return partition;
    }

    /** The directories a table is read from (for rejects: one per stage). */
    public List<String> directories(LatentTable table) {
        List<String> dirs = new ArrayList<>();
        if (table == LatentTable.REJECTS) {
            for (String stage : REJECT_STAGES) {
                dirs.add(partition.rejects(stage));
            }
        } else {
            dirs.add(partition.table(table));
        }
        return dirs;
    }

    /** The directories holding Parquet files of a table: each chunk directory, or the table directory. */
    private List<String> footerDirectories(LatentTable table) throws IOException {
        List<String> out = new ArrayList<>();
        for (String dir : directories(table)) {
            Path p = new Path(dir);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new IllegalStateException(dir + ": table directory is missing; the partition is incomplete");
            }
            List<String> chunks = new ArrayList<>();
            for (FileStatus s : fs.listStatus(p)) {
                if (s.isDirectory() && s.getPath().getName().startsWith("chunk=")) {
                    chunks.add(dir + "/" + s.getPath().getName());
                }
            }
            out.addAll(chunks.isEmpty() ? List.of(dir) : chunks);
        }
        return out;
    }

    /** A table's rows. */
    public Dataset<Row> read(LatentTable table) {
        Dataset<Row> out = null;
        for (String dir : directories(table)) {
            Dataset<Row> df = spark.read().parquet(dir);
            if (List.of(df.columns()).contains("chunk")) {
                df = df.drop("chunk");
            }
            out = out == null ? df : out.unionByName(df);
        }
        return out;
    }

    /** A table's row count (Parquet footers only). */
    public long count(LatentTable table) {
        return read(table).count();
    }

    /**
     * Checks every directory of a table: it exists, and its footer metadata is {@code expected}.
     *
     * @throws CacheKeyMismatchException when a footer holds another cache key
     * @throws IllegalStateException     when a directory is missing, or holds another table, dataset or manifest
     */
    public void checkFooter(LatentTable table, TableMetadata expected) throws IOException {
        for (String dir : footerDirectories(table)) {
            TableMetadata found = TableMetadata.fromSchema(spark.read().parquet(dir).schema(), dir);
            expected.cacheKey().requireSame(found.cacheKey(), partition.marker(), dir + " (Parquet footer)");
            if (!found.equals(expected)) {
                throw new IllegalStateException(dir + ": Parquet footer metadata says table " + found.table()
                        + ", dataset " + found.dataset() + ", manifest " + found.manifestSha256() + "; expected "
                        + expected.table() + ", " + expected.dataset() + ", " + expected.manifestSha256());
            }
        }
    }
}
