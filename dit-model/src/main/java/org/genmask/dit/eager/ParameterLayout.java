package org.genmask.dit.eager;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genmask.kernels.Floats;

/**
 * Where each trainable parameter lies in the flat vector [P] (state-dict order, as {@code FlatParameters} lays it out),
 * and the same stretch of the flat gradient. The eager modules claim their parameters by reference name and shape; a
 * name claimed twice, missing, of another shape, or never claimed is an error, so the eager step and the graph cannot
 * drift apart silently.
 */
final class ParameterLayout {
    /** One parameter: its value and its gradient, both views of the flat vectors. */
    record Param(Floats value, Floats grad) {
    }

    private final Map<String, Integer> offsets = new HashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();
    private final List<String> names;
    /** Number of trainable values, the length of the flat vectors. */
    final int size;
    private Floats theta;
    private Floats grad;

    ParameterLayout(List<String> names, List<long[]> shapes) {
        if (names.size() != shapes.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + shapes.size() + " shapes");
        }
        this.names = List.copyOf(names);
        int offset = 0;
        for (int i = 0; i < names.size(); i++) {
            offsets.put(names.get(i), offset);
            this.shapes.put(names.get(i), shapes.get(i).clone());
            offset += Math.toIntExact(Arrays.stream(shapes.get(i)).reduce(1, (a, b) -> a * b));
        }
        this.size = offset;
    }

    /** Points every later {@link #claim}ed parameter at these flat vectors (each [P]). */
    void bind(Floats theta, Floats grad) {
        if (theta.length != size || grad.length != size) {
            throw new IllegalArgumentException("flat vectors of " + theta.length + " and " + grad.length
                    + " values for a model of " + size);
        }
        this.theta = theta;
        this.grad = grad;
    }

    /** Sets the bound gradient vector to 0 (one memset). */
    void zeroGrad() {
        grad.zero(size);
    }

    /** Claims a parameter of the given shape; its views follow {@link #bind}. */
    Handle claim(String name, long... shape) {
        Integer offset = offsets.get(name);
        if (offset == null) {
            throw new IllegalArgumentException("the eager step needs parameter " + name + ", the model has none");
        }
        if (!Arrays.equals(shapes.get(name), shape)) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(shapes.get(name))
                    + ", the eager step expects " + Arrays.toString(shape));
        }
        if (!claimed.add(name)) {
            throw new IllegalStateException("parameter claimed twice: " + name);
        }
        int length = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        return new Handle(offset, length);
    }

    /** Fails unless every parameter of the model was claimed. */
    void requireAllClaimed() {
        for (String name : names) {
            if (!claimed.contains(name)) {
                throw new IllegalStateException("the eager step does not train parameter " + name);
            }
        }
    }

    /** A claimed parameter's place; {@link #value} and {@link #grad} are views of the currently bound vectors. */
    final class Handle {
        private final int offset;
        private final int length;

        private Handle(int offset, int length) {
            this.offset = offset;
            this.length = length;
        }

        Floats value() {
            return theta.slice(offset, length);
        }

        Floats grad() {
            return grad.slice(offset, length);
        }
    }
}
