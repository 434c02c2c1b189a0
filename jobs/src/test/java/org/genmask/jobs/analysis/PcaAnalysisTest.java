package org.genmask.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class PcaAnalysisTest {

    @Test
    void maskLikeLatentsLieOnOneDirectionThatReproducesTheMask() {
        SyntheticLatents s = SyntheticLatents.of(12, 8, 2.0, 0.05, 1);
        PcaAnalysis pca = PcaAnalysis.of(s.latents, s.masks);
        assertTrue(pca.varianceShare() > 0.99, "share " + pca.varianceShare());
        assertEquals(1.0, pca.iou());
        assertEquals(12, pca.samples());
        assertTrue(pca.perMapShare() > 0.99, "per map " + pca.perMapShare());
        assertEquals(4, pca.spectrum().length);
        assertEquals(1.0, Arrays.stream(pca.spectrum()).sum(), 1e-12);
        for (int i = 1; i < 4; i++) {
            assertTrue(pca.spectrum()[i] <= pca.spectrum()[i - 1], "descending");
        }
        // DIRECTION's largest-magnitude entry is tied; either way exactly one orientation reproduces the mask
        assertEquals(1.0, pca.sign() > 0 ? pca.iouPositive() : pca.iouNegative());
        assertTrue(Math.min(pca.iouPositive(), pca.iouNegative()) < 0.5);
    }

    @Test
    void theSignIsTheOrientationWithTheBetterIoU() {
        SyntheticLatents s = SyntheticLatents.of(6, 8, 2.0, 0.05, 7);
        PcaAnalysis a = PcaAnalysis.of(s.latents, s.masks);
        PcaAnalysis flipped = PcaAnalysis.of(s.latents.neg(), s.masks);   // the same latents mirrored: PC-1 flips
        assertEquals(a.varianceShare(), flipped.varianceShare(), 1e-12);
        assertEquals(1.0, a.iou());
        assertEquals(1.0, flipped.iou());
        assertEquals(-a.sign(), flipped.sign());
    }

    @Test
    void aSmallForegroundIsFoundWhereAThresholdAtTheMeanWouldDriftIntoTheBackground() {
        int n = 4;
        int side = 16;
        java.util.Random rng = new java.util.Random(5);
        double[] m = new double[n * side * side];
        double[] x = new double[n * 2 * side * side];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < side * side; p++) {
                boolean fg = p / side >= 3 && p / side < 5 && p % side >= 7 && p % side < 9;   // 4 of 256 pixels
                m[i * side * side + p] = fg ? 1 : 0;
                x[(i * 2) * side * side + p] = (fg ? 2 : -2) + 0.3 * rng.nextGaussian();
                x[(i * 2 + 1) * side * side + p] = 0.05 * rng.nextGaussian();
            }
        }
        PcaAnalysis pca = PcaAnalysis.of(Nd4j.create(x, new long[] {n, 2, side, side}, 'c'),
                Nd4j.create(m, new long[] {n, side, side}, 'c'));
        assertEquals(1.0, pca.iou());   // the pooled mean is about -1.94: half the background lies above it
        assertEquals(1, pca.sign());
    }

    @Test
    void otsuCutsBetweenTheTwoGroups() {
        assertEquals(5.0, PcaAnalysis.otsu(new double[] {0, 1, 0.5, 9, 10, 9.5, 0.2}));
        assertEquals(3.0, PcaAnalysis.otsu(new double[] {3, 3, 3}));
    }

    @Test
    void isotropicNoiseSpreadsVarianceAndMissesTheMask() {
        SyntheticLatents s = SyntheticLatents.of(12, 8, 0.0, 1.0, 2);
        PcaAnalysis pca = PcaAnalysis.of(s.latents, s.masks);
        assertTrue(pca.varianceShare() > 0.25 && pca.varianceShare() < 0.35, "share " + pca.varianceShare());
        assertTrue(pca.iou() < 0.6, "iou " + pca.iou());
    }

    @Test
    void shapesMustAgree() {
        SyntheticLatents s = SyntheticLatents.of(2, 8, 1.0, 0.1, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PcaAnalysis.of(s.latents, Nd4j.zeros(2, 4, 4)));
        assertTrue(e.getMessage().contains("[2, 8, 8]"), e.getMessage());
    }
}
