package org.genmask.data.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.genmask.jobs.config.JobConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.AutoencoderKLConfig;
import org.genmask.vae.DefaultVae;
import org.genmask.vae.VaeTrainer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains the project's embedded default VAE ({@link DefaultVae}; architecture {@link VaeTrainer#defaultConfig()})
 * on the synthetic referring dataset's own scenes and masks ({@link ReferringSceneBatches}), then measures it with
 * {@link VaeRoundTrip} on scenes no training batch saw and writes {@code provenance.json} beside the weights.
 *
 * <pre>
 * java ... org.genmask.data.synthetic.TrainDefaultVae --out=DIR [--init=DIR] [--steps=2000] [--batch=16]
 *     [--images-per-batch=6] [--lr=1e-3] [--kl=1e-4] [--seed=11]
 * java ... org.genmask.data.synthetic.TrainDefaultVae --out=DIR --measure=CHECKPOINT_DIR [--note=TEXT]
 * </pre>
 * The second form measures a checkpoint (for a run stopped by hand) and writes it with its finished provenance.
 * {@code --init} warm-starts from a VAE directory (e.g. an earlier run's checkpoint). The checkpoint in {@code DIR}
 * is rewritten after every held-out evaluation that improved the mean mask IoU; copy {@code DIR}'s three files to
 * {@code dit-model/src/main/resources/org/genmask/vae/default/} to ship them.
 */
public final class TrainDefaultVae {
    private TrainDefaultVae() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> defaults = new java.util.LinkedHashMap<>(Map.of("out", "", "init", "", "steps", "2000",
                "batch", "16", "images-per-batch", "6", "lr", "1e-3", "kl", "1e-4", "seed", "11"));
        defaults.put("measure", "");
        defaults.put("note", "");
        Map<String, String> o = JobConfig.resolve(defaults, args).values();
        if (o.get("out").isBlank()) {
            throw new IllegalArgumentException("TrainDefaultVae: --out=DIR is required");
        }
        Path out = Path.of(o.get("out"));
        if (!o.get("measure").isBlank()) { // measure a checkpoint (e.g. a run stopped by hand) and finish its provenance
            AutoencoderKL model = AutoencoderKL.load(Path.of(o.get("measure")));
            String command = new ObjectMapper().readTree(Path.of(o.get("measure"), "provenance.json").toFile())
                    .path("command").asText();
            save(model, out, command, VaeRoundTrip.measure(model, 256, model.config().sampleSize(), 7), -1,
                    o.get("note"));
            return;
        }
        AutoencoderKLConfig config = VaeTrainer.defaultConfig();
        int size = config.sampleSize();
        VaeTrainer.Options options = new VaeTrainer.Options(size, Integer.parseInt(o.get("batch")),
                Integer.parseInt(o.get("steps")), Double.parseDouble(o.get("lr")), Double.parseDouble(o.get("kl")),
                Long.parseLong(o.get("seed")), 100, 2.0);
        Map<String, INDArray> init = o.get("init").isBlank() ? null
                : AutoencoderKL.load(DefaultVae.localDirectory(o.get("init"))).weights();
        String command = "TrainDefaultVae " + String.join(" ", args);
        long t0 = System.nanoTime();
        AutoencoderKL model = VaeTrainer.train(config, options, new ReferringSceneBatches(size, options.seed(), 128),
                init, Integer.parseInt(o.get("images-per-batch")), System.out::println, m -> save(m, out, command,
                        null, 0, ""));
        save(model, out, command, VaeRoundTrip.measure(model, 256, size, 7), (System.nanoTime() - t0) / 1e9, "");
        System.out.println("wrote " + out + " (config.json, " + AutoencoderKL.WEIGHTS_FILE + ", provenance.json)");
    }

    private static void save(AutoencoderKL model, Path dir, String command, VaeRoundTrip.Result measured,
            double seconds, String note) {
        try {
            VaeTrainer.save(model, dir);
            ObjectNode p = new ObjectMapper().createObjectNode();
            p.put("generator", TrainDefaultVae.class.getName()).put("command", command)
                    .put("data", "synthetic referring scenes (SyntheticDatasetGenerator, 2-4 objects) at "
                            + model.config().sampleSize() + " px and one object mask per scene")
                    .put("scaling_factor", model.config().scalingFactor());
            if (measured != null) {
                System.out.println("held-out round trip: " + measured);
                if (seconds >= 0) {
                    p.put("train_seconds", Math.round(seconds));
                }
                if (!note.isBlank()) {
                    p.put("note", note);
                }
                ObjectNode m = p.putObject("measured");
                m.put("how", "VaeRoundTrip.measure(model, 256 scenes, seed 7): every object mask and scene encoded "
                        + "(scaled posterior mean) and decoded; mask foreground = decoded channel mean > 0; outlines:"
                        + " SceneOutlines, each object of a colour of its own found by colour in the decoded scene");
                m.put("scenes", measured.images()).put("masks", measured.masks().masks())
                        .put("mask_mean_iou", measured.masks().meanIoU())
                        .put("mask_overall_iou", measured.masks().overallIoU())
                        .put("mask_min_iou", measured.masks().minIoU()).put("image_psnr_db", measured.imagePsnr())
                        .put("outline_objects", measured.outlines().masks())
                        .put("outline_mean_iou", measured.outlines().meanIoU())
                        .put("outline_overall_iou", measured.outlines().overallIoU());
            } else {
                p.put("status", "checkpoint during training (not yet measured)");
            }
            Files.writeString(dir.resolve("provenance.json"),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(p) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("TrainDefaultVae: writing " + dir + " failed", e);
        }
    }
}
