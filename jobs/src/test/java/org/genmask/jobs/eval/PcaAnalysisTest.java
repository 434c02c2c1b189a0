package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class PcaAnalysisTest {

    @Test
    void maskLikeLatentsLieOnOneDirectionThatReproducesTheMask() {
        SyntheticLatents s = SyntheticLatents.of(12, 8, 2.0, 0.05, 1);
        PcaAnalysis pooled = PcaAnalysis.pooled(s.latents, s.masks);
        assertTrue(pooled.varianceShare() > 0.99, "share " + pooled.varianceShare());
        assertEquals(1.0, pooled.iou());
        assertEquals(12, pooled.samples());
        PcaAnalysis each = PcaAnalysis.perSample(s.latents, s.masks);
        assertTrue(each.varianceShare() > 0.99, "share " + each.varianceShare());
        assertEquals(1.0, each.iou());
    }

    @Test
    void isotropicNoiseSpreadsVarianceAndMissesTheMask() {
        SyntheticLatents s = SyntheticLatents.of(12, 8, 0.0, 1.0, 2);
        PcaAnalysis pooled = PcaAnalysis.pooled(s.latents, s.masks);
        assertTrue(pooled.varianceShare() > 0.25 && pooled.varianceShare() < 0.35, "share " + pooled.varianceShare());
        assertTrue(pooled.iou() < 0.6, "iou " + pooled.iou());
    }

    @Test
    void shapesMustAgree() {
        SyntheticLatents s = SyntheticLatents.of(2, 8, 1.0, 0.1, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PcaAnalysis.pooled(s.latents, Nd4j.zeros(2, 4, 4)));
        assertTrue(e.getMessage().contains("[2, 8, 8]"), e.getMessage());
    }
}
