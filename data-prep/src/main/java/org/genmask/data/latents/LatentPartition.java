package org.genmask.data.latents;

import java.io.Serializable;
import org.genmask.data.manifest.DatasetImage;

/**
 * Where a dataset's latents for one cache key live: {@code <output>/dataset=<name>/key=<cache key id>/}, holding
 * one directory per {@link LatentTable}, {@code vocabulary.json}, and the completion marker {@code _COMPLETE.json},
 * written last. Images and masks are written in chunks ({@code images/chunk=00000/}, ...), each committed on its
 * own; rejects are split by stage ({@code rejects/manifest/}, {@code rejects/images/chunk=00000/},
 * {@code rejects/masks/chunk=00000/}).
 * A partition without the marker is incomplete and readers refuse it.
 *
 * @param output  the latent store root (local path, {@code file:}, {@code s3a://}, ...)
 * @param dataset the dataset name: letters, digits, {@code .}, {@code _}, {@code -}
 * @param keyId   the {@link CacheKey#id()}
 */
public record LatentPartition(String output, String dataset, String keyId) implements Serializable {

    /** The completion marker's file name. */
    public static final String MARKER = "_COMPLETE.json";
    /** The vocabulary's JSON copy (the table is authoritative). */
    public static final String VOCABULARY_JSON = "vocabulary.json";

    /** Validates the fields. */
    public LatentPartition {
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("latent output root is empty");
        }
        String problem = DatasetImage.idProblem(dataset);
        if (problem != null) {
            throw new IllegalArgumentException("dataset name: " + problem);
        }
        if (keyId == null || !keyId.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("cache key id must be 16 lower-case hex digits, got " + keyId);
        }
        output = strip(output);
    }

    /** The partition of a dataset for a cache key. */
    public static LatentPartition of(String output, String dataset, CacheKey key) {
        return new LatentPartition(output, dataset, key.id());
    }

    /**
     * The partition at a directory path {@code <output>/dataset=<name>/key=<id>}.
     *
     * @throws IllegalArgumentException when the path does not end that way
     */
    public static LatentPartition parse(String path) {
        String p = strip(path);
        int k = p.lastIndexOf('/');
        int d = k < 0 ? -1 : p.lastIndexOf('/', k - 1);
        if (d <= 0 || !p.startsWith("key=", k + 1) || !p.startsWith("dataset=", d + 1)) {
            throw new IllegalArgumentException("latent partition path must end in /dataset=<name>/key=<cache key id>,"
                    + " got " + path);
        }
        return new LatentPartition(p.substring(0, d), p.substring(d + 1 + "dataset=".length(), k),
                p.substring(k + 1 + "key=".length()));
    }

    /** The partition directory. */
    public String path() {
        return output + "/dataset=" + dataset + "/key=" + keyId;
    }

    /** A table's directory (for rejects: the parent of the per-stage directories). */
    public String table(LatentTable table) {
        return path() + "/" + table.directory();
    }

    /** The rejects directory of one stage ({@link RejectRow#MANIFEST}, {@link RejectRow#IMAGES}, ...). */
    public String rejects(String stage) {
        return table(LatentTable.REJECTS) + "/" + stage;
    }

    /**
     * One chunk of a chunked table ({@link LatentTable#IMAGES}, {@link LatentTable#MASKS}):
     * {@code images/chunk=00003}. Readers read the table directory; Spark adds a {@code chunk} column.
     */
    public String chunk(LatentTable table, int chunk) {
        return table(table) + "/" + chunkName(chunk);
    }

    /** One chunk of the rejects of a chunked stage: {@code rejects/images/chunk=00003}. */
    public String rejectsChunk(String stage, int chunk) {
        return rejects(stage) + "/" + chunkName(chunk);
    }

    private static String chunkName(int chunk) {
        if (chunk < 0) {
            throw new IllegalArgumentException("chunk index must be >= 0, got " + chunk);
        }
        return String.format(java.util.Locale.ROOT, "chunk=%05d", chunk);
    }

    /** The completion marker. */
    public String marker() {
        return path() + "/" + MARKER;
    }

    /** The vocabulary's JSON copy. */
    public String vocabularyJson() {
        return path() + "/" + VOCABULARY_JSON;
    }

    private static String strip(String s) {
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    @Override
    public String toString() {
        return path();
    }
}
