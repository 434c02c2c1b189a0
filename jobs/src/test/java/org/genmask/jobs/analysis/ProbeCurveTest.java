package org.genmask.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeCurveTest {
    private static final double[] LEVELS = {0.0, 0.5, 0.8, 1.0};

    @Test
    void linearProbeSeparatesSeparableData() {
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {3, 3}, {4, 3}, {3, 4}, {0.5, 0.5}};
        boolean[] y = {false, false, false, true, true, true, false};
        LinearProbe p = LinearProbe.fit(x, y, 300, 0.5);
        assertEquals(1.0, p.accuracy(x, y));
        assertEquals(1.0, p.balancedAccuracy(x, y));
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.fit(x, new boolean[7], 10, 0.5));
    }

    @Test
    void maskLatentsStaySeparableLongerThanWeakImageStructure() {
        SyntheticLatents masks = SyntheticLatents.of(16, 8, 2.0, 0.1, 4);
        SyntheticLatents images = SyntheticLatents.of(16, 8, 0.3, 1.0, 4);
        ProbeCurve m = ProbeCurve.measure(masks.latents, masks.masks, LEVELS, 9, 300, 0.5);
        ProbeCurve i = ProbeCurve.measure(images.latents, images.masks, LEVELS, 9, 300, 0.5);
        // Bayes-optimal balanced accuracy is Phi((1 - s) a / sqrt(((1 - s) sigma)^2 + s^2)): masks (a = 2,
        // sigma = 0.1) 1, 0.977, 0.69, 0.5 at s = 0, 0.5, 0.8, 1; images (a = 0.3, sigma = 1) 0.62, 0.58, ...
        assertEquals(1.0, m.balancedAccuracy()[0]);
        assertTrue(m.balancedAccuracy()[1] > 0.94, "mask at s=0.5: " + m.balancedAccuracy()[1]);
        assertTrue(m.balancedAccuracy()[2] > 0.6, "mask at s=0.8: " + m.balancedAccuracy()[2]);
        assertTrue(i.balancedAccuracy()[0] < 0.8, "image at s=0: " + i.balancedAccuracy()[0]);
        assertTrue(m.balancedAccuracy()[1] > i.balancedAccuracy()[1] + 0.2);
        for (ProbeCurve c : new ProbeCurve[] {m, i}) {       // pure noise carries no information
            assertTrue(Math.abs(c.balancedAccuracy()[3] - 0.5) < 0.1, "s=1: " + c.balancedAccuracy()[3]);
        }
    }

    @Test
    void deterministicInTheSeed() {
        SyntheticLatents s = SyntheticLatents.of(4, 8, 1.0, 0.5, 5);
        ProbeCurve a = ProbeCurve.measure(s.latents, s.masks, LEVELS, 1, 50, 0.5);
        ProbeCurve b = ProbeCurve.measure(s.latents, s.masks, LEVELS, 1, 50, 0.5);
        assertEquals(java.util.Arrays.toString(a.accuracy()), java.util.Arrays.toString(b.accuracy()));
    }
}
