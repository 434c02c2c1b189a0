package org.genmask.data.synthetic;

import java.util.Locale;

/**
 * The two size classes; the size r of a shape (see {@link ShapeKind}) is drawn uniformly from the class's range in
 * unit image coordinates. Every large shape is at least 1.36 times every small one.
 */
public enum ShapeSize {
    SMALL(0.08, 0.11),
    LARGE(0.15, 0.19);

    private final double min;
    private final double max;

    ShapeSize(double min, double max) {
        this.min = min;
        this.max = max;
    }

    /** The word: {@code small}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The smallest r of the class. */
    public double min() {
        return min;
    }

    /** The largest r of the class. */
    public double max() {
        return max;
    }
}
