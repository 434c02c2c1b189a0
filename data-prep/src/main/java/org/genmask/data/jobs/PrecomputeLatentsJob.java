package org.genmask.data.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.hadoop.HadoopDatasetFiles;
import org.genmask.data.latents.CacheKey;
import org.genmask.data.latents.LatentPartition;
import org.genmask.data.latents.LatentShape;
import org.genmask.data.latents.LatentTable;
import org.genmask.data.latents.PartitionCounts;
import org.genmask.data.latents.PartitionMarker;
import org.genmask.data.latents.PartitionTables;
import org.genmask.data.latents.RejectRow;
import org.genmask.data.text.LeftRightFlip;
import org.genmask.data.text.Vocabulary;
import org.genmask.dit.TextTokens;
import org.genmask.jobs.config.JobConfig;
import org.genmask.vae.AutoencoderKLConfig;

/**
 * Precomputes VAE latents of a dataset (see {@code docs/dataset-layout.md}) into a Parquet latent partition
 * ({@link LatentPartition}): every image once, every object's mask once, each with its left-right mirror, plus the
 * tokenized texts, the vocabulary and the rejects.
 *
 * <pre>
 * spark-submit --class org.genmask.data.jobs.PrecomputeLatentsJob genmask-jobs.jar --dataset=s3a://b/synthetic \
 *   --output=s3a://b/latents --vae=s3a://b/vae/default [--resolution=64] [--dtype=float16] [--key=value ...]
 * </pre>
 * The master comes from spark-submit, never from code. A complete partition makes a rerun a no-op; a rerun after
 * a kill resumes at the first unfinished chunk. The job exits with status 2 when more than
 * {@code max_reject_fraction} of the images or objects were rejected (everything is written first).
 */
public final class PrecomputeLatentsJob {

    private PrecomputeLatentsJob() {
    }

    public static void main(String[] args) throws IOException {
        JobConfig config = JobConfig.resolve(PrecomputeConfig.defaults(), args);
        SparkSession spark = SparkSession.builder().appName("genmask-precompute-latents").getOrCreate();
        PrecomputeSummary summary;
        try {
            summary = run(spark, config);
        } finally {
            spark.stop();
        }
        if (summary.thresholdCrossed()) {
            System.err.println("precompute: rejects exceed max_reject_fraction; see " + summary.partition().path()
                    + "/rejects");
            System.exit(2);
        }
    }

    /** Writes (or finds complete) the partition of the configured dataset, VAE and settings. */
    public static PrecomputeSummary run(SparkSession spark, JobConfig resolved) throws IOException {
        long t0 = System.nanoTime();
        PrecomputeConfig cfg = PrecomputeConfig.from(resolved);
        PrintStream out = System.out;
        out.println("genmask-precompute resolved config:\n" + resolved.render());
        Configuration hconf = spark.sparkContext().hadoopConfiguration();
        HadoopDatasetFiles files = new HadoopDatasetFiles(cfg.dataset(), hconf);
        VaeLocation vae = VaeLocation.resolve(cfg.vae(), hconf);
        AutoencoderKLConfig vc = vae.config();
        int f = vc.downsampleFactor();
        if (cfg.resolution() % f != 0) {
            throw new IllegalArgumentException("config key 'resolution': " + cfg.resolution() + " is not a multiple"
                    + " of the VAE's downsampling factor " + f + " (" + vae.uri() + ")");
        }
        CacheKey key = CacheKey.of(vc, vae.weightsSha256(), cfg.resolution(), cfg.dtype());
        LatentShape shape = new LatentShape(vc.latentChannels(), cfg.resolution() / f, cfg.resolution() / f);
        org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(cfg.output());
        LatentPartition partition = LatentPartition.of(output.getFileSystem(hconf).makeQualified(output).toString(),
                cfg.datasetName(), key);
        ManifestSnapshot manifest = ManifestSnapshot.read(files);
        Vocabulary vocabulary = vocabulary(cfg, files, manifest, out);
        String vocabularySha = VaeLocation.sha256(new ByteArrayInputStream(
                vocabulary.toJson().getBytes(StandardCharsets.UTF_8)));
        PartitionWriter writer = new PartitionWriter(spark, partition, key, manifest.sha256(), shape,
                cfg.compression());
        PartitionTables tables = new PartitionTables(spark, partition);
        out.println("precompute: " + files.root() + " -> " + partition.path() + "\nprecompute: cache key "
                + key.describe());

        PartitionMarker marker = writer.marker();
        if (marker != null) {
            if (marker.cacheKey().equals(key) && marker.manifestSha256().equals(manifest.sha256())
                    && marker.vocabularySha256().equals(vocabularySha) && holds(tables, manifest, marker)) {
                PrecomputeSummary s = summary(tables, partition, key, marker.counts(), true, null, null, t0, cfg);
                out.println(s.render());
                return s;
            }
            out.println("precompute: " + partition.marker() + " is from another manifest or vocabulary, or its"
                    + " tables changed; recomputing");
            writer.delete(partition.marker());
        }

        StageContext ctx = new StageContext(files, vae, cfg.resolution(), cfg.batchSize(), cfg.dtype(), shape);
        PrecomputePhases phases = new PrecomputePhases(JavaSparkContext.fromSparkContext(spark.sparkContext()), cfg,
                writer, ctx, manifest, out);
        phases.manifestRejects();
        phases.vocabulary(vocabulary);
        phases.texts(vocabulary);
        PrecomputePhases.StageRun images = phases.images();
        PrecomputePhases.StageRun masks = phases.masks();

        List<String> problems = new ArrayList<>();
        PartitionCounts counts = counts(tables, manifest, problems);
        problems.addAll(counts.problems());
        if (counts.manifestRejects() != manifest.rejects().size()) {
            problems.add("manifest rejects " + counts.manifestRejects() + " != " + manifest.rejects().size());
        }
        if (counts.vocabulary() != vocabulary.words().size()) {
            problems.add("vocabulary rows " + counts.vocabulary() + " != " + vocabulary.words().size() + " words");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(partition.path() + ": row counts do not add up to the manifest: "
                    + String.join("; ", problems));
        }
        writer.writeMarker(new PartitionMarker(partition.dataset(), key, manifest.sha256(), vocabularySha, shape,
                counts));
        PrecomputeSummary s = summary(tables, partition, key, counts, false, images, masks, t0, cfg);
        out.println(s.render());
        return s;
    }

