package org.genmask.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.DiTWeights;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.StateDict;
import org.genmask.dit.Task;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.train.TrainJobConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.DefaultVae;
import org.genmask.vae.VaeRegistry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The models of a training checkpoint ({@code run_dir/ckpt-NNNNNN/}, see the training job): the driver reads
 * {@code state.json} (the resolved training config rebuilds the DiT architecture) and {@code ema.safetensors} (or
 * {@code model.safetensors}) from any Hadoop file system and broadcasts the weights by state-dict name; each executor
 * task builds its own single-path model from them ({@link #model(Task)}: the segmentation path for evaluation, the
 * generation path for sampling). The VAE is loaded on each executor from {@code vaeDir}, a local path that must exist
 * on every node (cached per JVM by {@link VaeRegistry}); it must be the VAE of the latents the checkpoint records
 * having been trained on ({@link CheckpointVae}).
 */
public final class CheckpointModels implements EvaluationModels {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String checkpointDir;
    private final int round;
    private final HashMap<String, String> trainConfig;
    private final Broadcast<HashMap<String, float[]>> weights;
    private final String vaeDir;

    private CheckpointModels(String checkpointDir, int round, HashMap<String, String> trainConfig,
                             Broadcast<HashMap<String, float[]>> weights, String vaeDir) {
        this.checkpointDir = checkpointDir;
        this.round = round;
        this.trainConfig = trainConfig;
        this.weights = weights;
        this.vaeDir = vaeDir;
    }

    /**
     * @param checkpoint a {@code ckpt-NNNNNN} directory, or a run directory (its newest complete checkpoint)
     * @param which      {@code ema} or {@code model}
     * @param vaeDir     a diffusers AutoencoderKL directory readable at this path on every executor, or
     *                   {@code default}; refused (before the weights are read) when it is not the VAE of the latents
     *                   the checkpoint records
     * @param task       the path the caller will build: the checkpoint must have been trained with it
     */
    public static CheckpointModels load(JavaSparkContext sc, String checkpoint, String which, String vaeDir, Task task)
            throws IOException {
        if (!which.equals("ema") && !which.equals("model")) {
            throw new IllegalArgumentException("config key 'weights': expected ema or model, got '" + which + "'");
        }
        Configuration hadoop = sc.hadoopConfiguration();
        Path dir = resolve(new Path(checkpoint), hadoop);
        FileSystem fs = dir.getFileSystem(hadoop);
        JsonNode state = state(fs, dir);
        HashMap<String, String> config = config(state);
        GenMaskDiT model = GenMaskDiT.create(ditConfig(config, dir), tasks(config, dir, task), 0);
        CheckpointVae.check(state, dir.toString(), vaeDir, hadoop);
        java.nio.file.Path local = Files.createTempFile("genmask-eval", ".safetensors");
        try {
            fs.copyToLocalFile(false, new Path(dir, which + ".safetensors"), new Path(local.toUri()), true);
            DiTWeights.load(model, local);
        } finally {
            Files.deleteIfExists(local);
        }
        HashMap<String, float[]> byName = new HashMap<>();
        StateDict params = model.stateDict();
        for (String name : params.names()) {
            byName.put(name, params.array(name).castTo(DataType.FLOAT).dup('c').data().asFloat());
        }
        return new CheckpointModels(dir.toString(), state.path("round").asInt(), config, sc.broadcast(byName), vaeDir);
    }

    /**
     * The DiT architecture of a checkpoint, from its {@code state.json} alone: to check data against the model
     * before {@link #load} reads and broadcasts the weights.
     *
     * @param checkpoint a {@code ckpt-NNNNNN} directory, or a run directory (its newest complete checkpoint)
     */
    public static DiTConfig architecture(Configuration hadoop, String checkpoint) throws IOException {
        Path dir = resolve(new Path(checkpoint), hadoop);
        return ditConfig(config(state(dir.getFileSystem(hadoop), dir)), dir);
    }

    private static JsonNode state(FileSystem fs, Path dir) throws IOException {
        try (InputStream in = fs.open(new Path(dir, "state.json"))) {
            return JSON.readTree(in);
        }
    }

    private static HashMap<String, String> config(JsonNode state) {
        HashMap<String, String> config = new HashMap<>();
        state.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    /** The directory itself if it holds {@code state.json}, else its newest complete {@code ckpt-NNNNNN}. */
    private static Path resolve(Path dir, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        if (fs.exists(new Path(dir, "state.json"))) {
            return dir;
        }
        if (!fs.exists(dir)) {
            throw new IllegalArgumentException("config key 'checkpoint': " + dir + " does not exist");
        }
        List<Path> complete = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory() && s.getPath().getName().matches("ckpt-\\d{6}")
                    && fs.exists(new Path(s.getPath(), "state.json"))) {
                complete.add(s.getPath());
            }
        }
        complete.sort((a, b) -> a.getName().compareTo(b.getName()));
        if (complete.isEmpty()) {
            throw new IllegalArgumentException("config key 'checkpoint': " + dir + " holds neither state.json nor a "
                    + "complete ckpt-NNNNNN directory");
        }
        return complete.get(complete.size() - 1);
    }

    private static TrainJobConfig trainJobConfig(Map<String, String> config, Path dir) {
        try {
            Map<String, String> stored = new HashMap<>(config);
            TrainJobConfig.BEFORE_KEY_EXISTED.forEach(stored::putIfAbsent);
            return TrainJobConfig.from(JobConfig.of(TrainJobConfig.defaults(), stored));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir + "/state.json: field config: " + e.getMessage(), e);
        }
    }

    private static DiTConfig ditConfig(Map<String, String> config, Path dir) {
        return trainJobConfig(config, dir).ditConfig();
    }

    /** The task paths the checkpoint was trained with (their parameters are what the file holds); must hold need. */
    private static Set<Task> tasks(Map<String, String> config, Path dir, Task need) {
        TrainJobConfig t = trainJobConfig(config, dir);
        Set<Task> tasks = EnumSet.noneOf(Task.class);
        for (Task task : Task.values()) {
            if (t.batchOf(task) > 0) {
                tasks.add(task);
            }
        }
        if (!tasks.contains(need)) {
            throw new IllegalArgumentException("config key 'checkpoint': " + dir + " was trained without "
                    + need.name().toLowerCase(Locale.ROOT) + " (segmentation_share = " + t.segmentationShare() + ")");
        }
        return tasks;
    }

    public String checkpointDir() {
        return checkpointDir;
    }

    public int round() {
        return round;
    }

    /** The checkpoint's resolved training config. */
    public Map<String, String> trainConfig() {
        return Map.copyOf(trainConfig);
    }

    public DiTConfig ditConfig() {
        return ditConfig(trainConfig, new Path(checkpointDir));
    }

    @Override
    public GenMaskDiT segmentationModel() {
        return model(Task.SEGMENTATION);
    }

    /** A model with only {@code task}'s path and the checkpoint's weights, for the calling task alone. */
    public GenMaskDiT model(Task task) {
        GenMaskDiT model = GenMaskDiT.create(ditConfig(), EnumSet.of(task), 0);
        StateDict params = model.stateDict();
        Map<String, float[]> byName = weights.value();
        for (String name : params.names()) {
            float[] w = byName.get(name);
            if (w == null) {
                throw new IllegalStateException(checkpointDir + ": no tensor '" + name + "' for the "
                        + task.name().toLowerCase(Locale.ROOT) + " path");
            }
            params.array(name).assign(Nd4j.create(w, params.shape(name), 'c'));
        }
        return model;
    }

    @Override
    public AutoencoderKL vae() throws IOException {
        if (vaeDir == null || vaeDir.isBlank()) {
            throw new IllegalArgumentException("config key 'vae_dir' is empty: name a diffusers AutoencoderKL "
                    + "directory (config.json + diffusion_pytorch_model.safetensors)");
        }
        return VaeRegistry.get(DefaultVae.localDirectory(vaeDir));
    }
}
