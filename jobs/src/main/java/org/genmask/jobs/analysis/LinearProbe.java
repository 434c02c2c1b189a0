package org.genmask.jobs.analysis;

/**
 * A logistic-regression probe of foreground vs background on per-pixel feature vectors, fitted by plain full-batch
 * gradient descent from zero weights. Features are standardised with the training set's per-feature mean and
 * standard deviation; the loss is class-balanced binary cross-entropy (each class weighs one half), so the probe
 * does not win by predicting the majority class and {@link #balancedAccuracy} is its natural score (0.5 = chance).
 */
public final class LinearProbe {
    private final double[] mean;
    private final double[] scale;
    private final double[] w;
    private double b;

    private LinearProbe(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
        this.w = new double[mean.length];
    }

    /**
     * @param x     [M][D] features
     * @param y     [M] labels, both classes present
     * @param steps gradient steps (a few hundred suffice on standardised features)
     * @param lr    step size (0.5 is a good default here)
     */
    public static LinearProbe fit(double[][] x, boolean[] y, int steps, double lr) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("probe needs as many labels as vectors (> 0), got " + x.length
                    + " vectors and " + y.length + " labels");
        }
        int d = x[0].length;
        long pos = 0;
        for (boolean v : y) {
            pos += v ? 1 : 0;
        }
        if (pos == 0 || pos == y.length) {
            throw new IllegalArgumentException("probe training set has only " + (pos == 0 ? "background" : "foreground")
                    + " pixels");
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] v : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[j] / x.length;
            }
        }
        for (double[] v : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (v[j] - mean[j]) * (v[j] - mean[j]) / x.length;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1;
        }
        LinearProbe p = new LinearProbe(mean, scale);
        double wPos = 0.5 / pos;
        double wNeg = 0.5 / (y.length - pos);
        double[][] z = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            z[k] = p.standardise(x[k]);
        }
        for (int step = 0; step < steps; step++) {
            double[] gw = new double[d];
            double gb = 0;
            for (int k = 0; k < z.length; k++) {
                double err = (sigmoid(p.logit(z[k])) - (y[k] ? 1 : 0)) * (y[k] ? wPos : wNeg);
                for (int j = 0; j < d; j++) {
                    gw[j] += err * z[k][j];
                }
                gb += err;
            }
            for (int j = 0; j < d; j++) {
                p.w[j] -= lr * gw[j];
            }
            p.b -= lr * gb;
        }
        return p;
    }

    private double[] standardise(double[] v) {
        double[] z = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            z[j] = (v[j] - mean[j]) / scale[j];
        }
        return z;
    }

    private double logit(double[] z) {
        double s = b;
        for (int j = 0; j < z.length; j++) {
            s += w[j] * z[j];
        }
        return s;
    }

    private static double sigmoid(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    /** Foreground iff the probability exceeds 1/2. */
    public boolean predict(double[] v) {
        return logit(standardise(v)) > 0;
    }

    /** Share of correct predictions. */
    public double accuracy(double[][] x, boolean[] y) {
        long ok = 0;
        for (int k = 0; k < x.length; k++) {
            ok += predict(x[k]) == y[k] ? 1 : 0;
        }
        return (double) ok / x.length;
    }

    /** Mean of the foreground and background recalls (a class that is absent counts as recall 1). */
    public double balancedAccuracy(double[][] x, boolean[] y) {
        long tp = 0;
        long pos = 0;
        long tn = 0;
        long neg = 0;
        for (int k = 0; k < x.length; k++) {
            boolean p = predict(x[k]);
            pos += y[k] ? 1 : 0;
            neg += y[k] ? 0 : 1;
            tp += y[k] && p ? 1 : 0;
            tn += !y[k] && !p ? 1 : 0;
        }
        return 0.5 * ((pos == 0 ? 1 : (double) tp / pos) + (neg == 0 ? 1 : (double) tn / neg));
    }
}
