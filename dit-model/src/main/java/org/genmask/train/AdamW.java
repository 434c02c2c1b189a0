package org.genmask.train;

import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW over flat vectors. The state (first and second moments, laid out as one vector [2P], plus the step count) is
 * exposed so a distributed job can average it with the parameters and a checkpoint can restore it exactly.
 */
public final class AdamW {
    private final AdamWConfig config;
    private final long size;
    private final INDArray m;
    private final INDArray v;
    private final INDArray scratch;
    private long step;

    public AdamW(AdamWConfig config, long size) {
        this.config = config;
        this.size = size;
        this.m = Nd4j.zeros(DataType.FLOAT, size);
        this.v = Nd4j.zeros(DataType.FLOAT, size);
        this.scratch = Nd4j.create(DataType.FLOAT, size);
    }

    public AdamWConfig config() {
        return config;
    }

    /** Updates completed so far. */
    public long step() {
        return step;
    }

    /**
     * One update of {@code params} in place. The gradient is clipped (in place) to the configured global norm first.
     *
     * @return the global gradient norm before clipping
     */
    public double update(INDArray params, INDArray grad) {
        double norm = grad.norm2Number().doubleValue();
        if (config.gradClip() > 0 && norm > config.gradClip()) {
            grad.muli(config.gradClip() / norm);
        }
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        // in place, through one scratch vector: a fresh [P] array per term cost ~100 ms of a bench step in page faults
        Level1 blas = Nd4j.getBlasWrapper().level1();
        m.muli(b1);
        blas.axpy(size, 1 - b1, grad, m);                                    // m = b1 m + (1 - b1) g
        v.muli(b2);
        blas.axpy(size, 1 - b2, scratch.assign(grad).muli(grad), v);        // v = b2 v + (1 - b2) g^2
        double lr = config.lrAt(step);
        double c1 = 1 - Math.pow(b1, step);
        double c2 = 1 - Math.pow(b2, step);
        if (config.weightDecay() > 0) {
            params.muli(1 - lr * config.weightDecay());                    // decoupled decay
        }
        Transforms.sqrt(scratch.assign(v).divi(c2), false).addi(config.eps()); // sqrt(v_hat) + eps
        blas.axpy(size, -lr / c1, scratch.rdivi(m), params);               // p -= lr * m_hat / (sqrt(v_hat) + eps)
        return norm;
    }

    /** The moments as one flat vector [2P]: first m, then v (a copy). */
    public INDArray state() {
        return Nd4j.concat(0, m, v);
    }

    /** Restores the moments [2P] and the step count (after averaging across workers, or from a checkpoint). */
    public void setState(INDArray state, long stepCount) {
        if (state.length() != 2 * size) {
            throw new IllegalArgumentException("optimizer state has " + state.length() + " values, expected "
                    + 2 * size);
        }
        m.assign(state.get(NDArrayIndex.interval(0, size)));
        v.assign(state.get(NDArrayIndex.interval(size, 2 * size)));
        this.step = stepCount;
    }
}
