package org.genmask.train;

import java.util.List;
import java.util.Map;
import org.genmask.dit.StateDict;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The trainable parameters as one flat float vector, in state-dict order, so a distributed job can broadcast, sum
 * and average them. {@link #set} copies values into the graph's own arrays: SameDiff does not alias a view of a flat
 * buffer, so handing it views would leave the graph computing with stale values.
 */
public final class FlatParameters {
    private final StateDict params;
    private final List<String> names;
    private final long[] offsets;
    private final long size;

    public FlatParameters(StateDict params) {
        this.params = params;
        this.names = params.trainableNames();
        this.offsets = new long[names.size() + 1];
        for (int i = 0; i < names.size(); i++) {
            offsets[i + 1] = offsets[i] + params.array(names.get(i)).length();
        }
        this.size = offsets[names.size()];
    }

    public List<String> names() {
        return names;
    }

    /** Number of trainable scalars. */
    public long size() {
        return size;
    }

    /** A fresh copy of the current parameters: [P]. */
    public INDArray get() {
        INDArray flat = Nd4j.create(DataType.FLOAT, size);
        for (int i = 0; i < names.size(); i++) {
            slice(flat, i).assign(params.array(names.get(i)).reshape(-1));
        }
        return flat;
    }

    /** Copies a flat vector [P] into the graph's parameter arrays. */
    public void set(INDArray flat) {
        requireSize(flat, "parameter vector");
        for (int i = 0; i < names.size(); i++) {
            INDArray target = params.array(names.get(i));
            target.assign(slice(flat, i).reshape(target.shape()));
        }
    }

    /** Per-name arrays (gradients) laid out as one flat vector [P]; a missing name is an error. */
    public INDArray flatten(Map<String, INDArray> byName) {
        INDArray flat = Nd4j.create(DataType.FLOAT, size);
        for (int i = 0; i < names.size(); i++) {
            INDArray part = byName.get(names.get(i));
            if (part == null) {
                throw new IllegalArgumentException("no value for parameter " + names.get(i));
            }
            slice(flat, i).assign(part.reshape(-1));
        }
        return flat;
    }

    private INDArray slice(INDArray flat, int i) {
        return flat.get(NDArrayIndex.interval(offsets[i], offsets[i + 1]));
    }

    private void requireSize(INDArray flat, String what) {
        if (flat.length() != size) {
            throw new IllegalArgumentException(what + " has " + flat.length() + " values, the model has " + size);
        }
    }
}