    private static Vocabulary vocabulary(PrecomputeConfig cfg, HadoopDatasetFiles files, ManifestSnapshot manifest,
                                         PrintStream out) throws IOException {
        boolean stored = files.exists(Vocabulary.PATH);
        Vocabulary v;
        if (cfg.vocabulary().equals("dataset") || (cfg.vocabulary().equals("auto") && stored)) {
            v = Vocabulary.read(files);
            out.println("precompute: vocabulary from " + files.uri(Vocabulary.PATH) + " (" + v.words().size()
                    + " words)");
        } else {
            v = Vocabulary.build(manifest.trainTexts(), cfg.vocabularyMinCount(), cfg.vocabularyMaxWords());
            out.println("precompute: vocabulary built from the train split (" + v.words().size() + " words)");
        }
        List<String> unmirrored = new ArrayList<>();
        for (String w : v.words()) {
            String mirror = LeftRightFlip.flipTokens(List.of(w)).get(0);
            if (!mirror.equals(w) && v.id(mirror) == TextTokens.UNKNOWN) {
                unmirrored.add(w + " -> " + mirror);
            }
        }
        if (!unmirrored.isEmpty()) {
            out.println("precompute: warning: the vocabulary lacks the mirror word of " + unmirrored
                    + "; flipped texts map it to <unk>");
        }
        return v;
    }

    /** Whether the tables still hold the marker's counts (false when a table is gone or unreadable). */
    private static boolean holds(PartitionTables tables, ManifestSnapshot manifest, PartitionMarker marker) {
        try {
            return counts(tables, manifest, new ArrayList<>()).equals(marker.counts());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The partition's row counts as the tables hold them, with the manifest's expected totals; duplicate ids (which
     * the committer should make impossible) are reported as problems.
     */
    static PartitionCounts counts(PartitionTables tables, ManifestSnapshot manifest, List<String> problems) {
        Map<String, Long> rejects = new HashMap<>();
        for (Row r : tables.read(LatentTable.REJECTS).groupBy("stage").count().collectAsList()) {
            rejects.put(r.getString(0), r.getLong(1));
        }
        Row images = tables.read(LatentTable.IMAGES).agg(count(lit(1)), countDistinct(col("image_id"))).first();
        Row masks = tables.read(LatentTable.MASKS)
                .agg(count(lit(1)), countDistinct(col("image_id"), col("object_id"))).first();
        if (images.getLong(0) != images.getLong(1)) {
            problems.add("duplicate image ids in the images table");
        }
        if (masks.getLong(0) != masks.getLong(1)) {
            problems.add("duplicate (image_id, object_id) in the masks table");
        }
        return new PartitionCounts(manifest.records().size(), rejects.getOrDefault(RejectRow.MANIFEST, 0L),
                manifest.objects(), manifest.texts(), images.getLong(0), rejects.getOrDefault(RejectRow.IMAGES, 0L),
                masks.getLong(0), rejects.getOrDefault(RejectRow.MASKS, 0L), tables.count(LatentTable.TEXTS),
                tables.count(LatentTable.VOCABULARY));
    }

    private static PrecomputeSummary summary(PartitionTables tables, LatentPartition partition, CacheKey key,
                                             PartitionCounts counts, boolean noOp, PrecomputePhases.StageRun images,
                                             PrecomputePhases.StageRun masks, long t0, PrecomputeConfig cfg) {
        Map<String, Long> byProblem = new HashMap<>();
        for (Row r : tables.read(LatentTable.REJECTS).groupBy("problem").count().collectAsList()) {
            byProblem.put(r.getString(0), r.getLong(1));
        }
        PrecomputePhases.StageRun none = new PrecomputePhases.StageRun(0, 0, 0, 0);
        PrecomputePhases.StageRun i = images == null ? none : images;
        PrecomputePhases.StageRun m = masks == null ? none : masks;
        return new PrecomputeSummary(partition, key, counts, byProblem, noOp, i.encoded(), m.encoded(),
                i.chunksSkipped() + m.chunksSkipped(), i.seconds(), m.seconds(), (System.nanoTime() - t0) / 1e9,
                cfg.maxRejectFraction());
    }
}
