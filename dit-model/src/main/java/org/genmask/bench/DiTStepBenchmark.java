package org.genmask.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.genmask.diffusion.GaussianNoise;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.dit.TextConfig;
import org.genmask.dit.TextTokens;
import org.genmask.kernels.Engine;
import org.genmask.train.DiTTrainer;
import org.genmask.train.StepResult;
import org.genmask.train.TaskBatch;
import org.genmask.train.TrainConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times the GenMask DiT training step (forward, backward, AdamW) on a fixed synthetic mixed batch.
 *
 * <pre>
 * java -cp ... org.genmask.bench.DiTStepBenchmark [--size=bench|quickstart|tiny] [--steps=20] [--warmup=3]
 *     [--engine=auto|eager|graph] [--profile=true]
 * </pre>
 * {@code bench}: hidden 256, depth 4, 4 heads, 4x16x16 latent, patch 2 (64 target + 64 condition tokens), batch 16
 * (8 generation + 8 segmentation), text of 16 tokens over 512 words through a 2-layer width-128 encoder.
 * Prints one line per timed step and a summary (median, mean, min, the parameter count and the losses).
 */
public final class DiTStepBenchmark {

    private DiTStepBenchmark() {
    }

    public static void main(String[] args) {
        String size = "bench";
        int steps = 20;
        int warmup = 3;
        boolean profile = false;
        Engine engine = Engine.AUTO;
        int heads = 0;
        int textDepth = -1;
        boolean rope = false;
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
            }
            switch (kv[0]) {
                case "size" -> size = kv[1];
                case "steps" -> steps = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "profile" -> profile = Boolean.parseBoolean(kv[1]);
                case "engine" -> engine = Engine.parse("--engine", kv[1]);
                case "num_heads" -> heads = Integer.parseInt(kv[1]);
                case "text_depth" -> textDepth = Integer.parseInt(kv[1]);
                case "rope" -> rope = Boolean.parseBoolean(kv[1]);
                default -> throw new IllegalArgumentException("unknown option --" + kv[0]
                        + " (valid: --size, --steps, --warmup, --engine, --profile, --num_heads, --text_depth,"
                        + " --rope)");
            }
        }
        DiTConfig config = switch (size) {
            case "bench" -> DiTConfig.preset("DiT-Bench/2", 16, 4, 1)
                    .withText(new TextConfig(TextConfig.Mode.TOKENS, 512, 16, 128, 2, 4, 0));
            case "tiny" -> DiTConfig.preset("DiT-T/2", 8, 4, 1)
                    .withText(new TextConfig(TextConfig.Mode.TOKENS, 64, 8, 32, 1, 2, 0));
            // conf/jobs/quickstart-train.conf's model: DiT-Mini/4 on 4 x 16 x 16 latents, 24 text tokens
            case "quickstart" -> DiTConfig.preset("DiT-Mini/4", 16, 4, 1)
                    .withText(new TextConfig(TextConfig.Mode.TOKENS, 64, 24, 64, 1, 2, 0));
            default -> throw new IllegalArgumentException("unknown --size=" + size
                    + " (valid: bench, quickstart, tiny)");
        };
        if (heads > 0) {
            config = config.withSize(config.hiddenSize(), config.depth(), heads);
        }
        if (textDepth >= 0) {
            TextConfig t = config.text();
            config = config.withText(new TextConfig(t.mode(), t.vocabSize(), t.maxLength(), t.width(), textDepth,
                    t.numHeads(), t.embedWidth()));
        }
        run(config.withRope(rope), 8, steps, warmup, profile, engine);
    }

    /**
     * @param profile whether to time every op of the timed steps ({@link OpTimes}) and print the table by op type
     *                (timing adds a little per op: the step times of a profiled run are not the benchmark's; the graph
     *                engine only)
     */
    static void run(DiTConfig config, int perTask, int steps, int warmup, boolean profile, Engine engine) {
        GenMaskDiT model = GenMaskDiT.create(config, EnumSet.allOf(Task.class), 1);
        OpTimes opTimes = profile ? new OpTimes() : null;
        if (profile) {
            model.addListeners(opTimes);
        }
        DiTTrainer trainer = new DiTTrainer(model, TrainConfig.genMaskDefaults().withEngine(engine));
        Map<Task, TaskBatch> batch = batch(config, perTask, new SplittableRandom(2));
        System.out.printf(Locale.ROOT, "%s, %d parameters, batch %d + %d, %s engine, OMP_NUM_THREADS=%s%n", config,
                trainer.parameterCount(), perTask, perTask, trainer.engine(), System.getenv("OMP_NUM_THREADS"));
        List<Double> times = new ArrayList<>();
        List<Double> cpuTimes = new ArrayList<>();
        List<Double> threadTimes = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        StepResult result = null;
        for (int i = 0; i < warmup + steps; i++) {
            if (opTimes != null) {
                opTimes.enable(i >= warmup);
            }
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            long m0 = threads.getCurrentThreadCpuTime();
            result = trainer.step(batch, new SplittableRandom(100 + i));
            double ms = (System.nanoTime() - t0) / 1e6;
            double cpuMs = (processCpuNanos() - c0) / 1e6;
            double threadMs = (threads.getCurrentThreadCpuTime() - m0) / 1e6;
            if (i >= warmup) {
                times.add(ms);
                cpuTimes.add(cpuMs);
                threadTimes.add(threadMs);
            }
            System.out.printf(Locale.ROOT, "%s step %d: %.1f ms wall, %.1f ms process CPU, %.1f ms main-thread CPU,"
                    + " loss %.4f (gen %.4f, seg %.4f)%n", i < warmup ? "warm-up" : "timed", i, ms, cpuMs, threadMs, result.loss(),
                    result.losses().get(Task.GENERATION).mean(), result.losses().get(Task.SEGMENTATION).mean());
        }
        System.out.printf(Locale.ROOT, "step time over %d steps: wall median %.1f ms (min %.1f), process CPU median"
                + " %.1f ms (min %.1f), main-thread CPU median %.1f ms (min %.1f)%n", times.size(), median(times),
                min(times), median(cpuTimes), min(cpuTimes), median(threadTimes), min(threadTimes));
        if (opTimes != null) {
            System.out.println("time per op type (timed steps; the step's wall time minus 'all ops' is spent between"
                    + " ops and in the optimizer):");
            System.out.print(opTimes.table(steps));
        }
    }

    /** CPU time of the whole process (all threads): robust to other load on the machine, unlike wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<Double> v) {
        double[] sorted = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** A fixed synthetic batch: Gaussian latents, random token texts of 2..L tokens. */
    static Map<Task, TaskBatch> batch(DiTConfig config, int perTask, SplittableRandom rng) {
        int c = config.inChannels();
        int h = config.inputSize();
        Map<Task, TaskBatch> batch = new EnumMap<>(Task.class);
        for (Task task : Task.values()) {
            INDArray x0 = GaussianNoise.sample(rng, perTask, c, h, h);
            INDArray cond = task == Task.SEGMENTATION ? GaussianNoise.sample(rng, perTask, c, h, h) : null;
            int len = config.text().maxLength();
            int[][] ids = new int[perTask][len];
            float[][] mask = new float[perTask][len];
            for (int b = 0; b < perTask; b++) {
                int n = 2 + rng.nextInt(len - 1);
                for (int i = 0; i < n; i++) {
                    ids[b][i] = TextTokens.FIRST_WORD + rng.nextInt(config.text().vocabSize() - TextTokens.FIRST_WORD);
                    mask[b][i] = 1;
                }
            }
            batch.put(task, new TaskBatch(x0, cond, null, Nd4j.createFromArray(ids), Nd4j.createFromArray(mask)));
        }
        return batch;
    }
}
