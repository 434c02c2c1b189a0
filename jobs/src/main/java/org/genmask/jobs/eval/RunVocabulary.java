package org.genmask.jobs.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.latents.LatentDataset;
import org.genmask.data.latents.LatentSource;
import org.genmask.data.text.Vocabulary;

/**
 * The vocabulary a checkpoint's texts are tokenized with (the prompts of {@code SampleJob}, the referring expressions
 * of {@link EvaluateJob}), and where it came from. Token ids mean words only through the vocabulary of the partition
 * the run trained on, and two partitions' vocabularies differ (ids follow word counts). The {@code vocabulary} key
 * chooses: empty (the default) takes the vocabulary stored with the run's training partition (the {@code latents}
 * value in the checkpoint's {@code state.json}), or, for a run trained on {@code synthetic:N}, the one of the
 * fallback partition (the captions, or the evaluated partition); a value ending in {@code .json} is a
 * {@code vocabulary.json} file; anything else a latent partition. When the run's partition is the fallback partition,
 * it is not opened twice.
 *
 * @param vocabulary the word -> id table
 * @param source     where it was read, for the log and samples.json
 */
public record RunVocabulary(Vocabulary vocabulary, String source) {

    /**
     * @param setting     the {@code vocabulary} value
     * @param runLatents  the checkpoint's {@code latents} value (a partition, or {@code synthetic:N})
     * @param fallback    the partition whose vocabulary a run without one uses (the captions to sample, the
     *                    partition to evaluate), or null
     */
    public static RunVocabulary resolve(SparkSession spark, String setting, String runLatents,
                                        LatentDataset fallback) throws IOException {
        if (!setting.isBlank()) {
            try {
                return setting.endsWith(".json") ? file(spark, setting) : partition(spark, setting);
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                throw new IllegalArgumentException("config key 'vocabulary': " + e.getMessage(), e);
            }
        }
        String run = runLatents == null ? "" : runLatents.strip();
        if (!run.isEmpty() && !run.startsWith("synthetic:")) {
            try {
                if (fallback != null && qualified(spark, run).equals(fallback.partition().path())) {
                    return new RunVocabulary(fallback.vocabulary(), fallback.partition().path());
                }
                return partition(spark, run);
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                throw new IllegalArgumentException("config key 'vocabulary': the run's training partition cannot be "
                        + "read (" + e.getMessage() + "); set vocabulary= to a latent partition or a vocabulary.json",
                        e);
            }
        }
        if (fallback != null) {
            return new RunVocabulary(fallback.vocabulary(), fallback.partition().path());
        }
        throw new IllegalArgumentException("config key 'vocabulary': the run trained on '" + run + "', which has no "
                + "vocabulary; set vocabulary= to a latent partition or a vocabulary.json file");
    }

    /** The partition directory of a latent source value, fully qualified as {@link LatentDataset} names it. */
    private static String qualified(SparkSession spark, String value) throws IOException {
        Path p = new Path(LatentSource.parse(value).path());
        return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    }

    private static RunVocabulary partition(SparkSession spark, String value) throws IOException {
        LatentDataset ds = LatentDataset.open(spark, LatentSource.parse(value));
        return new RunVocabulary(ds.vocabulary(), ds.partition().path());
    }

    private static RunVocabulary file(SparkSession spark, String value) throws IOException {
        Path p = new Path(value);
        try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
            return new RunVocabulary(Vocabulary.fromJson(value, new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)), value);
        }
    }
}
