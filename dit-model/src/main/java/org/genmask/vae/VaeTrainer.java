package org.genmask.vae;

import org.genmask.samediff.QuietGradientBuild;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.genmask.safetensors.SafetensorsWriter;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Trains a small AutoencoderKL from scratch on {@link SyntheticShapes} (each batch half coloured scenes, half their
 * binary masks) with Adam on L1 + L2 reconstruction + weighted KL, then sets {@code scaling_factor} to
 * {@code 1 / std} of the latent means of fresh scenes and masks (shift 0), as Stable Diffusion did.
 *
 * <pre>java -cp ... org.genmask.vae.VaeTrainer --out DIR [--steps 600] [--batch 16] [--lr 1e-3] [--kl 1e-4] [--seed 1]</pre>
 * writes {@code DIR/config.json} and {@code DIR/diffusion_pytorch_model.safetensors} and prints the mask IoU; it
 * stops early once the held-out mean mask IoU (checked every 100 steps) reaches 0.99.
 */
public final class VaeTrainer {
    /**
     * Training settings; {@code imageSize} must be a multiple of the config's downsample factor. Every
     * {@code evalEvery} steps the mask IoU on 64 held-out masks is measured; training stops early once its mean
     * reaches {@code targetIoU} (use a value above 1 to never stop early).
     */
    public record Options(int imageSize, int batchSize, int steps, double learningRate, double klWeight, long seed,
            int evalEvery, double targetIoU) {
    }

    private VaeTrainer() {
    }

    /** The default VAE: the golden SD-style layout (32/64 channels, 8 groups, 4 latent channels, f = 2) at 32x32. */
    public static AutoencoderKLConfig defaultConfig() {
        String d = AutoencoderKLConfig.DOWN_BLOCK;
        String u = AutoencoderKLConfig.UP_BLOCK;
        return new AutoencoderKLConfig(3, 3, List.of(d, d), List.of(u, u), List.of(32, 64), 1, "silu", 4, 8, 32,
                1.0, 0.0, true, true);
    }

    /**
     * Where training batches come from: {@code next(n)} gives n scenes and n masks (the trainer takes
     * {@code imagesPerBatch} scenes and {@code batchSize - imagesPerBatch} masks of them), {@code heldOut} a fixed
     * set no training batch contains (IoU checks and the fitted scaling factor).
     */
    public interface Data {
        SyntheticShapes.Batch next(int n);

        SyntheticShapes.Batch heldOut();
    }

    /** {@link SyntheticShapes} scenes (the trainer's own data when no other is given). */
    public static Data syntheticShapes(Options o) {
        SyntheticShapes data = new SyntheticShapes(o.imageSize(), o.seed() + 1);
        SyntheticShapes.Batch held = new SyntheticShapes(o.imageSize(), o.seed() + 1_000_003L).next(64);
        return new Data() {
            @Override
            public SyntheticShapes.Batch next(int n) {
                return data.next(n);
            }

            @Override
            public SyntheticShapes.Batch heldOut() {
                return held;
            }
        };
    }

    /** Trains and returns the model (with its fitted scaling factor); {@code log} receives progress lines. */
    public static AutoencoderKL train(AutoencoderKLConfig config, Options o, Consumer<String> log) {
        return train(config, o, syntheticShapes(o), null, o.batchSize() / 2, log, m -> { });
    }

