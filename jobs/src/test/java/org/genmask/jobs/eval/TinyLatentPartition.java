package org.genmask.jobs.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.RelativePath;
import org.genmask.data.jobs.PrecomputeConfig;
import org.genmask.data.jobs.PrecomputeLatentsJob;
import org.genmask.data.jobs.PrecomputeSummary;
import org.genmask.data.local.LocalDatasetFiles;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.ManifestReader;
import org.genmask.data.manifest.ManifestRecord;
import org.genmask.data.manifest.Split;
import org.genmask.data.synthetic.GenerateSyntheticDataset;
import org.genmask.data.synthetic.SyntheticConfig;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.train.TrainJob;
import org.genmask.jobs.train.TrainJobConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;

/**
 * The real pipeline in miniature, for the evaluation tests: a synthetic dataset of 32x32 images (generator), a tiny
 * random VAE ({@link TinyModels#vaeConfig()}, /2), latents precomputed at resolution 16 (4x8x8, the default
 * DiT-T/2's input), and a checkpoint of one training round on the partition's train split. Ground-truth masks stay
 * at 32x32, so the evaluation maps predictions to a resolution other than the model's. {@link #latentsOnly} stops
 * before training (for the latent analysis tests).
 */
public final class TinyLatentPartition {
    static final int IMAGE_SIDE = 32;

    /** The dataset root. */
    public final Path root;
    /** The VAE directory the latents were computed with. */
    public final Path vae;
    /** The precomputation's summary (its partition). */
    public final PrecomputeSummary latents;
    /** The training run directory, or null ({@link #latentsOnly}). */
    public final Path run;
    /** The test split's referring expressions by example id ({@code seg/<image>/<object>/e<i>}). */
    public final Map<String, String> testExpressions = new TreeMap<>();
    /** The test split's mask files by example id. */
    final Map<String, RelativePath> testMasks = new TreeMap<>();

    private TinyLatentPartition(Path root, Path vae, PrecomputeSummary latents, Path run) {
        this.root = root;
        this.vae = vae;
        this.latents = latents;
        this.run = run;
    }

    public static TinyLatentPartition create(SparkSession spark, Path dir) throws IOException {
        TinyLatentPartition t = latentsOnly(spark, dir);
        Path run = dir.resolve("run");
        train(spark, run, "latents", t.latents.partition().path() + "?split=train");
        t = new TinyLatentPartition(t.root, t.vae, t.latents, run);
        for (ManifestRecord r : new ManifestReader().read(new LocalDatasetFiles(t.root), false)) {
            if (r.isAccepted() && r.image().split() == Split.TEST) {
                for (DatasetObject o : r.image().objects()) {
                    for (int i = 0; i < o.expressions().size(); i++) {
                        String id = "seg/" + r.image().id() + "/" + o.id() + "/e" + i;
                        t.testExpressions.put(id, o.expressions().get(i));
                        t.testMasks.put(id, o.mask());
                    }
                }
            }
        }
        return t;
    }

    /** The dataset (in {@code dir/shapes}), the VAE ({@code dir/vae}) and the latents ({@code dir/latents}). */
    public static TinyLatentPartition latentsOnly(SparkSession spark, Path dir) throws IOException {
        Path root = dir.resolve("shapes");
        GenerateSyntheticDataset.run(new SyntheticConfig(root.toString(), 8, IMAGE_SIDE, 3, 0.0, 0.25, 2, 2, 1));
        Path vae = dir.resolve("vae");
        VaeTrainer.save(AutoencoderKL.create(TinyModels.vaeConfig(), VaeInitializer.random(TinyModels.vaeConfig(), 3)),
                vae);
        PrecomputeSummary latents = PrecomputeLatentsJob.run(spark, JobConfig.of(PrecomputeConfig.defaults(),
                Map.of("dataset", root.toString(), "output", dir.resolve("latents").toString(), "vae", vae.toString(),
                        "resolution", "16", "partitions", "2")));
        return new TinyLatentPartition(root, vae, latents, null);
    }

    /** A one-round checkpoint in {@code run} with these training config changes (key, value, ...). */
    private static void train(SparkSession spark, Path run, String... changes) throws IOException {
        Map<String, String> o = new TreeMap<>(Map.of("run_dir", run.toString(), "rounds", "1", "workers", "1",
                "batch_size", "4", "averaging_period", "1", "checkpoint_every", "1"));
        for (int i = 0; i < changes.length; i += 2) {
            o.put(changes[i], changes[i + 1]);
        }
        TrainJob.run(spark, JobConfig.of(TrainJobConfig.defaults(), o));
    }

    /** {@code latents:<partition>?split=test}. */
    public String testSource() {
        return EvaluationSource.LATENTS + latents.partition().path() + "?split=test";
    }

    /** A copy of the dataset root (to break it). */
    Path copyRoot(Path to) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(root.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
