package org.genmask.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fresh AutoencoderKL weights with PyTorch's default initialisation: conv and linear weights and biases uniform in
 * {@code ±1/sqrt(fan_in)} (kaiming-uniform with a = sqrt(5)), GroupNorm weight 1 and bias 0. Deterministic per seed.
 */
public final class VaeInitializer {
    private VaeInitializer() {
    }

    public static Map<String, INDArray> random(AutoencoderKLConfig config, long seed) {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        Map<String, long[]> shapes = AutoencoderKL.parameterShapes(config);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            if (isNorm(name)) {
                out.put(name, name.endsWith(".weight") ? Nd4j.ones(DataType.FLOAT, shape) : Nd4j.zeros(DataType.FLOAT, shape));
                continue;
            }
            long fanIn = fanIn(name, shapes);
            double bound = 1.0 / Math.sqrt(fanIn);
            INDArray u = Nd4j.rand(rng, shape).castTo(DataType.FLOAT); // uniform [0, 1), same shape
            out.put(name, u.muli(2 * bound).subi(bound));
        }
        return out;
    }

    private static boolean isNorm(String name) {
        return name.contains(".norm1.") || name.contains(".norm2.") || name.contains(".group_norm.")
                || name.contains(".conv_norm_out.");
    }

    /** fan_in of the layer owning {@code name}: in_channels * kH * kW of its weight. */
    private static long fanIn(String name, Map<String, long[]> shapes) {
        String layer = name.substring(0, name.lastIndexOf('.'));
        long[] w = shapes.get(layer + ".weight");
        long fan = 1;
        for (int i = 1; i < w.length; i++) {
            fan *= w[i];
        }
        return fan;
    }
}
