package org.genmask.jobs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One named line of a chart: (x, y) points in the order added; points with a non-finite y are dropped, so a
 * missing value (a bucket without samples in a round) leaves a gap in the data rather than a NaN.
 */
public final class Series {
    private final String name;
    private final List<double[]> points = new ArrayList<>();

    public Series(String name) {
        this.name = name;
    }

    /** Adds (x, y) unless y is NaN or infinite; returns this. */
    public Series add(double x, double y) {
        if (Double.isFinite(x) && Double.isFinite(y)) {
            points.add(new double[] {x, y});
        }
        return this;
    }

    public String name() {
        return name;
    }

    public int size() {
        return points.size();
    }

    public double[] xs() {
        return points.stream().mapToDouble(p -> p[0]).toArray();
    }

    public double[] ys() {
        return points.stream().mapToDouble(p -> p[1]).toArray();
    }
}
