package org.genmask.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.genmask.dit.DiTWeights;
import org.genmask.dit.GenMaskDiT;
import org.genmask.jobs.config.JobConfig;
import org.genmask.safetensors.SafetensorsFile;
import org.genmask.safetensors.SafetensorsWriter;
import org.genmask.train.FlatParameters;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoints in a run directory on any Hadoop file system (local or {@code s3a://}): {@code ckpt-000010/} holding
 * {@code model.safetensors} and {@code ema.safetensors} (reference state-dict names, loadable by PyTorch),
 * {@code optimizer.safetensors} ({@code exp_avg}, {@code exp_avg_sq}) and {@code state.json} (counters, the
 * resolved config and, for a run on a latent partition, which latents it trains on: {@link CheckpointLatents}).
 * {@code state.json} is written last and marks the checkpoint complete: on S3 an object appears only when its writer
 * closes, so a checkpoint without it (a crash mid-write) is ignored and overwritten.
 */
final class CheckpointStore {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The keys whose change makes a checkpoint unusable. */
    static final List<String> SHAPE_KEYS = List.of("model", "input_size", "in_channels", "text.vocab_size",
            "text.max_length", "text.width", "text.depth", "text.heads", "hidden_size", "depth", "num_heads",
            "cond_align_bias", "rope");

    private final org.apache.hadoop.fs.Path root;
    private final FileSystem fs;
    private final GenMaskDiT exportModel;
    private final FlatParameters exportParams;
    private final CheckpointLatents latents;

    /**
     * @param latents the latents this run trains on, recorded in every checkpoint and required of the one it resumes
     *                from; null for in-memory examples ({@code synthetic:N}), which have no latent space to record
     */
    CheckpointStore(String runDir, Configuration hadoop, GenMaskDiT exportModel, CheckpointLatents latents)
            throws IOException {
        this.root = new org.apache.hadoop.fs.Path(runDir);
        this.fs = root.getFileSystem(hadoop);
        this.exportModel = exportModel;
        this.exportParams = new FlatParameters(exportModel.stateDict());
        this.latents = latents;
    }

    private static String dirName(int round) {
        return String.format("ckpt-%06d", round);
    }

    void save(Checkpoint c, JobConfig config) throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root, dirName(c.round()));
        if (fs.exists(dir)) {
            fs.delete(dir, true); // an incomplete earlier attempt of the same round
        }
        Path local = Files.createTempDirectory("genmask-ckpt");
        try {
            Map<String, String> meta = Map.of("format", "pt", "round", Integer.toString(c.round()));
            exportParams.set(Nd4j.createFromArray(c.params()));
            DiTWeights.save(exportModel, local.resolve("model.safetensors"), meta);
            exportParams.set(Nd4j.createFromArray(c.ema()));
            DiTWeights.save(exportModel, local.resolve("ema.safetensors"), meta);
            int p = c.params().length;
            INDArray moments = Nd4j.createFromArray(c.moments());
            Map<String, INDArray> opt = new LinkedHashMap<>();
            opt.put("exp_avg", moments.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, p)));
            opt.put("exp_avg_sq", moments.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(p, 2 * p)));
            SafetensorsWriter.write(local.resolve("optimizer.safetensors"), opt, Map.of("step", Long.toString(c.step())));
            for (String f : List.of("model.safetensors", "ema.safetensors", "optimizer.safetensors")) {
                fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.resolve(f).toUri()),
                        new org.apache.hadoop.fs.Path(dir, f));
            }
            ObjectNode state = JSON.createObjectNode();
            state.put("format", FORMAT).put("round", c.round()).put("step", c.step());
            state.put("parameters", p);
            ObjectNode cfg = state.putObject("config");
            config.values().forEach(cfg::put);
            if (latents != null) {
                latents.writeTo(state);
            }
            try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(dir, "state.json"), true)) {
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            }
        } finally {
            deleteLocal(local);
        }
    }

    /** Complete checkpoints, oldest first. */
    List<Integer> rounds() throws IOException {
        List<Integer> rounds = new ArrayList<>();
        if (!fs.exists(root)) {
            return rounds;
        }
        for (FileStatus s : fs.listStatus(root)) {
            String name = s.getPath().getName();
            if (s.isDirectory() && name.matches("ckpt-\\d{6}")
                    && fs.exists(new org.apache.hadoop.fs.Path(s.getPath(), "state.json"))) {
                rounds.add(Integer.parseInt(name.substring(5)));
            }
        }
        rounds.sort(Comparator.naturalOrder());
        return rounds;
    }

    /** Deletes all but the newest {@code keep} complete checkpoints. */
    void prune(int keep) throws IOException {
        List<Integer> rounds = rounds();
        for (int i = 0; i < rounds.size() - keep; i++) {
            fs.delete(new org.apache.hadoop.fs.Path(root, dirName(rounds.get(i))), true);
        }
    }

    /**
     * The newest complete checkpoint, refused if its model shape differs from {@code config}'s or if it records other
     * latents than this run's (one without the record, written before it existed, is resumed with a warning).
     */
    Optional<Checkpoint> loadLatest(JobConfig config) throws IOException {
        List<Integer> rounds = rounds();
        if (rounds.isEmpty()) {
            return Optional.empty();
        }
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root, dirName(rounds.get(rounds.size() - 1)));
        var state = readJson(new org.apache.hadoop.fs.Path(dir, "state.json"));
        for (String key : SHAPE_KEYS) {
            String then = state.path("config").path(key).asText(TrainJobConfig.BEFORE_KEY_EXISTED.get(key));
            String now = config.values().get(key);
            if (then != null && !then.equals(now)) {
                throw new IllegalArgumentException("checkpoint " + dir + " was trained with " + key + " = " + then
                        + ", the config now says " + now + "; use another run_dir or the same model shape");
            }
        }
        requireSameLatents(state, dir);
        Path local = Files.createTempDirectory("genmask-ckpt");
        try {
            for (String f : List.of("model.safetensors", "ema.safetensors", "optimizer.safetensors")) {
                fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(dir, f),
                        new org.apache.hadoop.fs.Path(local.resolve(f).toUri()), true);
            }
            DiTWeights.load(exportModel, local.resolve("model.safetensors"));
            float[] params = exportParams.get().toFloatVector();
            DiTWeights.load(exportModel, local.resolve("ema.safetensors"));
            float[] ema = exportParams.get().toFloatVector();
            float[] moments;
            try (SafetensorsFile opt = SafetensorsFile.open(local.resolve("optimizer.safetensors"))) {
                moments = Nd4j.concat(0, opt.read("exp_avg", params.length), opt.read("exp_avg_sq", params.length))
                        .toFloatVector();
            }
            return Optional.of(new Checkpoint(state.path("round").asInt(), state.path("step").asLong(), params,
                    moments, ema));
        } finally {
            deleteLocal(local);
        }
    }

    private void requireSameLatents(com.fasterxml.jackson.databind.JsonNode state, org.apache.hadoop.fs.Path dir) {
        if (latents == null) {
            return; // in-memory examples: no latent space to compare
        }
        Optional<CheckpointLatents> then = CheckpointLatents.read(state, dir + "/state.json");
        if (then.isPresent()) {
            then.get().requireResumableOn(latents, root.toString(), dir.toString());
        } else {
            System.out.println("genmask-train: WARNING checkpoint " + dir + " does not record which latents it was "
                    + "trained on (written before checkpoints recorded it, or trained on synthetic examples): cannot "
                    + "check that they are the latents now trained on (" + latents.describe() + "); resuming");
        }
    }

    private com.fasterxml.jackson.databind.JsonNode readJson(org.apache.hadoop.fs.Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void deleteLocal(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
