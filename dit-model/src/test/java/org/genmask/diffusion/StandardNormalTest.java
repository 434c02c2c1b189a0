package org.genmask.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

    @Test
    void cdfMatchesReferenceValues() {
        assertEquals(0.5, StandardNormal.cdf(0.0), 0.0);
        assertEquals(0.9750021048517795, StandardNormal.cdf(1.96), 1e-14);
        assertEquals(0.15865525393145707, StandardNormal.cdf(-1.0), 1e-14);
        assertEquals(0.0013498980316301, StandardNormal.cdf(-3.0), 1e-14);
        assertEquals(0.9999997133484281, StandardNormal.cdf(5.0), 1e-14);
        assertEquals(1.0, StandardNormal.cdf(40.0), 0.0);
        assertEquals(0.0, StandardNormal.cdf(-40.0), 0.0);
    }

    @Test
    void erfMatchesReferenceValuesAndIsOdd() {
        assertEquals(0.8427007929497149, StandardNormal.erf(1.0), 1e-15);
        assertEquals(-0.8427007929497149, StandardNormal.erf(-1.0), 1e-15);
        assertEquals(0.9999779095030014, StandardNormal.erf(3.0), 1e-15);
        assertEquals(1.0, StandardNormal.erf(7.0), 0.0);
    }

    @Test
    void densityPeakIsOneOverSqrtTwoPi() {
        assertEquals(0.3989422804014327, StandardNormal.density(0.0), 1e-15);
        assertEquals(0.24197072451914337, StandardNormal.density(1.0), 1e-15);
    }

    @Test
    void fillUsesBothBoxMullerBranchesAndMatchesSingleDrawsOnTheCosineBranch() {
        float[] pairs = new float[5];
        StandardNormal.fill(pairs, new SplittableRandom(3));
        SplittableRandom rng = new SplittableRandom(3);
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        assertEquals((float) (radius * Math.cos(2 * Math.PI * u2)), pairs[0], 0f);
        assertEquals((float) (radius * Math.sin(2 * Math.PI * u2)), pairs[1], 0f);
        float[] again = new float[5];
        StandardNormal.fill(again, new SplittableRandom(3));
        assertArrayEquals(pairs, again);
    }
}
