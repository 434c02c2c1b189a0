package org.genmask.data.image;

/**
 * The project's resize/crop policy to an {@code R x R} square ({@link SquareCrop}: shorter side to R, centre
 * crop). Images are resampled <b>bilinearly</b> with antialiasing (a triangle filter whose support widens by the
 * reduction factor when shrinking, as Pillow's {@code BILINEAR} resize; pixel centres aligned, i.e. source
 * coordinate = (i + 0.5) * source/scaled - 0.5, edges clamped); at scale 1 this is the identity. Masks are
 * resampled by <b>nearest neighbour</b> (source pixel {@code floor((i + 0.5) * source/scaled)},
 * {@link SquareCrop#sourceColumn}), so they stay binary. Both use the same {@link SquareCrop}, so a mask keeps its
 * image's geometry.
 *
 * @param resolution R, &gt; 0
 */
public record SquareResize(int resolution) {

    /** Validates R. */
    public SquareResize {
        if (resolution <= 0) {
            throw new IllegalArgumentException("resolution must be > 0, got " + resolution);
        }
    }

    /** The crop geometry for a source of this size. */
    public SquareCrop crop(int width, int height) {
        return new SquareCrop(width, height, resolution);
    }

    /** The image resized and cropped, scaled from [0, 1] to [-1, 1]. */
    public SquareImage image(DecodedImage image) {
        SquareCrop crop = crop(image.width(), image.height());
        int w = image.width();
        int h = image.height();
        int r = resolution;
        Taps cols = taps(w, crop.scaledWidth(), crop.offsetX(), r);
        Taps rows = taps(h, crop.scaledHeight(), crop.offsetY(), r);
        float[] src = image.planesView();
        float[] horizontal = new float[h * r];
        float[] out = new float[3 * r * r];
        for (int c = 0; c < 3; c++) {
            int plane = c * w * h;
            for (int y = 0; y < h; y++) {
                int rowBase = plane + y * w;
                for (int x = 0; x < r; x++) {
                    horizontal[y * r + x] = cols.apply(x, src, rowBase, 1);
                }
            }
            for (int y = 0; y < r; y++) {
                for (int x = 0; x < r; x++) {
                    float v = rows.apply(y, horizontal, x, r);
                    out[(c * r + y) * r + x] = Math.max(-1f, Math.min(1f, 2f * v - 1f));
                }
            }
        }
        return new SquareImage(r, out, false);
    }

    /** The mask resized (nearest neighbour) and cropped. */
    public SquareMask mask(DecodedMask mask) {
        SquareCrop crop = crop(mask.width(), mask.height());
        int r = resolution;
        int[] xs = new int[r];
        int[] ys = new int[r];
        for (int i = 0; i < r; i++) {
            xs[i] = crop.sourceColumn(i);
            ys[i] = crop.sourceRow(i);
        }
        boolean[] out = new boolean[r * r];
        for (int y = 0; y < r; y++) {
            for (int x = 0; x < r; x++) {
                out[y * r + x] = mask.get(ys[y], xs[x]);
            }
        }
        return SquareMask.wrap(r, out);
    }

    private static Taps taps(int source, int scaled, int offset, int r) {
        double f = (double) source / scaled;
        double support = Math.max(1.0, f);
        double inv = 1.0 / Math.max(1.0, f);
        int[] first = new int[r];
        float[][] weights = new float[r][];
        for (int i = 0; i < r; i++) {
            double center = (i + offset + 0.5) * f;
            int lo = Math.max(0, (int) Math.floor(center - support + 0.5));
            int hi = Math.min(source, (int) Math.floor(center + support + 0.5));
            double[] w = new double[Math.max(1, hi - lo)];
            double sum = 0;
            for (int k = 0; k < hi - lo; k++) {
                double t = Math.abs((lo + k + 0.5 - center) * inv);
                w[k] = Math.max(0.0, 1.0 - t);
                sum += w[k];
            }
            float[] fw = new float[w.length];
            if (sum <= 0) {
                lo = Math.min(source - 1, Math.max(0, (int) Math.floor(center)));
                fw[0] = 1f;
            } else {
                for (int k = 0; k < fw.length; k++) {
                    fw[k] = (float) (w[k] / sum);
                }
            }
            first[i] = lo;
            weights[i] = fw;
        }
        return new Taps(first, weights);
    }

    /** Per-output-index source start and normalised filter weights along one axis. */
    private record Taps(int[] first, float[][] weights) {
        float apply(int i, float[] src, int base, int stride) {
            float[] w = weights[i];
            int at = base + first[i] * stride;
            float v = 0f;
            for (int k = 0; k < w.length; k++) {
                v += w[k] * src[at + k * stride];
            }
            return v;
        }
    }
}
