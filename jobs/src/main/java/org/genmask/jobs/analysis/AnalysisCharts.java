package org.genmask.jobs.analysis;

import java.io.IOException;
import java.util.List;
import org.genmask.jobs.report.ChartImages;
import org.genmask.jobs.report.Series;

/** The analysis' charts as PNG bytes ({@link ChartImages}): the probe curves and the variance spectra. */
public final class AnalysisCharts {

    private AnalysisCharts() {
    }

    /** Held-out balanced accuracy against the noise level s, mask and image latents, with the chance line. */
    public static byte[] probe(LatentAnalysis a) throws IOException {
        double[] levels = a.settings().levels();
        Series chance = new Series("chance").add(levels[0], 0.5).add(levels[levels.length - 1], 0.5);
        return ChartImages.lines("Linear probe, foreground vs background: held-out balanced accuracy",
                "noise level s (x_s = (1 - s) x0 + s eps)", "balanced accuracy",
                List.of(curve("mask latents", levels, a.maskProbe().balancedAccuracy()),
                        curve("image latents", levels, a.imageProbe().balancedAccuracy()), chance));
    }

    /** Share of variance per principal component of the per-pixel vectors, mask and image latents. */
    public static byte[] spectrum(LatentAnalysis a) throws IOException {
        return ChartImages.lines("Variance spectrum of the per-pixel latent vectors", "principal component",
                "share of variance", List.of(spectrum("mask latents", a.maskPca()),
                        spectrum("image latents", a.imagePca())));
    }

    private static Series curve(String name, double[] xs, double[] ys) {
        Series s = new Series(name);
        for (int i = 0; i < xs.length; i++) {
            s.add(xs[i], ys[i]);
        }
        return s;
    }

    private static Series spectrum(String name, PcaAnalysis p) {
        Series s = new Series(name);
        double[] shares = p.spectrum();
        for (int i = 0; i < shares.length; i++) {
            s.add(i + 1, shares[i]);
        }
        return s;
    }
}
