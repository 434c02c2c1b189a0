package org.genmask.vae.eager;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.genmask.kernels.Floats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder's parameters by diffusers state-dict name (PyTorch layout), copied once into the layout each eager layer
 * wants. Every name is taken at most once and with its exact shape, and {@link #checkAllTaken} fails on an encoder
 * parameter no layer took, so the eager encoder and the graph cannot drift apart silently.
 */
final class EncoderWeights {
    private final Map<String, INDArray> torch;
    private final Set<String> taken = new HashSet<>();

    EncoderWeights(Map<String, INDArray> torch) {
        this.torch = torch;
    }

    /** The parameter {@code name} of PyTorch shape {@code shape}, axes permuted, as a fresh contiguous array. */
    Floats take(String name, long[] shape, int... permutation) {
        INDArray w = torch.get(name);
        if (w == null) {
            throw new IllegalArgumentException("eager VAE encoder: missing tensor '" + name + "'");
        }
        if (!Arrays.equals(w.shape(), shape)) {
            throw new IllegalArgumentException("eager VAE encoder: tensor '" + name + "' has shape "
                    + Arrays.toString(w.shape()) + ", expected " + Arrays.toString(shape));
        }
        if (!taken.add(name)) {
            throw new IllegalStateException("eager VAE encoder: tensor '" + name + "' taken twice");
        }
        INDArray f = w.castTo(DataType.FLOAT);
        float[] values = (permutation.length == 0 ? f : f.permute(permutation)).dup('c').data().asFloat();
        Floats copy = Floats.allocate(values.length); // off-heap memory of its own, outside any ND4J workspace
        copy.copyFrom(0, values, 0, values.length);
        return copy;
    }

    /** {@link #take} without permutation, as a heap array (parameters read by Java loops). */
    float[] takeArray(String name, long... shape) {
        Floats f = take(name, shape);
        float[] a = new float[f.length];
        f.copyTo(0, a, 0, a.length);
        return a;
    }

    /** Fails on a parameter of the encoder (names starting with one of {@code prefixes}) that no layer took. */
    void checkAllTaken(String... prefixes) {
        Set<String> left = new TreeSet<>();
        for (String name : torch.keySet()) {
            if (!taken.contains(name) && Arrays.stream(prefixes).anyMatch(name::startsWith)) {
                left.add(name);
            }
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException("eager VAE encoder: parameters without a layer: " + left);
        }
    }
}
