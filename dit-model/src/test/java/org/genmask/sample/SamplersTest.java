package org.genmask.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.genmask.diffusion.GaussianNoise;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.DiTInputs;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.dit.TextTokens;
import org.genmask.dit.TinyModels;
import org.genmask.golden.Golden;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The samplers against exact velocity fields. If all data is one point x*, the true flow-matching velocity is
 * u(x, s) = (x - x*) / s; Euler integration of it is exact for any step count and the one-step mask rule
 * eps - u(eps, 1) returns x* itself.
 */
class SamplersTest {
    private static final DiTConfig CONFIG = TinyModels.config();

    private static VelocityModel pointMass(INDArray target) {
        return in -> in.x().sub(target).divi(in.s().reshape(-1, 1, 1, 1));
    }

    private static INDArray[] text(int b) {
        return TinyModels.text(new SplittableRandom(9), b);
    }

    @Test
    void oneStepMaskPredictionRecoversThePointMass() {
        SplittableRandom rng = new SplittableRandom(1);
        INDArray target = GaussianNoise.sample(rng, 2, 4, 8, 8);
        INDArray eps = GaussianNoise.sample(rng, 2, 4, 8, 8);
        INDArray[] t = text(2);
        INDArray x0 = new MaskPredictor(pointMass(target)).predict(eps, GaussianNoise.sample(rng, 2, 4, 8, 8),
                t[0], t[1]);
        Golden.assertClose("one-step x0", target, x0, 1e-5);
    }

    @Test
    void eulerIsExactOnTheStraightFlowForAnyStepCount() {
        SplittableRandom rng = new SplittableRandom(2);
        INDArray target = GaussianNoise.sample(rng, 3, 4, 8, 8);
        INDArray noise = GaussianNoise.sample(rng, 3, 4, 8, 8);
        INDArray[] t = text(3);
        DiTInputs cond = DiTInputs.generation(noise, Nd4j.ones(3), t[0], t[1]);
        for (int steps : new int[] {1, 4, 25}) {
            INDArray x = new EulerSampler(pointMass(target), CONFIG, steps, 1.0).sample(noise, cond);
            Golden.assertClose("euler " + steps, target, x, 1e-4);
        }
    }

    @Test
    void guidanceExtrapolatesFromTheNullConditionAtEveryStep() {
        SplittableRandom rng = new SplittableRandom(3);
        INDArray a = GaussianNoise.sample(rng, 1, 4, 8, 8);
        INDArray b = GaussianNoise.sample(rng, 1, 4, 8, 8);
        // conditional field flows to a, the null-text field to b; guided field flows to b + w (a - b)
        VelocityModel field = in -> {
            boolean isNull = in.text().getInt(0, 0) == TextTokens.NULL && in.textMask().sumNumber().intValue() == 1;
            return pointMass(isNull ? b : a).velocity(in);
        };
        INDArray noise = GaussianNoise.sample(rng, 1, 4, 8, 8);
        INDArray[] t = text(1);
        double w = 3.0;
        INDArray x = new EulerSampler(field, CONFIG, 10, w).sample(noise,
                DiTInputs.generation(noise, Nd4j.ones(1), t[0], t[1]));
        Golden.assertClose("guided", b.add(a.sub(b).mul(w)), x, 1e-4);
    }

    @Test
    void aFreshGenMaskDiTPredictsTheNoiseItselfAsMask() {
        // adaLN-Zero: u = 0 at initialisation, so x0 = eps - 0 = eps
        GenMaskDiT model = TinyModels.model(EnumSet.of(Task.SEGMENTATION), 1);
        SplittableRandom rng = new SplittableRandom(4);
        INDArray eps = GaussianNoise.sample(rng, 2, 4, 8, 8);
        INDArray[] t = text(2);
        INDArray x0 = new MaskPredictor(VelocityModel.of(model, Task.SEGMENTATION)).predict(eps,
                GaussianNoise.sample(rng, 2, 4, 8, 8), t[0], t[1]);
        assertArrayEquals(eps.shape(), x0.shape());
        assertEquals(eps, x0);
    }
}
