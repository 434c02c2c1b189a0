package org.genmask.vae;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synthetic training scenes for the default VAE: a random background colour with 1-3 coloured shapes (rectangles,
 * ellipses, triangles) drawn in order, and the binary mask of the visible part of one of them, rendered as an RGB
 * image (white +1 object on black -1, the same in all channels). Values in [-1, 1]; deterministic per seed.
 */
public final class SyntheticShapes {
    /** A batch of scenes: images and masks, each {@code [N, 3, size, size]}. */
    public record Batch(INDArray images, INDArray masks) {
    }

    private final int size;
    private final SplittableRandom rng;

    public SyntheticShapes(int size, long seed) {
        if (size < 4) {
            throw new IllegalArgumentException("SyntheticShapes: size must be at least 4, got " + size);
        }
        this.size = size;
        this.rng = new SplittableRandom(seed);
    }

    public int size() {
        return size;
    }

    /** The next {@code n} scenes. */
    public synchronized Batch next(int n) {
        int plane = size * size;
        float[] images = new float[n * 3 * plane];
        float[] masks = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            scene(images, masks, i * 3 * plane);
        }
        long[] shape = {n, 3, size, size};
        return new Batch(Nd4j.create(images, shape, 'c'), Nd4j.create(masks, shape, 'c'));
    }

    private void scene(float[] image, float[] mask, int offset) {
        int plane = size * size;
        int shapes = 1 + rng.nextInt(3);
        int target = rng.nextInt(shapes);
        int[] owner = new int[plane]; // index of the topmost shape at each pixel, -1 for background
        java.util.Arrays.fill(owner, -1);
        float[][] colours = new float[shapes][];
        for (int s = 0; s < shapes; s++) {
            colours[s] = colour();
            drawShape(owner, s, s == target);
        }
        float[] background = colour();
        for (int p = 0; p < plane; p++) {
            float[] c = owner[p] < 0 ? background : colours[owner[p]];
            float m = owner[p] == target ? 1f : -1f;
            for (int ch = 0; ch < 3; ch++) {
                image[offset + ch * plane + p] = c[ch];
                mask[offset + ch * plane + p] = m;
            }
        }
    }

    /** Marks the pixels of one random shape as owned by {@code id}; the target shape is kept at least 3 px wide. */
    private void drawShape(int[] owner, int id, boolean isTarget) {
        int kind = rng.nextInt(3);
        double min = isTarget ? Math.max(3, size / 6.0) : 2;
        double w = min + rng.nextDouble() * (size * 0.6 - min);
        double h = min + rng.nextDouble() * (size * 0.6 - min);
        double cx = rng.nextDouble() * size;
        double cy = rng.nextDouble() * size;
        double[] tri = {cx + rng.nextDouble(-w, w), cy + rng.nextDouble(-h, h), cx + rng.nextDouble(-w, w),
            cy + rng.nextDouble(-h, h), cx + rng.nextDouble(-w, w), cy + rng.nextDouble(-h, h)};
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                boolean inside = switch (kind) {
                    case 0 -> Math.abs(px - cx) <= w / 2 && Math.abs(py - cy) <= h / 2;
                    case 1 -> sq((px - cx) / (w / 2)) + sq((py - cy) / (h / 2)) <= 1;
                    default -> inTriangle(px, py, tri);
                };
                if (inside) {
                    owner[y * size + x] = id;
                }
            }
        }
    }

    private float[] colour() {
        return new float[] {(float) rng.nextDouble(-1, 1), (float) rng.nextDouble(-1, 1), (float) rng.nextDouble(-1, 1)};
    }

    private static double sq(double v) {
        return v * v;
    }

    private static boolean inTriangle(double px, double py, double[] t) {
        double d1 = (px - t[2]) * (t[1] - t[3]) - (t[0] - t[2]) * (py - t[3]);
        double d2 = (px - t[4]) * (t[3] - t[5]) - (t[2] - t[4]) * (py - t[5]);
        double d3 = (px - t[0]) * (t[5] - t[1]) - (t[4] - t[0]) * (py - t[1]);
        boolean neg = d1 < 0 || d2 < 0 || d3 < 0;
        boolean pos = d1 > 0 || d2 > 0 || d3 > 0;
        return !(neg && pos);
    }
}
