package org.genmask.data.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genmask.data.latents.LatentPair;
import org.genmask.data.latents.LatentShape;
import org.genmask.vae.LatentDistribution;
import org.genmask.vae.VaeCodec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Encodes inputs together with their left-right mirrors in one batched VAE call: {@code k} originals and {@code k}
 * mirrors become one {@code [2k, 3, R, R]} array; the posterior comes back as (original, mirrored) pairs.
 */
final class FlipEncoder {

    private final VaeCodec codec;
    private final int resolution;
    private final LatentShape shape;

    FlipEncoder(VaeCodec codec, int resolution, LatentShape shape) {
        this.codec = codec;
        this.resolution = resolution;
        this.shape = shape;
    }

    /**
     * @param inputs   {@code [3, R, R]} C-order tensors in [-1, 1]
     * @param mirrored the same inputs mirrored left-right, same order
     * @return per input: {original posterior, mirrored posterior}
     */
    List<LatentPair[]> encode(List<float[]> inputs, List<float[]> mirrored) {
        int k = inputs.size();
        List<LatentPair[]> out = new ArrayList<>(k);
        if (k == 0) {
            return out;
        }
        int per = 3 * resolution * resolution;
        float[] data = new float[2 * k * per];
        for (int i = 0; i < k; i++) {
            System.arraycopy(inputs.get(i), 0, data, i * per, per);
            System.arraycopy(mirrored.get(i), 0, data, (k + i) * per, per);
        }
        INDArray batch = Nd4j.create(data, new long[] {2L * k, 3, resolution, resolution}, 'c'); // [2k, 3, R, R]
        LatentDistribution d = codec.encode(batch); // mean, logvar: [2k, C, h, w]
        long[] expected = {2L * k, shape.channels(), shape.height(), shape.width()};
        if (!Arrays.equals(d.mean().shape(), expected)) {
            throw new IllegalStateException("VAE returned latents of shape " + Arrays.toString(d.mean().shape())
                    + ", expected " + Arrays.toString(expected));
        }
        float[] mean = d.mean().castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] logvar = d.logvar().castTo(DataType.FLOAT).dup('c').data().asFloat();
        int n = shape.size();
        for (int i = 0; i < k; i++) {
            out.add(new LatentPair[] {
                new LatentPair(Arrays.copyOfRange(mean, i * n, (i + 1) * n),
                        Arrays.copyOfRange(logvar, i * n, (i + 1) * n)),
                new LatentPair(Arrays.copyOfRange(mean, (k + i) * n, (k + i + 1) * n),
                        Arrays.copyOfRange(logvar, (k + i) * n, (k + i + 1) * n))});
        }
        return out;
    }

    /** Whether every value of both posteriors is finite. */
    static boolean finite(LatentPair[] pair) {
        for (LatentPair p : pair) {
            for (float v : p.mean()) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
            for (float v : p.logvar()) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
