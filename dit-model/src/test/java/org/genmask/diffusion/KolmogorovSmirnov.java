package org.genmask.diffusion;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Test helper: the one-sample Kolmogorov–Smirnov statistic sup_x |F_n(x) - F(x)|, atoms in F allowed. */
final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {
    }

    /**
     * Compares the empirical CDF of {@code draws} with {@code cdf} at every distinct draw x, both just after x
     * (F_n(x) vs F(x)) and just before it (F_n(x-) vs F(x-), F(x-) taken as F at the next double below x),
     * so ties from an atom, such as the clipped mass at s = 0, are scored correctly.
     */
    static double statistic(double[] draws, DoubleUnaryOperator cdf) {
        double[] x = draws.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0.0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[j + 1] == x[i]) {
                j++;
            }
            double before = (double) i / n;
            double after = (double) (j + 1) / n;
            d = Math.max(d, Math.abs(after - cdf.applyAsDouble(x[i])));
            d = Math.max(d, Math.abs(before - cdf.applyAsDouble(Math.nextDown(x[i]))));
            i = j + 1;
        }
        return d;
    }
}