    /**
     * Trains from {@code init} (PyTorch-layout weights; null: {@link VaeInitializer#random}) with Adam whose learning
     * rate decays linearly to 0 over {@code o.steps()}; {@code checkpoint} receives the model (scaling fitted)
     * after each evaluation that improved the held-out mean mask IoU.
     */
    public static AutoencoderKL train(AutoencoderKLConfig config, Options o, Data data, Map<String, INDArray> init,
            int imagesPerBatch, Consumer<String> log, Consumer<AutoencoderKL> checkpoint) {
        if (o.imageSize() % config.downsampleFactor() != 0 || o.batchSize() < 2 || o.steps() < 1
                || imagesPerBatch < 0 || imagesPerBatch > o.batchSize()) {
            throw new IllegalArgumentException("VaeTrainer: imageSize must be a multiple of "
                    + config.downsampleFactor() + ", batchSize >= 2, steps >= 1, 0 <= imagesPerBatch <= batchSize;"
                    + " got " + o + ", imagesPerBatch " + imagesPerBatch);
        }
        VaeTrainingGraph g = new VaeTrainingGraph(config, init != null ? init : VaeInitializer.random(config, o.seed()),
                o.imageSize(), o.klWeight());
        g.sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(new PolySchedule(ScheduleType.ITERATION, o.learningRate(), 1.0, o.steps())))
                .dataSetFeatureMapping(VaeTrainingGraph.IMAGE, VaeTrainingGraph.EPS).markLabelsUnused()
                .minimize(VaeTrainingGraph.LOSS)
                .build());
        QuietGradientBuild.run(g.sd::createGradFunction);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(o.seed() + 2);
        int s = o.imageSize() / config.downsampleFactor();
        int masksPerBatch = o.batchSize() - imagesPerBatch;
        SyntheticShapes.Batch held = data.heldOut();
        long t0 = System.nanoTime();
        double bestIoU = -1;
        for (int step = 1; step <= o.steps(); step++) {
            SyntheticShapes.Batch b = data.next(Math.max(imagesPerBatch, masksPerBatch));
            INDArray x = Nd4j.concat(0, first(b.images(), imagesPerBatch), first(b.masks(), masksPerBatch)); // [B,3,H,W]
            INDArray eps = Nd4j.randn(rng, x.size(0), config.latentChannels(), s, s).castTo(DataType.FLOAT); // [B,L,s,s]
            g.sd.fit(new MultiDataSet(new INDArray[] {x, eps}, new INDArray[0]));
            boolean last = step == o.steps();
            if (step % o.evalEvery() == 0 && !last) {
                AutoencoderKL current = withFittedScaling(config, g.weights(), o, held, log);
                MaskIoU iou = MaskIoU.of(held.masks(), current.decode(current.encodeScaled(held.masks())));
                log.accept("step " + step + " held-out masks: " + iou);
                if (iou.meanIoU() > bestIoU) {
                    bestIoU = iou.meanIoU();
                    checkpoint.accept(current);
                }
                if (iou.meanIoU() >= o.targetIoU()) {
                    log.accept("target mean IoU " + o.targetIoU() + " reached at step " + step);
                    break;
                }
            }
            if (step % 25 == 0 || last) { // SameDiff's fit() reports 0 loss here: evaluate it
                Map<String, INDArray> l = g.sd.output(Map.of(VaeTrainingGraph.IMAGE, x, VaeTrainingGraph.EPS, eps),
                        VaeTrainingGraph.RECONSTRUCTION, VaeTrainingGraph.KL);
                log.accept(String.format(Locale.ROOT, "step %d/%d reconstruction %.5f kl %.3f, %.2f s/step", step,
                        o.steps(), l.get(VaeTrainingGraph.RECONSTRUCTION).getDouble(0),
                        l.get(VaeTrainingGraph.KL).getDouble(0), (System.nanoTime() - t0) / 1e9 / step));
            }
        }
        return withFittedScaling(config, g.weights(), o, held, log);
    }

    private static INDArray first(INDArray x, int n) {
        return x.get(NDArrayIndex.interval(0, n)); // [M,3,H,W] -> [n,3,H,W]
    }

    /** The model with {@code scaling_factor = 1 / std} of the latent means of the held-out scenes and masks. */
    private static AutoencoderKL withFittedScaling(AutoencoderKLConfig config, Map<String, INDArray> weights,
            Options o, SyntheticShapes.Batch held, Consumer<String> log) {
        AutoencoderKL unscaled = AutoencoderKL.create(config, weights);
        double std = unscaled.encode(Nd4j.concat(0, held.images(), held.masks())).mean().stdNumber().doubleValue();
        AutoencoderKLConfig scaled = new AutoencoderKLConfig(config.inChannels(), config.outChannels(),
                config.downBlockTypes(), config.upBlockTypes(), config.blockOutChannels(), config.layersPerBlock(),
                config.actFn(), config.latentChannels(), config.normNumGroups(), o.imageSize(), 1.0 / std, 0.0,
                config.useQuantConv(), config.usePostQuantConv());
        log.accept(String.format(Locale.ROOT, "latent std %.4f -> scaling_factor %.5f", std, 1.0 / std));
        return AutoencoderKL.create(scaled, unscaled.weights());
    }

    /** Held-out scenes (a seed no training batch uses). */
    static SyntheticShapes.Batch fresh(Options o, int n) {
        return new SyntheticShapes(o.imageSize(), o.seed() + 1_000_003L).next(n);
    }

    /** Writes {@code dir/config.json} and {@code dir/diffusion_pytorch_model.safetensors}. */
    public static void save(AutoencoderKL model, Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve(AutoencoderKL.CONFIG_FILE).toFile(), model.config().toJson());
        SafetensorsWriter.write(dir.resolve(AutoencoderKL.WEIGHTS_FILE), model.weights(),
                Map.of("format", "pt", "generator", "org.genmask.vae.VaeTrainer"));
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        int steps = 600;
        int batch = 16;
        double lr = 1e-3;
        double kl = 1e-4;
        long seed = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--lr" -> lr = Double.parseDouble(args[i + 1]);
                case "--kl" -> kl = Double.parseDouble(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("VaeTrainer: unknown option " + args[i]);
            }
        }
        if (out == null || args.length % 2 != 0) {
            throw new IllegalArgumentException("VaeTrainer: usage --out DIR [--steps N] [--batch N] [--lr X] [--kl X] [--seed N]");
        }
        AutoencoderKLConfig config = defaultConfig();
        Options o = new Options(config.sampleSize(), batch, steps, lr, kl, seed, 100, 0.99);
        Path dir = out;
        AutoencoderKL model = train(config, o, syntheticShapes(o), null, o.batchSize() / 2, System.out::println, m -> {
            try {
                save(m, dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("VaeTrainer: checkpoint to " + dir + " failed", e);
            }
        });
        SyntheticShapes.Batch test = fresh(o, 128);
        MaskIoU iou = MaskIoU.of(test.masks(), model.decode(model.encodeScaled(test.masks())));
        System.out.println("held-out masks (128): " + iou);
        save(model, out);
        System.out.println("wrote " + out.resolve(AutoencoderKL.CONFIG_FILE) + " and " + AutoencoderKL.WEIGHTS_FILE);
    }
}
