package org.genmask.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genmask.kernels.Engine;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures VAE encode throughput (images/s) with random weights (PyTorch default init; speed does not depend on
 * the values). Architectures: {@code sd} = Stable Diffusion's real VAE sizes (block_out_channels 128/256/512/512,
 * layers_per_block 2, 32 groups, 4 latent channels, quant convs); {@code golden-sd} = the golden test config
 * (32/64, 1 layer, 8 groups).
 *
 * <p>{@code --engine}: {@code auto} (eager on the CPU backend), {@code eager} or {@code graph}
 * ({@link Engine}). Options take their value as the next argument or after {@code =}.
 *
 * <pre>java -cp ... org.genmask.vae.VaeEncodeBenchmark [--arch sd|golden-sd|default] [--size 256] [--batch 2] [--batches 3] [--warmup 1] [--engine auto|eager|graph]</pre>
 */
public final class VaeEncodeBenchmark {
    private VaeEncodeBenchmark() {
    }

    public static void main(String[] args) throws java.io.IOException {
        String arch = "sd";
        int size = 256;
        int batch = 2;
        int batches = 3;
        int warmup = 1;
        Engine engine = Engine.AUTO;
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            String value;
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("VaeEncodeBenchmark: option " + key + " needs a value");
            }
            switch (key) {
                case "--arch" -> arch = value;
                case "--size" -> size = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--batches" -> batches = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--engine" -> engine = Engine.parse("--engine", value);
                default -> throw new IllegalArgumentException("VaeEncodeBenchmark: unknown option " + key);
            }
        }
        Engine resolved = engine.resolve("--engine", true, "");
        // "default": the embedded VAE with its trained weights; the others random weights of their shapes
        AutoencoderKL vae = DefaultVae.isDefault(arch) ? AutoencoderKL.load(DefaultVae.directory()) : null;
        AutoencoderKLConfig config = vae != null ? vae.config() : config(arch);
        long params = AutoencoderKL.parameterShapes(config).values().stream()
                .mapToLong(s -> java.util.Arrays.stream(s).reduce(1, Math::multiplyExact)).sum();
        if (vae == null) {
            vae = AutoencoderKL.create(config, VaeInitializer.random(config, 42));
        }
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(7);
        INDArray images = Nd4j.rand(rng, batch, config.inChannels(), size, size).castTo(DataType.FLOAT).muli(2).subi(1);
        System.out.printf(Locale.ROOT, "arch=%s engine=%s params=%d size=%d batch=%d threads(OMP_NUM_THREADS)=%s"
                + " cores=%d%n", arch, resolved, params, size, batch, System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < warmup; i++) {
            long t0 = System.nanoTime();
            vae.encode(images, resolved);
            System.out.printf(Locale.ROOT, "warmup batch %d: %.3f s (includes graph build or weight copy)%n", i, (System.nanoTime() - t0) / 1e9);
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            long t0 = System.nanoTime();
            LatentDistribution d = vae.encode(images, resolved);
            double s = (System.nanoTime() - t0) / 1e9;
            seconds.add(s);
            System.out.printf(Locale.ROOT, "batch %d: %.3f s, latent %s%n", i, s, java.util.Arrays.toString(d.mean().shape()));
        }
        double total = seconds.stream().mapToDouble(Double::doubleValue).sum();
        double best = seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "RESULT arch=%s engine=%s size=%d batch=%d: %.3f images/s (mean over %d"
                + " batches), best %.3f images/s%n", arch, resolved, size, batch, batch * batches / total, batches, batch / best);
    }

    static AutoencoderKLConfig config(String arch) {
        String d = AutoencoderKLConfig.DOWN_BLOCK;
        String u = AutoencoderKLConfig.UP_BLOCK;
        return switch (arch) {
            case "sd" -> new AutoencoderKLConfig(3, 3, List.of(d, d, d, d), List.of(u, u, u, u),
                    List.of(128, 256, 512, 512), 2, "silu", 4, 32, 512, 0.18215, 0.0, true, true);
            case "golden-sd" -> new AutoencoderKLConfig(3, 3, List.of(d, d), List.of(u, u), List.of(32, 64), 1,
                    "silu", 4, 8, 32, 0.18215, 0.0, true, true);
            default -> throw new IllegalArgumentException("VaeEncodeBenchmark: unknown --arch " + arch
                    + " (sd, golden-sd, default)");
        };
    }
}
