package org.genmask.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Encodes and decodes many images in batches of a fixed size, e.g. all the images of one Spark partition. Results
 * are identical to one call on the whole array (batches are independent: GroupNorm and attention are per image).
 * Thread-safe when the model is.
 */
public final class VaeCodec {
    private final AutoencoderKL model;
    private final int batchSize;

    public VaeCodec(AutoencoderKL model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("VaeCodec: batchSize must be positive, got " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
    }

    public AutoencoderKL model() {
        return model;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Posterior of {@code [N, C, H, W]} images, computed {@link #batchSize()} images at a time. */
    public LatentDistribution encode(INDArray imagesNCHW) {
        List<INDArray> means = new ArrayList<>();
        List<INDArray> logvars = new ArrayList<>();
        for (INDArray batch : batches(imagesNCHW)) {
            LatentDistribution d = model.encode(batch);
            means.add(d.mean());
            logvars.add(d.logvar());
        }
        return new LatentDistribution(concat(means), concat(logvars)); // [N, L, h, w] each
    }

    /** Scaled posterior means {@code [N, L, h, w]}: what the diffusion model trains on. */
    public INDArray encodeScaled(INDArray imagesNCHW) {
        return model.scaling().scale(encode(imagesNCHW).mean());
    }

    /** Images {@code [N, C, H, W]} from scaled latents {@code [N, L, h, w]}, in batches. */
    public INDArray decode(INDArray scaledLatents) {
        return map(scaledLatents, model::decode);
    }

    private INDArray map(INDArray x, Function<INDArray, INDArray> f) {
        List<INDArray> parts = new ArrayList<>();
        for (INDArray batch : batches(x)) {
            parts.add(f.apply(batch));
        }
        return concat(parts);
    }

    private List<INDArray> batches(INDArray x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("VaeCodec: input must be [N, C, H, W], got rank " + x.rank());
        }
        long n = x.size(0);
        List<INDArray> out = new ArrayList<>();
        for (long i = 0; i < n; i += batchSize) {
            INDArrayIndex rows = NDArrayIndex.interval(i, Math.min(n, i + batchSize));
            out.add(x.get(rows, NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())); // [b, C, H, W]
        }
        return out;
    }

    private static INDArray concat(List<INDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0])); // -> [N, ...]
    }
}
