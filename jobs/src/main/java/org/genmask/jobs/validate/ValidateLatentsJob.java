package org.genmask.jobs.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.latents.LatentPartition;
import org.genmask.data.latents.PartitionMarker;
import org.genmask.jobs.config.JobConfig;

/**
 * Checks that a latent partition is complete before training reads it: the directory
 * {@code <output>/dataset=<name>/key=<cache key id>} exists and holds the completion marker {@code _COMPLETE.json}
 * that the precomputation job writes last, with format {@code genmask-latents/1} and the same dataset name and cache
 * key id as the path, and non-negative row counts. It reads only the marker: the Parquet tables' cache keys are
 * checked by their readers. (The layout is {@code org.genmask.data.latents.LatentPartition}'s, issue 4.)
 *
 * <pre>
 * spark-submit --class org.genmask.jobs.validate.ValidateLatentsJob genmask-jobs.jar \
 *   --partition=s3a://bucket/latents/dataset=synthetic/key=0123456789abcdef
 * </pre>
 * Exits with an error naming the file and field when the partition is not usable; writes nothing.
 */
public final class ValidateLatentsJob {
    /** The completion marker's name (the layout's owner is {@link LatentPartition}). */
    public static final String MARKER = LatentPartition.MARKER;
    /** The marker format this check reads. */
    public static final String FORMAT = PartitionMarker.FORMAT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidateLatentsJob() {
    }

    /** Every key with its default: only the partition to check. */
    public static Map<String, String> defaults() {
        return Map.of("partition", "");
    }

    public static void main(String[] args) throws IOException {
        JobConfig config = JobConfig.resolve(defaults(), args);
        SparkSession spark = SparkSession.builder().appName("genmask-validate-latents").getOrCreate();
        try {
            System.out.println(check(config.string("partition"), spark.sparkContext().hadoopConfiguration()));
        } finally {
            spark.stop();
        }
    }

    /**
     * @return a one-line summary of the complete partition
     * @throws IllegalStateException naming the file and field when it is incomplete or inconsistent
     */
    public static String check(String partition, Configuration hadoop) throws IOException {
        LatentPartition parsed;
        try {
            parsed = LatentPartition.parse(partition);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key 'partition': expected <output>/dataset=<name>/key=<16 hex"
                    + " digits>, got '" + partition + "'");
        }
        String dataset = parsed.dataset();
        String key = parsed.keyId();
        Path dir = new Path(partition);
        FileSystem fs = dir.getFileSystem(hadoop);
        Path marker = new Path(dir, MARKER);
        if (!fs.exists(marker)) {
            throw new IllegalStateException("latent partition " + dir + " is not complete: " + marker + " is missing"
                    + " (the precomputation job writes it last)" + siblings(fs, dir.getParent()));
        }
        JsonNode root;
        try (InputStream in = fs.open(marker)) {
            root = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(marker + ": not valid JSON: " + e.getOriginalMessage());
        }
        expect(marker, root, "format", FORMAT);
        expect(marker, root, "dataset", dataset);
        expect(marker, root, "cache_key_id", key);
        JsonNode counts = root.path("counts");
        if (!counts.isObject() || counts.isEmpty()) {
            throw new IllegalStateException(marker + ": counts: missing or empty");
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
                throw new IllegalStateException(marker + ": counts." + e.getKey() + ": expected a count >= 0, got "
                        + e.getValue());
            }
            parts.add(e.getKey() + " " + e.getValue().asLong());
        }
        return "latent partition complete: " + dir + " (" + String.join(", ", parts) + ")";
    }

    private static void expect(Path marker, JsonNode root, String field, String expected) {
        String actual = root.path(field).isTextual() ? root.path(field).asText() : null;
        if (!expected.equals(actual)) {
            throw new IllegalStateException(marker + ": " + field + ": expected \"" + expected + "\", got "
                    + root.get(field));
        }
    }

    /** The other cache keys of the dataset, to point at a changed VAE or resolution. */
    private static String siblings(FileSystem fs, Path datasetDir) throws IOException {
        if (!fs.exists(datasetDir)) {
            return "; " + datasetDir + " does not exist";
        }
        List<String> keys = new ArrayList<>();
        for (FileStatus s : fs.listStatus(datasetDir)) {
            if (s.isDirectory() && s.getPath().getName().startsWith("key=")) {
                keys.add(s.getPath().getName() + (fs.exists(new Path(s.getPath(), MARKER)) ? " (complete)" : ""));
            }
        }
        return keys.isEmpty() ? "" : "; " + datasetDir + " holds " + String.join(", ", keys);
    }
}
