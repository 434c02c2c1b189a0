package org.genmask.data.jobs;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.genmask.data.latents.LatentDType;
import org.genmask.data.manifest.DatasetImage;
import org.genmask.jobs.config.JobConfig;

/**
 * What {@link PrecomputeLatentsJob} reads from its configuration, validated; errors name the config key.
 *
 * @param dataset           the dataset root (local path, {@code file:}, {@code s3a://}, ...)
 * @param datasetName       the partition's dataset name (default: the root's last path segment)
 * @param output            the latent store root; the partition is {@code <output>/dataset=<name>/key=<id>}
 * @param vae               the VAE directory ({@code config.json}, {@code diffusion_pytorch_model.safetensors})
 * @param resolution        image side R after resize and centre crop; a multiple of the VAE's downsampling
 * @param dtype             latent storage type
 * @param batchSize         images per VAE call (each image is encoded with its mirror: 2x inputs per call)
 * @param partitions        Spark tasks per chunk; 0 = 4x the default parallelism
 * @param chunkSize         images per chunk: each chunk is committed on its own, so a rerun after a kill resumes
 *                          at the first unfinished chunk
 * @param vocabulary        {@code auto} (the dataset's {@code vocabulary.json} if present, else built),
 *                          {@code dataset} (must be present) or {@code build} (from the train split)
 * @param vocabularyMinCount  words seen fewer times in the train split are left out when building
 * @param vocabularyMaxWords  the most frequent words kept when building
 * @param maxRejectFraction the job fails (after writing everything) when the share of images or of objects
 *                          rejected exceeds this
 * @param progressIntervalS seconds between progress lines
 * @param compression       Parquet compression codec
 */
public record PrecomputeConfig(String dataset, String datasetName, String output, String vae, int resolution,
                               LatentDType dtype, int batchSize, int partitions, int chunkSize, String vocabulary,
                               int vocabularyMinCount, int vocabularyMaxWords, double maxRejectFraction,
                               double progressIntervalS, String compression) implements Serializable {

    private static final Set<String> CODECS = Set.of("none", "uncompressed", "snappy", "gzip", "zstd", "lz4");
    private static final Set<String> VOCABULARY = Set.of("auto", "dataset", "build");

    /** Every key with its default ({@code dataset}, {@code output} and {@code vae} must be given). */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("dataset", "");
        d.put("dataset_name", "");
        d.put("output", "");
        d.put("vae", "");
        d.put("resolution", "64");
        d.put("dtype", "float32");
        d.put("batch_size", "16");
        d.put("partitions", "0");
        d.put("chunk_size", "20000");
        d.put("vocabulary", "auto");
        d.put("vocabulary.min_count", "1");
        d.put("vocabulary.max_words", "100000");
        d.put("max_reject_fraction", "0.05");
        d.put("progress_interval_s", "10");
        d.put("parquet.compression", "zstd");
        return d;
    }

    /** The validated config. */
    public static PrecomputeConfig from(JobConfig c) {
        LatentDType dtype;
        try {
            dtype = LatentDType.parse(c.string("dtype"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key 'dtype': " + e.getMessage());
        }
        String dataset = required(c, "dataset");
        String name = c.string("dataset_name").isBlank() ? lastSegment(dataset) : c.string("dataset_name").strip();
        return new PrecomputeConfig(dataset, name, required(c, "output"), required(c, "vae"),
                c.integer("resolution"), dtype, c.integer("batch_size"), c.integer("partitions"),
                c.integer("chunk_size"), c.string("vocabulary").strip(), c.integer("vocabulary.min_count"),
                c.integer("vocabulary.max_words"), c.number("max_reject_fraction"), c.number("progress_interval_s"),
                c.string("parquet.compression").strip().toLowerCase(Locale.ROOT));
    }

    /** Validates the fields; messages name the config key. */
    public PrecomputeConfig {
        String problem = DatasetImage.idProblem(datasetName);
        if (problem != null) {
            throw new IllegalArgumentException("config key 'dataset_name': " + problem + " (set dataset_name when the"
                    + " dataset root's last segment is not a valid name)");
        }
        positive("resolution", resolution);
        positive("batch_size", batchSize);
        positive("chunk_size", chunkSize);
        positive("vocabulary.min_count", vocabularyMinCount);
        if (partitions < 0) {
            throw new IllegalArgumentException("config key 'partitions': expected 0 (auto) or a positive integer, got "
                    + partitions);
        }
        if (vocabularyMaxWords < 0) {
            throw new IllegalArgumentException("config key 'vocabulary.max_words': expected >= 0, got "
                    + vocabularyMaxWords);
        }
        if (!VOCABULARY.contains(vocabulary)) {
            throw new IllegalArgumentException("config key 'vocabulary': expected auto, dataset or build, got '"
                    + vocabulary + "'");
        }
        if (!(maxRejectFraction >= 0 && maxRejectFraction <= 1)) {
            throw new IllegalArgumentException("config key 'max_reject_fraction': expected a value in [0, 1], got "
                    + maxRejectFraction);
        }
        if (!(progressIntervalS > 0)) {
            throw new IllegalArgumentException("config key 'progress_interval_s': expected a positive number, got "
                    + progressIntervalS);
        }
        if (!CODECS.contains(compression)) {
            throw new IllegalArgumentException("config key 'parquet.compression': expected one of " + CODECS
                    + ", got '" + compression + "'");
        }
    }

    private static String required(JobConfig c, String key) {
        String v = c.string(key).strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("config key '" + key + "' is required (--" + key + "=...)");
        }
        return v;
    }

    private static void positive(String key, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("config key '" + key + "': expected a positive integer, got " + v);
        }
    }

    /** The last non-empty path segment of a root: {@code s3a://b/data/synthetic/} gives {@code synthetic}. */
    static String lastSegment(String root) {
        String s = root;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
