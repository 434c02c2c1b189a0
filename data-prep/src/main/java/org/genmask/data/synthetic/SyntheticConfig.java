package org.genmask.data.synthetic;

/**
 * What {@link SyntheticDatasetGenerator} writes.
 *
 * @param out        the output dataset root (a local directory for {@link GenerateSyntheticDataset})
 * @param images     number of images, &gt;= 1
 * @param size       image side in pixels, 16..4096
 * @param seed       the dataset seed: equal configs give byte-identical files
 * @param val        fraction of images in the val split, [0, 1)
 * @param test       fraction of images in the test split, [0, 1), val + test &lt; 1
 * @param minObjects objects per image, at least 2
 * @param maxObjects objects per image, at most 6
 * @param threads    worker threads, &gt;= 1 (does not change the output)
 * @param objectScale multiplies every shape's size (both size classes), in [0.5, 2]; 1 is the standard benchmark,
 *                    larger values make easier scenes with more of the image covered
 */
public record SyntheticConfig(String out, int images, int size, long seed, double val, double test, int minObjects,
                              int maxObjects, int threads, double objectScale) {

    /** The standard object sizes (scale 1). */
    public SyntheticConfig(String out, int images, int size, long seed, double val, double test, int minObjects,
                           int maxObjects, int threads) {
        this(out, images, size, seed, val, test, minObjects, maxObjects, threads, 1.0);
    }

    /** Validates the fields; messages name the command-line key. */
    public SyntheticConfig {
        if (out == null || out.isBlank()) {
            throw new IllegalArgumentException("--out: missing (the output directory)");
        }
        if (images < 1) {
            throw new IllegalArgumentException("--images: must be >= 1, got " + images);
        }
        if (size < 16 || size > 4096) {
            throw new IllegalArgumentException("--size: must be in 16..4096, got " + size);
        }
        if (!(val >= 0 && val < 1) || !(test >= 0 && test < 1) || !(val + test < 1)) {
            throw new IllegalArgumentException("--val and --test: must be in [0, 1) with val + test < 1, got val "
                    + val + ", test " + test);
        }
        if (minObjects < 2 || maxObjects < minObjects || maxObjects > 6) {
            throw new IllegalArgumentException("--min-objects/--max-objects: need 2 <= min <= max <= 6, got "
                    + minObjects + ", " + maxObjects);
        }
        if (!(objectScale >= 0.5 && objectScale <= 2)) {
            throw new IllegalArgumentException("--object-scale: must be in [0.5, 2], got " + objectScale);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads: must be >= 1, got " + threads);
        }
    }

    /** The defaults: 1000 images of 64 x 64, seed 0, val 0.1, test 0.1, 2..4 objects of scale 1, a thread per core. */
    public static SyntheticConfig defaults(String out) {
        return new SyntheticConfig(out, 1000, 64, 0L, 0.1, 0.1, 2, 4, Runtime.getRuntime().availableProcessors());
    }
}
