package org.genmask.data.coco;

import java.util.Arrays;
import java.util.List;

/**
 * A COCO run-length encoded mask, as pycocotools' {@code RLE}: the pixels of a {@code height} x {@code width} mask
 * read column-major (down the first column, then the second, ...: index x * height + y), cut into runs that alternate
 * background, object, background, ... starting with background. The first count is 0 when pixel (0, 0) is object.
 * Counts may be 0 elsewhere too (pycocotools accepts that); they must add up to height * width.
 *
 * <p>The JSON forms: uncompressed {@code {"size": [h, w], "counts": [c0, c1, ...]}} ({@link #CocoRle}) and
 * compressed {@code {"size": [h, w], "counts": "..."}} ({@link #fromCompressedString}, {@link #toCompressedString}).
 *
 * @param height rows (COCO's size[0]), &gt;= 1
 * @param width  columns (COCO's size[1]), &gt;= 1
 * @param counts the run lengths, each &gt;= 0, summing to height * width
 */
public record CocoRle(int height, int width, int[] counts) {

    /** Validates the size and the counts and copies the counts. */
    public CocoRle {
        BinaryMask.checkSize(width, height);
        if (counts == null) {
            throw new IllegalArgumentException("counts must not be null");
        }
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("count " + i + " is negative (" + counts[i] + ")");
            }
            sum += counts[i];
        }
        if (sum != (long) height * width) {
            throw new IllegalArgumentException("counts add up to " + sum + " pixels, size [" + height + ", " + width
                    + "] has " + (long) height * width);
        }
        counts = counts.clone();
    }

    /** The all-background RLE of a size. */
    public static CocoRle empty(int height, int width) {
        BinaryMask.checkSize(width, height);
        return new CocoRle(height, width, new int[] {height * width});
    }

    /**
     * Reads a compressed counts string (pycocotools {@code rleFrString}; see {@link CompressedCounts}).
     *
     * @throws IllegalArgumentException if the string is malformed or its counts do not fill height * width
     */
    public static CocoRle fromCompressedString(String counts, int height, int width) {
        return new CocoRle(height, width, CompressedCounts.decode(counts));
    }

    /**
     * Encodes a mask as pycocotools {@code rleEncode} does: the column-major scan cut at every change, starting
     * with a (possibly empty) background run, so no count after the first is 0.
     */
    public static CocoRle encode(BinaryMask mask) {
        int h = mask.height();
        int w = mask.width();
        boolean[] p = mask.pixels();
        int[] runs = new int[h * w + 1];
        int k = 0;
        boolean current = false;
        int run = 0;
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                boolean v = p[y * w + x];
                if (v != current) {
                    runs[k++] = run;
                    run = 0;
                    current = v;
                }
                run++;
            }
        }
        runs[k++] = run;
        return new CocoRle(h, w, Arrays.copyOf(runs, k));
    }

    /**
     * The union of RLEs of one size (pycocotools {@code merge(rles, intersect=False)}), canonically encoded.
     *
     * @throws IllegalArgumentException if the list is empty or the sizes differ
     */
    public static CocoRle union(List<CocoRle> rles) {
        if (rles.isEmpty()) {
            throw new IllegalArgumentException("union of no RLEs has no size");
        }
        CocoRle first = rles.get(0);
        if (rles.size() == 1) {
            return first;
        }
        boolean[] colMajor = new boolean[first.height * first.width];
        for (CocoRle r : rles) {
            if (r.height != first.height || r.width != first.width) {
                throw new IllegalArgumentException("cannot merge RLEs of size [" + first.height + ", " + first.width
                        + "] and [" + r.height + ", " + r.width + "]");
            }
            int pos = 0;
            for (int i = 0; i < r.counts.length; i++) {
                int end = pos + r.counts[i];
                if ((i & 1) == 1) {
                    Arrays.fill(colMajor, pos, end, true);
                }
                pos = end;
            }
        }
        return encode(fromColumnMajor(first.height, first.width, colMajor));
    }

    /** A copy of the counts. */
    @Override
    public int[] counts() {
        return counts.clone();
    }

    /** The compressed counts string (pycocotools {@code rleToString}). */
    public String toCompressedString() {
        return CompressedCounts.encode(counts);
    }

    /** The number of object pixels: the sum of the odd-indexed counts (pycocotools {@code area}). */
    public int area() {
        long a = 0;
        for (int i = 1; i < counts.length; i += 2) {
            a += counts[i];
        }
        return (int) a;
    }

    /** The decoded mask, row-major (pycocotools {@code decode}, transposed from its column-major buffer). */
    public BinaryMask decode() {
        boolean[] p = new boolean[height * width];
        int pos = 0;
        for (int i = 0; i < counts.length; i++) {
            int c = counts[i];
            if ((i & 1) == 1) {
                for (int j = pos; j < pos + c; j++) {
                    p[(j % height) * width + j / height] = true;
                }
            }
            pos += c;
        }
        return new BinaryMask(width, height, p);
    }

    private static BinaryMask fromColumnMajor(int h, int w, boolean[] colMajor) {
        boolean[] p = new boolean[h * w];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                p[y * w + x] = colMajor[x * h + y];
            }
        }
        return new BinaryMask(w, h, p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CocoRle r && r.height == height && r.width == width && Arrays.equals(r.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CocoRle[size=[" + height + ", " + width + "], runs=" + counts.length + ", area=" + area() + "]";
    }
}
