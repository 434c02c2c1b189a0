package org.genmask.data.coco;

import java.util.Arrays;

/**
 * An immutable binary mask of {@code height} rows by {@code width} columns, stored row-major:
 * pixel (x, y) is {@code pixels[y * width + x]}.
 *
 * <p>COCO stores masks column-major (see {@link CocoRle}); this record is the row-major view that images and PNG
 * files use. The array is copied on the way in and on the way out, so a mask never changes.
 *
 * @param width  columns, &gt;= 1
 * @param height rows, &gt;= 1
 * @param pixels width * height values, row-major; true = object
 */
public record BinaryMask(int width, int height, boolean[] pixels) {

    /** Validates the size and copies the pixels. */
    public BinaryMask {
        checkSize(width, height);
        if (pixels == null) {
            throw new IllegalArgumentException("mask pixels must not be null");
        }
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("mask of " + width + "x" + height + " needs " + width * height
                    + " pixels, got " + pixels.length);
        }
        pixels = pixels.clone();
    }

    /** An all-false mask. */
    public static BinaryMask empty(int width, int height) {
        checkSize(width, height);
        return new BinaryMask(width, height, new boolean[width * height]);
    }

    /**
     * Parses rows of '#' (object) and '.' (background), all of one length, e.g. {@code of(".#", "##")}.
     * Meant for tests and examples.
     */
    public static BinaryMask of(String... rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("mask needs at least one row");
        }
        int w = rows[0].length();
        boolean[] p = new boolean[rows.length * w];
        for (int y = 0; y < rows.length; y++) {
            if (rows[y].length() != w) {
                throw new IllegalArgumentException("row " + y + " has " + rows[y].length() + " columns, row 0 has " + w);
            }
            for (int x = 0; x < w; x++) {
                char c = rows[y].charAt(x);
                if (c != '#' && c != '.') {
                    throw new IllegalArgumentException("row " + y + " column " + x + ": expected '#' or '.', got '" + c + "'");
                }
                p[y * w + x] = c == '#';
            }
        }
        return new BinaryMask(w, rows.length, p);
    }

    /** A copy of the row-major pixels. */
    @Override
    public boolean[] pixels() {
        return pixels.clone();
    }

    /** Pixel (x, y): column x, row y. */
    public boolean get(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width + "x" + height);
        }
        return pixels[y * width + x];
    }

    /** The number of object pixels. */
    public int area() {
        int a = 0;
        for (boolean b : pixels) {
            if (b) {
                a++;
            }
        }
        return a;
    }

    /** The pixel-wise OR with a mask of the same size. */
    public BinaryMask or(BinaryMask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("cannot merge a " + other.width + "x" + other.height + " mask into a "
                    + width + "x" + height + " mask");
        }
        boolean[] p = pixels.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] |= other.pixels[i];
        }
        return new BinaryMask(width, height, p);
    }

    /** The rows as '#' and '.' strings joined by newlines (the inverse of {@link #of}). */
    public String toRows() {
        StringBuilder sb = new StringBuilder(height * (width + 1));
        for (int y = 0; y < height; y++) {
            if (y > 0) {
                sb.append('\n');
            }
            for (int x = 0; x < width; x++) {
                sb.append(pixels[y * width + x] ? '#' : '.');
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMask m && m.width == width && m.height == height && Arrays.equals(m.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "BinaryMask[" + width + "x" + height + ", area=" + area() + "]";
    }

    static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("mask size must be at least 1x1, got " + width + "x" + height);
        }
        if ((long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("mask of " + width + "x" + height + " is too large for one array");
        }
    }
}
