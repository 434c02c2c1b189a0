package org.genmask.data.coco;

import java.util.Arrays;

/**
 * Polygon to RLE exactly as pycocotools {@code rleFrPoly} (and boxes as {@code rleFrBbox}), so masks match the
 * COCO API pixel for pixel, quirks included.
 *
 * <p>The steps, in pycocotools' own arithmetic (C truncating casts, which Java's {@code (int)} casts reproduce):
 * <ol>
 *   <li>Scale the k vertices by 5 and round each coordinate as {@code (int)(5 c + 0.5)}; close the ring.</li>
 *   <li>Walk every edge along its major axis one upsampled unit at a time (always from its lower end, then put in
 *       edge order), rounding the minor coordinate as {@code (int)(start + slope t + 0.5)}.</li>
 *   <li>Wherever the walk steps from upsampled column u0 to u1, take xd = u1 when stepping left, u1 - 1 when
 *       stepping right; map it back by (xd + 0.5) / 5 - 0.5 and keep it only when that is a whole column in
 *       [0, width - 1]. The crossing row is ceil((min(v0, v1) + 0.5) / 5 - 0.5), clamped to [0, height].</li>
 *   <li>Each crossing (x, y) toggles the column-major scan at x * height + y; sorting the toggles, appending
 *       height * width and differencing gives the runs, where two toggles at one place cancel.</li>
 * </ol>
 * Approximately, pixel (x, y) is object when its centre (x + 0.5, y + 0.5) lies inside the polygon whose vertices were
 * snapped to the 1/5 grid rounding half up; so a box with whole corners [x0, x1) x [y0, y1) covers exactly
 * (x1 - x0)(y1 - y0) pixels, and centres that lie exactly on an edge follow the snapping: the box through the
 * centres 0.5..3.5 x 0.5..2.5 covers columns 1..3 and rows 1..2 (6 pixels), as pycocotools gives.
 */
final class PolygonRasterizer {

    static final double SCALE = 5;

    private PolygonRasterizer() {
    }

    /**
     * Rasterizes one polygon {@code [x1, y1, x2, y2, ...]}; with an odd length the last number is ignored, as
     * pycocotools does (k = length / 2). Fewer than 3 vertices give an empty or line-thin mask, as there.
     */
    static CocoRle polygon(double[] xy, int height, int width) {
        BinaryMask.checkSize(width, height);
        int k = xy.length / 2;
        if (k == 0) {
            return CocoRle.empty(height, width);
        }
        int[] x = new int[k + 1];
        int[] y = new int[k + 1];
        for (int j = 0; j < k; j++) {
            x[j] = (int) (SCALE * xy[2 * j] + .5);
            y[j] = (int) (SCALE * xy[2 * j + 1] + .5);
        }
        x[k] = x[0];
        y[k] = y[0];
        long points = 0;
        for (int j = 0; j < k; j++) {
            points += Math.max(Math.abs(x[j] - x[j + 1]), Math.abs(y[j] - y[j + 1])) + 1L;
        }
        if (points > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("polygon boundary is too long to rasterize (" + points + " points)");
        }
        int[] u = new int[(int) points];
        int[] v = new int[(int) points];
        int m = walkEdges(x, y, k, u, v);
        return runsFromCrossings(u, v, m, height, width);
    }

    /** A box [x, y, w, h] as pycocotools {@code frBbox}: the polygon of its four corners. */
    static CocoRle box(double bx, double by, double bw, double bh, int height, int width) {
        double xe = bx + bw;
        double ye = by + bh;
        return polygon(new double[] {bx, by, bx, ye, xe, ye, xe, by}, height, width);
    }

    /** Step 2: the dense boundary points (u, v) in upsampled units; returns their number. */
    private static int walkEdges(int[] x, int[] y, int k, int[] u, int[] v) {
        int m = 0;
        for (int j = 0; j < k; j++) {
            int xs = x[j];
            int xe = x[j + 1];
            int ys = y[j];
            int ye = y[j + 1];
            int dx = Math.abs(xe - xs);
            int dy = Math.abs(ys - ye);
            boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
            if (flip) {
                int t = xs;
                xs = xe;
                xe = t;
                t = ys;
                ys = ye;
                ye = t;
            }
            if (dx >= dy) {
                // dx == 0 here means a repeated vertex: pycocotools computes 0/0 but never reads that point's v
                double s = dx == 0 ? 0 : (double) (ye - ys) / dx;
                for (int d = 0; d <= dx; d++) {
                    int t = flip ? dx - d : d;
                    u[m] = t + xs;
                    v[m] = (int) (ys + s * t + .5);
                    m++;
                }
            } else {
                double s = (double) (xe - xs) / dy;
                for (int d = 0; d <= dy; d++) {
                    int t = flip ? dy - d : d;
                    v[m] = t + ys;
                    u[m] = (int) (xs + s * t + .5);
                    m++;
                }
            }
        }
        return m;
    }

    /** Steps 3 and 4: column crossings, downsampled, to run lengths. */
    private static CocoRle runsFromCrossings(int[] u, int[] v, int m, int height, int width) {
        int[] a = new int[m + 1];
        int n = 0;
        for (int j = 1; j < m; j++) {
            if (u[j] == u[j - 1]) {
                continue;
            }
            double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
            xd = (xd + .5) / SCALE - .5;
            if (Math.floor(xd) != xd || xd < 0 || xd > width - 1) {
                continue;
            }
            double yd = Math.min(v[j], v[j - 1]);
            yd = (yd + .5) / SCALE - .5;
            if (yd < 0) {
                yd = 0;
            } else if (yd > height) {
                yd = height;
            }
            yd = Math.ceil(yd);
            a[n++] = (int) xd * height + (int) yd;
        }
        a[n++] = height * width;
        Arrays.sort(a, 0, n);
        int previous = 0;
        for (int j = 0; j < n; j++) {
            int t = a[j];
            a[j] -= previous;
            previous = t;
        }
        int[] b = new int[n];
        int runs = 0;
        int j = 0;
        b[runs++] = a[j++];
        while (j < n) {
            if (a[j] > 0) {
                b[runs++] = a[j++];
            } else {
                // two toggles at one place cancel: the next run continues the previous one
                j++;
                if (j < n) {
                    b[runs - 1] += a[j++];
                }
            }
        }
        return new CocoRle(height, width, Arrays.copyOf(b, runs));
    }
}
