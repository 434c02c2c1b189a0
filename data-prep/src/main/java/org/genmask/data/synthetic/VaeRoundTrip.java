package org.genmask.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genmask.jobs.config.JobConfig;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.DefaultVae;
import org.genmask.vae.MaskIoU;
import org.genmask.vae.VaeRegistry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How well a VAE reconstructs the synthetic referring dataset's own images and masks: every scene of a generator
 * (rendered in memory exactly as {@link SyntheticDatasetGenerator} writes it) and each of its object masks as a
 * black/white RGB image are encoded to the scaled posterior mean and decoded again. Masks are scored with
 * {@link MaskIoU} (decoded channel mean above 0 = foreground), images with PSNR over [0, 1] pixel values and with
 * {@link SceneOutlines} (how much of each object's outline a colour oracle finds in the decoded scene).
 *
 * <pre>java ... org.genmask.data.synthetic.VaeRoundTrip [--vae=default] [--images=256] [--size=32] [--seed=7]</pre>
 */
public final class VaeRoundTrip {
    /**
     * The measurement.
     *
     * @param masks     mask IoU over every object mask of the scenes
     * @param imagePsnr PSNR in dB of the decoded scenes, pixel values in [0, 1], over all pixels of all scenes
     * @param outlines  {@link SceneOutlines} of the decoded scenes: objects found by colour against their visible
     *                  pixels
     * @param images    scenes measured
     */
    public record Result(MaskIoU masks, double imagePsnr, MaskIoU outlines, int images) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d scenes, %d masks: mask mean IoU %.4f, overall IoU %.4f, min IoU"
                    + " %.4f; image PSNR %.2f dB, object outlines by colour: mean IoU %.4f, overall IoU %.4f over %d"
                    + " objects", images, masks.masks(), masks.meanIoU(), masks.overallIoU(), masks.minIoU(),
                    imagePsnr, outlines.meanIoU(), outlines.overallIoU(), outlines.masks());
        }
    }

    private VaeRoundTrip() {
    }

    /** Measures {@code vae} on {@code images} scenes of side {@code size} generated with {@code seed}. */
    public static Result measure(AutoencoderKL vae, int images, int size, long seed) {
        SyntheticDatasetGenerator gen = new SyntheticDatasetGenerator(new SyntheticConfig("in-memory", images, size,
                seed, 0.0, 0.0, 2, 4, 1));
        List<float[]> scenes = new ArrayList<>();
        List<Scene> layouts = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            SyntheticSample s = gen.sample(i);
            layouts.add(s.scene());
            boolean[][] objectMasks = SceneRenderer.masks(s.scene(), size);
            scenes.add(SceneArrays.image(SceneRenderer.rgb(s.scene(), size, objectMasks), size));
            for (boolean[] m : objectMasks) {
                masks.add(SceneArrays.mask(m, size));
            }
        }
        INDArray maskBatch = SceneArrays.stack(masks, size);   // [M, 3, size, size]
        INDArray sceneBatch = SceneArrays.stack(scenes, size); // [N, 3, size, size]
        MaskIoU iou = MaskIoU.of(maskBatch, roundTrip(vae, maskBatch));
        INDArray decoded = roundTrip(vae, sceneBatch);
        double mse = decoded.sub(sceneBatch).divi(2).norm2Number().doubleValue(); // [-1,1] -> [0,1] differences
        mse = mse * mse / sceneBatch.length();
        return new Result(iou, 10 * Math.log10(1.0 / mse), SceneOutlines.measure(layouts, decoded, size), images);
    }

    private static INDArray roundTrip(AutoencoderKL vae, INDArray x) {
        List<INDArray> out = new ArrayList<>();
        for (long from = 0; from < x.size(0); from += 64) {
            INDArray batch = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, Math.min(x.size(0), from + 64)));
            out.add(vae.decode(vae.encodeScaled(batch)));
        }
        return Nd4j.concat(0, out.toArray(INDArray[]::new));
    }

    public static void main(String[] args) throws java.io.IOException {
        JobConfig o = JobConfig.resolve(new java.util.LinkedHashMap<>(Map.of("vae", DefaultVae.NAME, "images", "256",
                "size", "32", "seed", "7")), args);
        String vae = o.string("vae");
        int images = o.integer("images");
        int size = o.integer("size");
        long seed = o.longValue("seed");
        System.out.println("VaeRoundTrip " + vae + ": "
                + measure(VaeRegistry.get(DefaultVae.localDirectory(vae)), images, size, seed));
    }
}
