package org.genmask.data.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genmask.data.RelativePath;
import org.genmask.data.image.PngWriter;
import org.genmask.data.manifest.DatasetImage;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.ManifestWriter;
import org.genmask.data.manifest.Split;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.AutoencoderKLConfig;
import org.genmask.vae.VaeInitializer;
import org.genmask.vae.VaeTrainer;

/** Hand-made datasets in the documented layout and a tiny random VAE, for the precomputation tests. */
public final class TinyDatasets {

    private TinyDatasets() {
    }

    /** A tiny AutoencoderKL (8/16 channels, /2, 4 latent channels, scaling 0.5, shift 0.25). */
    public static AutoencoderKLConfig vaeConfig() {
        return new AutoencoderKLConfig(3, 3, List.of(AutoencoderKLConfig.DOWN_BLOCK, AutoencoderKLConfig.DOWN_BLOCK),
                List.of(AutoencoderKLConfig.UP_BLOCK, AutoencoderKLConfig.UP_BLOCK), List.of(8, 16), 1, "silu", 4, 4,
                16, 0.5, 0.25, true, true);
    }

    /** Writes the tiny VAE with random weights to {@code dir} and returns the loaded model. */
    public static AutoencoderKL writeVae(Path dir, long seed) throws IOException {
        AutoencoderKLConfig c = vaeConfig();
        AutoencoderKL model = AutoencoderKL.create(c, VaeInitializer.random(c, seed));
        VaeTrainer.save(model, dir);
        return AutoencoderKL.load(dir);
    }

    /** A smooth random RGB image as PNG bytes. */
    public static byte[] image(int width, int height, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        float[] chw = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = Math.sin(a[c] * 6 * x / width + c) * Math.cos(a[(c + 1) % 3] * 5 * y / height);
                    chw[(c * height + y) * width + x] = (float) (0.9 * v);
                }
            }
        }
        return PngWriter.rgb(width, height, chw);
    }

    /** A rectangle mask as PNG bytes (empty when the rectangle is). */
    public static byte[] mask(int width, int height, int x0, int y0, int x1, int y1) {
        boolean[] bits = new boolean[width * height];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                bits[y * width + x] = true;
            }
        }
        return PngWriter.mask(width, height, bits);
    }

    /** Writes files (path -> bytes) and a manifest of these lines under {@code root}. */
    public static void write(Path root, Map<String, byte[]> files, List<String> manifestLines) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        Files.createDirectories(root);
        Files.writeString(root.resolve("manifest.jsonl"), String.join("\n", manifestLines) + "\n",
                StandardCharsets.UTF_8);
    }

    public static DatasetObject object(String id, String mask, String... expressions) {
        return new DatasetObject(id, new RelativePath(mask), List.of(expressions));
    }

    public static String line(String id, Split split, List<String> captions, DatasetObject... objects) {
        return ManifestWriter.line(new DatasetImage(id, new RelativePath("images/" + id + ".png"), split, captions,
                List.of(objects)));
    }

    /**
     * A clean dataset of five images (32x32 and 40x32, so the centre crop matters), seven objects and twelve texts,
     * in train, val and test.
     */
    public static void clean(Path root) throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        List<String> lines = new ArrayList<>();
        String[] ids = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < ids.length; i++) {
            int w = i % 2 == 0 ? 32 : 40;
            files.put("images/" + ids[i] + ".png", image(w, 32, i));
        }
        files.put("masks/a_0.png", mask(32, 32, 2, 4, 12, 20));
        files.put("masks/a_1.png", mask(32, 32, 20, 10, 30, 30));
        files.put("masks/b_0.png", mask(40, 32, 10, 0, 30, 16));
        files.put("masks/c_0.png", mask(32, 32, 0, 0, 32, 8));
        files.put("masks/d_0.png", mask(40, 32, 5, 5, 20, 20));
        files.put("masks/d_1.png", mask(40, 32, 22, 5, 36, 30));
        files.put("masks/e_0.png", mask(32, 32, 8, 8, 24, 24));
        lines.add(line("a", Split.TRAIN, List.of("a red square on the left of a circle"),
                object("a_0", "masks/a_0.png", "the left square", "the red one"),
                object("a_1", "masks/a_1.png", "the circle on the right")));
        lines.add(line("b", Split.TRAIN, List.of("a wide blue bar"), object("b_0", "masks/b_0.png", "the bar")));
        lines.add(line("c", Split.VAL, List.of(), object("c_0", "masks/c_0.png", "the top strip")));
        lines.add(line("d", Split.TRAIN, List.of("two squares, leftmost is small"),
                object("d_0", "masks/d_0.png", "the leftmost square"),
                object("d_1", "masks/d_1.png", "the rightmost square")));
        lines.add(line("e", Split.TEST, List.of("a centred square"), object("e_0", "masks/e_0.png", "the square")));
        write(root, files, lines);
    }
}
