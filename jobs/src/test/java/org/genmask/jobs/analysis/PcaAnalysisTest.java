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
