package org.genmask.data.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.RelativePath;
import org.genmask.data.image.PngWriter;
import org.genmask.data.latents.LatentTable;
import org.genmask.data.latents.PartitionTables;
import org.genmask.data.manifest.DatasetImage;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.ManifestWriter;
import org.genmask.data.manifest.Split;
import org.genmask.jobs.config.JobConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.AutoencoderKLConfig;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;

/**
 * Measures {@link PrecomputeLatentsJob}: images (and masks) encoded per second, and Parquet bytes per stored latent
 * against the raw float32 payload, for each dtype and a few codecs. Writes a random dataset (smooth colour images,
 * one rectangle mask and one caption each) and the default VAE architecture with random weights (speed does not
 * depend on the values). The master comes from the command line:
 *
 * <pre>
 * java -Dspark.master=local[1] ... org.genmask.data.jobs.PrecomputeBenchmark --out DIR [--images 256] [--size 32]
 *   [--batch 16] [--partitions 0] [--repeats 3] [--dtypes float32,float16,bfloat16]
 * </pre>
 * Each dtype is encoded {@code repeats} times into fresh partitions (after one warm-up run); the median rate is
 * reported.
 */
public final class PrecomputeBenchmark {

    private PrecomputeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--images", "256", "--size", "32", "--batch", "16",
                "--partitions", "0", "--repeats", "3", "--dtypes", "float32,float16,bfloat16"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        if (!o.containsKey("--out")) {
            throw new IllegalArgumentException("PrecomputeBenchmark: --out DIR is required");
        }
        Path out = Path.of(o.get("--out"));
        int n = Integer.parseInt(o.get("--images"));
        int size = Integer.parseInt(o.get("--size"));
        writeDataset(out.resolve("dataset"), n, size);
        AutoencoderKLConfig vae = VaeTrainer.defaultConfig();
        VaeTrainer.save(AutoencoderKL.create(vae, VaeInitializer.random(vae, 1)), out.resolve("vae"));
        SparkSession spark = SparkSession.builder().appName("genmask-precompute-benchmark").getOrCreate();
        int cores = spark.sparkContext().defaultParallelism();
        List<String> results = new ArrayList<>();
        try {
            // warm-up (JIT, VAE graph build): a float32 run into a scratch output, not reported
            PrecomputeLatentsJob.run(spark, JobConfig.of(PrecomputeConfig.defaults(), Map.of("dataset",
                    out.resolve("dataset").toString(), "output", out.resolve("warmup").toString(), "vae",
                    out.resolve("vae").toString(), "resolution", String.valueOf(size), "batch_size",
                    o.get("--batch"))));
            for (String dtype : o.get("--dtypes").split(",")) {
                List<Double> images = new ArrayList<>();
                List<Double> masks = new ArrayList<>();
                PrecomputeSummary s = null;
                for (int r = 0; r < Integer.parseInt(o.get("--repeats")); r++) {
                    s = PrecomputeLatentsJob.run(spark, JobConfig.of(PrecomputeConfig.defaults(), Map.of("dataset",
                            out.resolve("dataset").toString(), "output", out.resolve("latents-" + r).toString(),
                            "vae", out.resolve("vae").toString(), "resolution", String.valueOf(size), "dtype",
                            dtype, "batch_size", o.get("--batch"), "partitions", o.get("--partitions"))));
                    images.add(s.imagesEncoded() / s.imageSeconds());
                    masks.add(s.masksEncoded() / s.maskSeconds());
                }
                double ips = median(images);
                double mps = median(masks);
                int raw = 4 * s.key().resolution() / vae.downsampleFactor() * s.key().resolution()
                        / vae.downsampleFactor() * vae.latentChannels();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "RESULT dtype=%s images=%d size=%d"
                        + " cores=%d OMP_NUM_THREADS=%s images/s=%.2f (%.2f per core; runs %s) masks/s=%.2f (%.2f per"
                        + " core) raw_float32_bytes=%d", dtype, n, size, cores, System.getenv("OMP_NUM_THREADS"), ips,
                        ips / cores, rounded(images), mps, mps / cores, raw));
                PartitionTables tables = new PartitionTables(spark, s.partition());
                for (String codec : List.of("zstd", "snappy", "none")) {
                    Path copy = out.resolve("codec-" + dtype + "-" + codec);
                    tables.read(LatentTable.IMAGES).coalesce(1).write().mode("overwrite").option("compression", codec)
                            .parquet(copy.toString());
                    line.append(String.format(Locale.ROOT, " %s_bytes_per_latent=%.1f", codec,
                            parquetBytes(copy) / (4.0 * s.counts().images())));
                }
                results.add(line.toString());
            }
        } finally {
            spark.stop();
        }
        results.forEach(System.out::println);
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static String rounded(List<Double> v) {
        return v.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList().toString().replace(" ", "");
    }

    private static long parquetBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).mapToLong(p -> p.toFile()
                    .length()).sum();
        }
    }

    private static void writeDataset(Path root, int n, int size) throws IOException {
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("masks"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplittableRandom rng = new SplittableRandom(i);
            float[] chw = new float[3 * size * size];
            double[] f = {rng.nextDouble(1, 6), rng.nextDouble(1, 6), rng.nextDouble(1, 6)};
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        chw[(c * size + y) * size + x] = (float) (0.9 * Math.sin(f[c] * x / size + c)
                                * Math.cos(f[(c + 1) % 3] * y / size));
                    }
                }
            }
            boolean[] bits = new boolean[size * size];
            int x0 = rng.nextInt(size / 2);
            int y0 = rng.nextInt(size / 2);
            for (int y = y0; y < y0 + size / 3; y++) {
                for (int x = x0; x < x0 + size / 3; x++) {
                    bits[y * size + x] = true;
                }
            }
            Files.write(root.resolve("images/" + i + ".png"), PngWriter.rgb(size, size, chw));
            Files.write(root.resolve("masks/" + i + ".png"), PngWriter.mask(size, size, bits));
            lines.add(ManifestWriter.line(new DatasetImage("i" + i, new RelativePath("images/" + i + ".png"),
                    Split.TRAIN, List.of("a picture number " + i), List.of(new DatasetObject("i" + i + "_0",
                    new RelativePath("masks/" + i + ".png"), List.of("the square"))))));
        }
        Files.writeString(root.resolve("manifest.jsonl"), String.join("\n", lines) + "\n");
    }
}
