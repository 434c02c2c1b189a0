package org.genmask.dit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model's parameters as a PyTorch-style state dict: every SameDiff variable is named exactly like the key of the
 * reference implementation ({@code blocks.0.attn.qkv.weight}) and stored in the reference layout ({@code Linear}
 * weights {@code [out, in]}, conv weights {@code [out, in, kH, kW]}), so importing or exporting weights is a copy by
 * name with no layout conversion. Registration order is the state-dict order.
 *
 * <p>Trainable parameters are SameDiff variables; buffers (the fixed position embedding) are constants, exported
 * with the weights but never trained or averaged.
 */
public final class StateDict {

    /** How a parameter starts; mirrors {@code initialize_weights} of the reference DiT. */
    public enum Init { XAVIER_UNIFORM, NORMAL_002, ZEROS, ONES }

    private final SameDiff sd;
    private final SplittableRandom rng;
    private final Map<String, SDVariable> trainable = new LinkedHashMap<>();
    private final Map<String, SDVariable> buffers = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    StateDict(SameDiff sd, long seed) {
        this.sd = sd;
        this.rng = new SplittableRandom(seed);
    }

    /**
     * Registers a trainable parameter. For {@code XAVIER_UNIFORM} the fan-in is the product of all dimensions after
     * the first (as PyTorch computes it for linear and conv weights), the fan-out the first dimension.
     */
    SDVariable param(String name, Init init, long... shape) {
        if (trainable.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalStateException("parameter registered twice: " + name);
        }
        SDVariable v = sd.var(name, initialValue(init, shape));
        trainable.put(name, v);
        order.add(name);
        return v;
    }

    /** Registers a fixed buffer (exported, loaded, never trained). */
    SDVariable buffer(String name, INDArray value) {
        SDVariable v = sd.constant(name, value);
        buffers.put(name, v);
        order.add(name);
        return v;
    }

    private INDArray initialValue(Init init, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] values = new float[Math.toIntExact(n)];
        switch (init) {
            case ZEROS -> { }
            case ONES -> java.util.Arrays.fill(values, 1f);
            case NORMAL_002 -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (0.02 * gaussian());
                }
            }
            case XAVIER_UNIFORM -> {
                long fanOut = shape[0];
                long fanIn = n / fanOut;
                double bound = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
                }
            }
            default -> throw new IllegalArgumentException("unknown init " + init);
        }
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    private double gaussian() {
        // Box-Muller on the seeded stream: reproducible across JVMs and threads, independent of ND4J's global RNG.
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Trainable parameter names in state-dict order. */
    public List<String> trainableNames() {
        return Collections.unmodifiableList(new ArrayList<>(trainable.keySet()));
    }

    /** Every exported name (buffers included) in state-dict order. */
    public List<String> names() {
        return Collections.unmodifiableList(order);
    }

    public boolean isBuffer(String name) {
        return buffers.containsKey(name);
    }

    /** The live array behind a parameter or buffer (not a copy). */
    public INDArray array(String name) {
        SDVariable v = trainable.containsKey(name) ? trainable.get(name) : buffers.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return v.getArr();
    }

    public long[] shape(String name) {
        return array(name).shape();
    }
}
