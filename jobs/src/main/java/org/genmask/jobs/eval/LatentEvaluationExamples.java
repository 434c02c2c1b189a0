package org.genmask.jobs.eval;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.hadoop.HadoopDatasetFiles;
import org.genmask.data.jobs.VaeLocation;
import org.genmask.data.latents.CacheKey;
import org.genmask.data.latents.LatentDataset;
import org.genmask.data.latents.LatentShape;
import org.genmask.data.latents.LatentSource;
import org.genmask.data.manifest.Split;
import org.genmask.data.text.EncodedText;
import org.genmask.data.text.TextEncoder;
import org.genmask.dit.DiTConfig;

/**
 * The evaluation examples of one split of a latent partition (written by {@code PrecomputeLatentsJob}, read with
 * {@link LatentDataset}, the schema's owner): one {@link EvaluationExample} per referring expression, with
 * <ul>
 *   <li>the clean scaled image latent and the tokens (cut or padded to the model's {@code text.max_length}) that
 *       the expression's unmirrored training example has ({@link LatentDataset#referringExamples});</li>
 *   <li>the ground-truth mask read from the dataset root at its original resolution ({@link GroundTruthMasks});</li>
 *   <li>the id {@code seg/<image>/<object>/e<text index>}, which seeds the example's noise.</li>
 * </ul>
 * {@link #open} checks the partition against the checkpoint's model (latent shape vs {@code in_channels} and
 * {@code input_size}, vocabulary vs {@code text.vocab_size}) and against the VAE that decodes the predictions (it
 * must be the one in the partition's cache key), each with a one-line error naming the field.
 */
public final class LatentEvaluationExamples {
    private final LatentDataset dataset;
    private final Split split;
    private final HadoopDatasetFiles root;
    private final int textLength;

    private LatentEvaluationExamples(LatentDataset dataset, Split split, HadoopDatasetFiles root, int textLength) {
        this.dataset = dataset;
        this.split = split;
        this.root = root;
        this.textLength = textLength;
    }

    /**
     * @param source      a latent partition source
     * @param datasetRoot the dataset root the partition was computed from (any Hadoop path)
     * @param model       the checkpoint's DiT architecture
     * @param vaeDir      the VAE directory that decodes the predictions
     */
    public static LatentEvaluationExamples open(SparkSession spark, EvaluationSource source, String datasetRoot,
                                                DiTConfig model, String vaeDir) throws IOException {
        if (source.isSynthetic()) {
            throw new IllegalArgumentException("not a latent partition source: " + source);
        }
        if (model.text() == null) {
            throw new IllegalArgumentException("config key 'checkpoint': the model has no text conditioning (a "
                    + "class-conditional DiT), so it cannot segment referring expressions");
        }
        LatentDataset dataset;
        try {
            LatentSource latents = new LatentSource(source.partition(), source.keyId() == null ? Map.of()
                    : Map.of("key", source.keyId()));
            dataset = LatentDataset.open(spark, latents);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("config key 'examples': " + e.getMessage(), e);
        }
        checkModel(dataset, model);
        checkVae(dataset, spark, vaeDir);
        HadoopDatasetFiles root = new HadoopDatasetFiles(datasetRoot, spark.sparkContext().hadoopConfiguration());
        return new LatentEvaluationExamples(dataset, source.split(), root, model.text().maxLength());
    }

    private static void checkModel(LatentDataset dataset, DiTConfig model) {
        LatentShape shape = dataset.shape();
        if (shape.channels() != model.inChannels() || shape.height() != model.inputSize()
                || shape.width() != model.inputSize()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "config key 'examples': %s holds %s latents "
                    + "but the checkpoint's in_channels = %d and input_size = %d expect %dx%dx%d", dataset.partition(),
                    shape, model.inChannels(), model.inputSize(), model.inChannels(), model.inputSize(),
                    model.inputSize()));
        }
        int vocabulary = dataset.vocabulary().size();
        if (vocabulary > model.text().vocabSize()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "config key 'examples': the vocabulary of %s"
                    + " has %d ids but the checkpoint's text.vocab_size is %d", dataset.partition(), vocabulary,
                    model.text().vocabSize()));
        }
    }

    /**
     * Checks that {@code vaeDir} (a local directory, the same on every executor, or {@code default}, the embedded VAE)
     * is the VAE whose posterior the partition holds: its config, weights SHA-256 and scaling against the partition's
     * cache key. Also used by the latent analysis.
     *
     * @return the VAE's location (to load it)
     * @throws IllegalArgumentException a one-line message starting with {@code config key 'vae_dir'}
     * @throws IOException              the directory cannot be read (its message names {@code vae_dir})
     */
    public static VaeLocation checkVae(LatentDataset dataset, SparkSession spark, String vaeDir) throws IOException {
        if (vaeDir == null || vaeDir.isBlank()) {
            throw new IllegalArgumentException("config key 'vae_dir' is empty: name the VAE directory the latents "
                    + "were computed with");
        }
        CacheKey key = dataset.cacheKey();
        VaeLocation vae = VaeDirectory.resolve(vaeDir, spark.sparkContext().hadoopConfiguration());
        CacheKey ours = CacheKey.of(vae.config(), vae.weightsSha256(), key.resolution(), key.dtype());
        List<String> differences = ours.differences(key);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("config key 'vae_dir': " + vae.uri() + " is not the VAE of "
                    + dataset.partition() + " (cache key " + key.describe() + "); differing fields: "
                    + String.join(", ", differences));
        }
        return vae;
    }

    /**
     * The examples, read in {@code partitions} Spark partitions; every mask file is read once, by the task that
     * evaluates its example.
     */
    public JavaRDD<EvaluationExample> examples(int partitions) {
        return dataset.referringExamples(split, textLength).repartition(partitions).map(new GroundTruthMasks(root));
    }

    /**
     * As {@link #examples(int)}, with every expression tokenized again by {@code encoder} (the checkpoint's
     * vocabulary, when it is not the partition's own).
     */
    public JavaRDD<EvaluationExample> examples(int partitions, TextEncoder encoder) {
        return examples(partitions).map(e -> {
            EncodedText t = encoder.encode(e.expression());
            return new EvaluationExample(e.id(), e.imageLatent(), t.ids(), t.length(), e.expression(),
                    e.truth());
        });
    }

    /** The examples' ids, without reading latents or masks (to choose the sample pictures). */
    public JavaRDD<String> ids() {
        return dataset.referringExampleIds(split);
    }

    /** The split's referring expressions, including those left out because the precomputation rejected them. */
    public long expressions() {
        return dataset.expressionCount(split);
    }

    public LatentDataset dataset() {
        return dataset;
    }

    public Split split() {
        return split;
    }

    /** The dataset root's URI. */
    public String root() {
        return root.root();
    }
}
