package org.genmask.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.genmask.data.local.LocalDatasetFiles;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.ManifestReader;
import org.genmask.data.manifest.ManifestRecord;
import org.genmask.data.manifest.Split;
import org.genmask.data.synthetic.GenerateSyntheticDataset;
import org.genmask.data.synthetic.SyntheticConfig;
import org.genmask.jobs.eval.TinyModels;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;

/**
 * The real data path in miniature, for the integration tests that run the jobs through spark-submit: a generated
 * synthetic dataset ({@value #IMAGES} images of {@value #IMAGE_SIDE} px, a quarter of them in the test split), a random
 * tiny VAE ({@link TinyModels#vaeConfig()}, /2, 4 latent channels), and the jobs' arguments. The latents are computed
 * at {@value #RESOLUTION} px, i.e. 4x8x8: the default model of {@code TrainJobConfig} (DiT-T/2, input 8, 64 words)
 * trains on them unchanged, and the evaluation maps its 16 px predictions back to the masks' 32 px.
 */
public final class TinyPipeline {
    /** The dataset's name: the last segment of its root, hence the partition's {@code dataset=} directory. */
    public static final String DATASET = "shapes";
    public static final int IMAGES = 16;
    public static final int IMAGE_SIDE = 32;
    public static final int RESOLUTION = 16;

    private TinyPipeline() {
    }

    /** Generates the dataset into {@code root} (a fresh directory whose last segment is {@link #DATASET}). */
    public static Path dataset(Path root) throws IOException {
        if (!root.getFileName().toString().equals(DATASET)) {
            throw new IllegalArgumentException(root + ": the dataset root must be named " + DATASET);
        }
        deleteRecursively(root);
        GenerateSyntheticDataset.run(new SyntheticConfig(root.toString(), IMAGES, IMAGE_SIDE, 7, 0.0, 0.25, 2, 3, 1));
        return root;
    }

    /** Writes the random tiny VAE directory ({@code config.json}, weights) to {@code dir}. */
    public static Path vae(Path dir) throws IOException {
        deleteRecursively(dir);
        VaeTrainer.save(AutoencoderKL.create(TinyModels.vaeConfig(), VaeInitializer.random(TinyModels.vaeConfig(), 3)),
                dir);
        return dir;
    }

    /** {@code PrecomputeLatentsJob}'s arguments: any Hadoop paths for the dataset root, latent store and VAE. */
    public static List<String> precomputeArgs(String dataset, String output, String vae) {
        return List.of("--dataset=" + dataset, "--output=" + output, "--vae=" + vae,
                "--resolution=" + RESOLUTION, "--batch_size=8", "--partitions=2", "--progress_interval_s=5");
    }

    /** A split of the partition precomputed into {@code output}: its dataset directory (the one complete key). */
    public static String latents(String output, Split split) {
        return output + "/dataset=" + DATASET + "?split=" + split.jsonName();
    }

    /** The referring expressions of {@code split} in the dataset's manifest. */
    public static int expressions(Path root, Split split) throws IOException {
        int n = 0;
        for (ManifestRecord r : new ManifestReader().read(new LocalDatasetFiles(root), false)) {
            if (r.isAccepted() && r.image().split() == split) {
                for (DatasetObject o : r.image().objects()) {
                    n += o.expressions().size();
                }
            }
        }
        return n;
    }

    /** The captions of {@code split} in the dataset's manifest. */
    public static int captions(Path root, Split split) throws IOException {
        int n = 0;
        for (ManifestRecord r : new ManifestReader().read(new LocalDatasetFiles(root), false)) {
            if (r.isAccepted() && r.image().split() == split) {
                n += r.image().captions().size();
            }
        }
        return n;
    }

    /** Deletes {@code dir} and everything below it, if it exists (a directory left by an earlier build). */
    public static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
