package org.genmask.diffusion;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The flow-matching formulas, in one place, on ND4J arrays of shape [B, ...] (usually [B, C, H, W] latents).
 *
 * <p>With s in [0, 1] per sample (an array of shape [B], broadcast over the other axes; s = 1 is pure noise):
 * <ul>
 *   <li>interpolant: x_s = (1 - s) x0 + s eps;</li>
 *   <li>velocity target: u = dx_s/ds = eps - x0 (what the model predicts; the loss is its MSE);</li>
 *   <li>clean latent from a velocity: x0 = x_s - s u (at s = 1: x0 = eps - u, GenMask's one-step mask);</li>
 *   <li>noise from a velocity: eps = x_s + (1 - s) u;</li>
 *   <li>Euler step from s to s_next: x + (s_next - s) u.</li>
 * </ul>
 * Every method returns a new array in the data type of its first array argument and leaves its inputs unchanged.
 */
public final class FlowMatching {

    private FlowMatching() {
    }

    /** x_s = (1 - s) x0 + s eps, s of shape [B] broadcast over x0's other axes. */
    public static INDArray noisyLatent(INDArray x0, INDArray eps, INDArray s) {
        requireSameShape("x0", x0, "eps", eps);
        INDArray sv = timeVector(s, x0);
        INDArray oneMinusS = sv.rsub(1.0);
        INDArray out = perSample(x0, oneMinusS);
        return out.addi(perSample(eps, sv));
    }

    /** x_s = (1 - s) x0 + s eps with s given as a float per sample. */
    public static INDArray noisyLatent(INDArray x0, INDArray eps, float[] s) {
        return noisyLatent(x0, eps, Nd4j.createFromArray(s));
    }

    /** The velocity target u = eps - x0. */
    public static INDArray velocityTarget(INDArray x0, INDArray eps) {
        requireSameShape("x0", x0, "eps", eps);
        return eps.castTo(x0.dataType()).sub(x0);
    }

    /** The clean latent implied by a velocity: x0 = x_s - s u (s of shape [B]). */
    public static INDArray predictX0(INDArray xs, INDArray s, INDArray u) {
        requireSameShape("x_s", xs, "u", u);
        return xs.sub(perSample(u.castTo(xs.dataType()), timeVector(s, xs)));
    }

    /** The noise implied by a velocity: eps = x_s + (1 - s) u (s of shape [B]). */
    public static INDArray predictEps(INDArray xs, INDArray s, INDArray u) {
        requireSameShape("x_s", xs, "u", u);
        return xs.add(perSample(u.castTo(xs.dataType()), timeVector(s, xs).rsub(1.0)));
    }

    /**
     * One Euler step of dx/ds = u from time s to sNext (sampling runs from 1 down to 0, so sNext &lt; s there):
     * x_next = x + (sNext - s) u.
     */
    public static INDArray eulerStep(INDArray x, double s, double sNext, INDArray u) {
        requireTime("s", s);
        requireTime("sNext", sNext);
        requireSameShape("x", x, "u", u);
        return x.add(u.castTo(x.dataType()).mul(sNext - s));
    }

    /**
     * The evenly spaced time grid for an n-step Euler sampler: s_k = 1 - k / n for k = 0..n (from 1 to 0).
     *
     * @throws IllegalArgumentException if steps &lt; 1
     */
    public static double[] eulerTimes(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        double[] times = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            times[k] = 1.0 - (double) k / steps;
        }
        times[steps] = 0.0;
        return times;
    }

    /**
     * The per-sample mean squared error, mean over all axes but the first: loss_b = mean((pred_b - target_b)^2),
     * shape [B]; its mean is the flow-matching loss, and per-sample values feed {@link TimestepBuckets}.
     */
    public static INDArray perSampleMse(INDArray prediction, INDArray target) {
        requireSameShape("prediction", prediction, "target", target);
        INDArray diff = prediction.sub(target.castTo(prediction.dataType()));
        INDArray squared = diff.muli(diff);
        long batch = prediction.size(0);
        return squared.reshape('c', batch, squared.length() / batch).mean(1);
    }

    /** Multiplies sample b of x by v[b]: a broadcast of v (shape [B]) along axis 0. */
    private static INDArray perSample(INDArray x, INDArray v) {
        if (x.rank() == 1) {
            return x.mul(v);
        }
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
        return Broadcast.mul(x, v, out, 0);
    }

    /** Validates s (rank 1, length B = x.size(0), values in [0, 1]) and casts it to x's data type. */
    private static INDArray timeVector(INDArray s, INDArray x) {
        if (s == null) {
            throw new IllegalArgumentException("s must not be null");
        }
        if (s.rank() != 1 || s.length() != x.size(0)) {
            throw new IllegalArgumentException("s must have shape [" + x.size(0) + "] (one time per sample), got "
                    + Arrays.toString(s.shape()));
        }
        double[] values = s.toDoubleVector();
        for (int b = 0; b < values.length; b++) {
            if (!(values[b] >= 0.0 && values[b] <= 1.0)) {
                throw new IllegalArgumentException("s[" + b + "] must be in [0, 1], got " + values[b]);
            }
        }
        return s.castTo(x.dataType());
    }

    private static void requireTime(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    private static void requireSameShape(String nameA, INDArray a, String nameB, INDArray b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException((a == null ? nameA : nameB) + " must not be null");
        }
        if (a.rank() < 1) {
            throw new IllegalArgumentException(
                    nameA + " must have a batch axis, got shape " + Arrays.toString(a.shape()));
        }
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(nameB + " shape " + Arrays.toString(b.shape()) + " must equal "
                    + nameA + " shape " + Arrays.toString(a.shape()));
        }
    }
}
