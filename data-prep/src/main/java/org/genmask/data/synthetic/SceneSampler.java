package org.genmask.data.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws synthetic scenes. Per scene: n objects (uniform in [min, max]). Colours and shapes are assigned
 * independently, each in one of two equally likely ways: all different (as far as there are values), or drawn with
 * repetition from a small pool of 1..n-1 values; sizes are drawn per object. So about half the scenes repeat a
 * colour and half repeat a shape, and referring to an object often needs colour, shape, size and position together.
 * Objects are placed at uniform positions, kept inside the image (margin 0.02) and apart (bounding circles at least
 * 0.03 apart); the background is near-grey (level 60..200, tint up to 8 per channel), plain (40%), speckled (30%) or
 * shaded (30%). A scene in which some object has no valid referring expression ({@link ReferringExpressions}) is
 * drawn again.
 *
 * @param minObjects at least 2
 * @param maxObjects at least minObjects, at most 6
 * @param scale      multiplies the size classes' radii (1: {@link ShapeSize} as listed), in [0.5, 2]
 */
public record SceneSampler(int minObjects, int maxObjects, double scale) {

    private static final double EDGE = 0.02;
    private static final double GAP = 0.03;
    private static final int PLACEMENT_TRIES = 200;
    private static final int SCENE_TRIES = 100_000;

    /** Validates the counts. */
    public SceneSampler {
        if (minObjects < 2 || maxObjects < minObjects || maxObjects > 6) {
            throw new IllegalArgumentException("objects per scene must satisfy 2 <= min <= max <= 6, got min "
                    + minObjects + ", max " + maxObjects);
        }
        if (!(scale >= 0.5 && scale <= 2)) {
            throw new IllegalArgumentException("object scale must be in [0.5, 2], got " + scale);
        }
    }

    /** Standard sizes (scale 1). */
    public SceneSampler(int minObjects, int maxObjects) {
        this(minObjects, maxObjects, 1.0);
    }

    /** A scene from the random stream (reproducible: the same stream state gives the same scene). */
    public Scene sample(SplittableRandom random) {
        for (int i = 0; i < SCENE_TRIES; i++) {
            Scene scene = attempt(random);
            if (scene != null && referable(scene)) {
                return scene;
            }
        }
        throw new IllegalArgumentException("no valid scene in " + SCENE_TRIES + " tries: " + maxObjects
                + " objects at scale " + scale + " do not fit; lower --object-scale or --max-objects");
    }

    private Scene attempt(SplittableRandom random) {
        int n = minObjects + random.nextInt(maxObjects - minObjects + 1);
        ShapeColor[] colors = assign(ShapeColor.values(), n, random);
        ShapeKind[] shapes = assign(ShapeKind.values(), n, random);
        List<SceneObject> objects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ShapeColor color = colors[i];
            ShapeKind shape = shapes[i];
            ShapeSize size = random.nextBoolean() ? ShapeSize.LARGE : ShapeSize.SMALL;
            double radius = scale * (size.min() + random.nextDouble() * (size.max() - size.min()));
            SceneObject placed = place(shape, color, size, radius, objects, random);
            if (placed == null) {
                return null;
            }
            objects.add(placed);
        }
        return new Scene(objects, background(random));
    }

    private static SceneObject place(ShapeKind shape, ShapeColor color, ShapeSize size, double radius,
                                     List<SceneObject> placed, SplittableRandom random) {
        double bound = radius * shape.extent();
        double lo = bound + EDGE;
        double span = 1 - 2 * lo;
        for (int t = 0; t < PLACEMENT_TRIES; t++) {
            double x = lo + random.nextDouble() * span;
            double y = lo + random.nextDouble() * span;
            boolean free = true;
            for (SceneObject o : placed) {
                double need = bound + o.bound() + GAP;
                double dx = x - o.x();
                double dy = y - o.y();
                if (dx * dx + dy * dy < need * need) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return new SceneObject(shape, color, size, x, y, radius);
            }
        }
        return null;
    }

    private static Background background(SplittableRandom random) {
        int level = 60 + random.nextInt(141);
        int r = clamp(level + random.nextInt(17) - 8);
        int g = clamp(level + random.nextInt(17) - 8);
        int b = clamp(level + random.nextInt(17) - 8);
        double kind = random.nextDouble();
        double gradient = kind >= 0.7 ? 10 + random.nextDouble() * 30 : 0;
        int noise = kind >= 0.4 && kind < 0.7 ? 3 + random.nextInt(8) : 0;
        double angle = random.nextDouble() * 2 * Math.PI;
        return new Background(r, g, b, gradient, angle, noise, random.nextLong());
    }

    private static boolean referable(Scene scene) {
        for (SceneObject o : scene.objects()) {
            if (!ReferringExpressions.hasAny(scene, o)) {
                return false;
            }
        }
        return true;
    }

    /** n values: all different (when possible) or, with probability 1/2, repeats from a pool of 1..n-1. */
    private static <T> T[] assign(T[] all, int n, SplittableRandom random) {
        T[] shuffled = Arrays.copyOf(all, all.length);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        boolean distinct = random.nextBoolean();
        int pool = distinct ? Math.min(n, all.length) : 1 + random.nextInt(Math.min(n - 1, all.length));
        T[] out = Arrays.copyOf(all, n);
        for (int i = 0; i < n; i++) {
            out[i] = distinct && i < pool ? shuffled[i] : shuffled[random.nextInt(pool)];
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
