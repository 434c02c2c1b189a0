package org.genmask.data.synthetic;

import java.util.Locale;

/**
 * The shapes of synthetic scenes. Geometry is in unit image coordinates (x right, y down) relative to the shape's
 * centre, for a shape of size {@code r}: circle of radius r; square of half side 0.78 r; upward equilateral
 * triangle inscribed in the circle of radius r; diamond of half width 0.75 r and half height r; five-pointed star
 * with outer radius r and inner radius 0.45 r, one point up. {@link #extent()} bounds each shape by a circle of
 * radius {@code extent * r}.
 */
public enum ShapeKind {
    CIRCLE, SQUARE, TRIANGLE, DIAMOND, STAR;

    private static final double SQUARE_HALF = 0.78;
    private static final double DIAMOND_HALF_WIDTH = 0.75;
    private static final double STAR_INNER = 0.45;
    private static final double SQRT3 = Math.sqrt(3);
    private static final double[] STAR_X = new double[10];
    private static final double[] STAR_Y = new double[10];

    static {
        for (int i = 0; i < 10; i++) {
            double angle = -Math.PI / 2 + i * Math.PI / 5;
            double radius = i % 2 == 0 ? 1.0 : STAR_INNER;
            STAR_X[i] = radius * Math.cos(angle);
            STAR_Y[i] = radius * Math.sin(angle);
        }
    }

    /** The singular noun: {@code circle}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plural noun: {@code circles}. */
    public String plural() {
        return word() + "s";
    }

    /** The radius, in units of r, of a circle about the centre that holds the whole shape. */
    public double extent() {
        return this == SQUARE ? SQUARE_HALF * Math.sqrt(2) : 1.0;
    }

    /**
     * Whether the point at offset (dx, dy) from the centre lies inside the shape of size r.
     */
    public boolean contains(double dx, double dy, double r) {
        double x = dx / r;
        double y = dy / r;
        switch (this) {
            case CIRCLE:
                return x * x + y * y <= 1.0;
            case SQUARE:
                return Math.abs(x) <= SQUARE_HALF && Math.abs(y) <= SQUARE_HALF;
            case TRIANGLE:
                return y <= 0.5 && y >= -1.0 + SQRT3 * Math.abs(x);
            case DIAMOND:
                return Math.abs(x) / DIAMOND_HALF_WIDTH + Math.abs(y) <= 1.0;
            case STAR:
                return insideStar(x, y);
            default:
                throw new IllegalStateException("unknown shape " + this);
        }
    }

    private static boolean insideStar(double x, double y) {
        if (x * x + y * y > 1.0) {
            return false;
        }
        boolean inside = false;
        for (int i = 0, j = 9; i < 10; j = i++) {
            if ((STAR_Y[i] > y) != (STAR_Y[j] > y)
                    && x < (STAR_X[j] - STAR_X[i]) * (y - STAR_Y[i]) / (STAR_Y[j] - STAR_Y[i]) + STAR_X[i]) {
                inside = !inside;
            }
        }
        return inside;
    }
}
