package org.genmask.data.latents;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.genmask.data.RelativePath;
import org.genmask.dit.Task;
import org.genmask.vae.LatentDistribution;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns joined rows of a latent partition into {@link TrainingExample}s: decodes the stored posterior, takes its
 * mean or a seeded sample, applies the VAE's scaling ({@code org.genmask.vae.LatentScaling}, the one place it is
 * written), and fixes the text length. Example ids: {@code gen/<image>/c<i>}, {@code seg/<image>/<object>/e<i>},
 * with {@code /flip} for a mirrored example; an evaluation's {@link ReferringExample} has its training example's id.
 */
final class ExampleFactory implements Serializable {

    private static final long serialVersionUID = 1L;

    private final CacheKey key;
    private final LatentShape shape;
    private final ExampleOptions options;

    ExampleFactory(CacheKey key, LatentShape shape, ExampleOptions options) {
        this.key = key;
        this.shape = shape;
        this.options = options;
    }

    /** Generation examples of a caption row joined with its image's latents. */
    Iterator<TrainingExample> generation(Row r) {
        List<TrainingExample> out = new ArrayList<>(2);
        String base = "gen/" + r.getString(r.fieldIndex("image_id")) + "/c" + r.getInt(r.fieldIndex("text_index"));
        for (boolean flip : variants()) {
            String id = flip ? base + "/flip" : base;
            String p = flip ? "flip_" : "";
            float[] target = latent(r.getAs(p + "mean"), r.getAs(p + "logvar"), id, 0);
            out.add(example(id, Task.GENERATION, target, null, tokens(r, flip)));
        }
        return out.iterator();
    }

    /** Segmentation examples of an expression row joined with its mask's and its image's latents. */
    Iterator<TrainingExample> segmentation(Row r) {
        List<TrainingExample> out = new ArrayList<>(2);
        String base = segmentationId(r);
        for (boolean flip : variants()) {
            String id = flip ? base + "/flip" : base;
            String p = flip ? "flip_" : "";
            float[] target = latent(r.getAs("m_" + p + "mean"), r.getAs("m_" + p + "logvar"), id, 0);
            float[] cond = latent(r.getAs(p + "mean"), r.getAs(p + "logvar"), id, 1);
            out.add(example(id, Task.SEGMENTATION, target, cond, tokens(r, flip)));
        }
        return out.iterator();
    }

    /**
     * The evaluation example of an expression row joined with its mask's path and its image's latents: the
     * unmirrored image latent and tokens of the segmentation training example with the same id.
     */
    ReferringExample referring(Row r) {
        String id = segmentationId(r);
        float[] cond = latent(r.getAs("mean"), r.getAs("logvar"), id, 1);
        int[] ids = tokens(r, false);
        return new ReferringExample(id, r.getString(r.fieldIndex("image_id")), r.getString(r.fieldIndex("object_id")),
                r.getInt(r.fieldIndex("text_index")), cond, TextRow.fixedLength(ids, options.textLength()),
                Math.min(ids.length, options.textLength()), r.getString(r.fieldIndex("text")),
                new RelativePath(r.getString(r.fieldIndex("mask"))));
    }

    /** {@code seg/<image>/<object>/e<text index>} of an expression row. */
    static String segmentationId(Row r) {
        return "seg/" + r.getString(r.fieldIndex("image_id")) + "/" + r.getString(r.fieldIndex("object_id"))
                + "/e" + r.getInt(r.fieldIndex("text_index"));
    }

    private boolean[] variants() {
        return options.flips() ? new boolean[] {false, true} : new boolean[] {false};
    }

    private int[] tokens(Row r, boolean flip) {
        List<Integer> ids = r.getList(r.fieldIndex(flip ? "flip_tokens" : "tokens"));
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private TrainingExample example(String id, Task task, float[] target, float[] cond, int[] ids) {
        int n = Math.min(ids.length, options.textLength());
        return new TrainingExample(id, task, target, cond, TextRow.fixedLength(ids, options.textLength()), n);
    }

    /** The scaled latent: posterior mean, or a sample seeded by (seed, epoch, id, which). */
    private float[] latent(byte[] mean, byte[] logvar, String id, int which) {
        LatentDType dtype = key.dtype();
        long[] nchw = {1, shape.channels(), shape.height(), shape.width()};
        INDArray m = Nd4j.create(dtype.decode(mean, shape.size()), nchw, 'c');
        INDArray z = m;
        if (options.posterior() == Posterior.SAMPLE) {
            INDArray lv = Nd4j.create(dtype.decode(logvar, shape.size()), nchw, 'c');
            z = new LatentDistribution(m, lv).sample(seed(options.seed(), options.epoch(), id) + which);
        }
        return key.scaling().scale(z).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** A 64-bit seed from (seed, epoch, id): splitmix64 over the seed, the epoch and an FNV-1a hash of the id. */
    static long seed(long seed, int epoch, String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(mix(mix(seed) ^ epoch) ^ h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
