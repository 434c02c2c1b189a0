package org.genmask.jobs.analysis;

import java.util.Arrays;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.SyntheticShapes;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the analyses compare, row i of each array belonging together: image latents and mask latents
 * {@code [N, C, h, w]} (scaled, as the DiT sees them) and the masks at latent resolution {@code [N, h, w]}
 * (1 = foreground, see {@link MaskLabels}). Read from a latent partition by {@link AnalysisPartition}, or made from
 * synthetic scenes by {@link #synthetic}.
 *
 * @param imageLatents [N, C, h, w]
 * @param maskLatents  [N, C, h, w]
 * @param labels       [N, h, w]
 * @param source       where the latents come from (one line)
 * @param labelSource  where the labels come from and by which rule (one line)
 */
public record LatentSamples(INDArray imageLatents, INDArray maskLatents, INDArray labels, String source,
                            String labelSource) {

    /**
     * Checks the shapes, at least 2 maps (the probe trains on one half and tests on the other) and that the labels
     * hold both classes.
     */
    public LatentSamples {
        if (imageLatents.rank() != 4 || !Arrays.equals(imageLatents.shape(), maskLatents.shape())) {
            throw new IllegalArgumentException("image and mask latents must both be [N, C, h, w], got "
                    + Arrays.toString(imageLatents.shape()) + " and " + Arrays.toString(maskLatents.shape()));
        }
        long[] want = {imageLatents.size(0), imageLatents.size(2), imageLatents.size(3)};
        if (!Arrays.equals(labels.shape(), want)) {
            throw new IllegalArgumentException("labels must be [N, h, w] = " + Arrays.toString(want) + ", got "
                    + Arrays.toString(labels.shape()));
        }
        if (want[0] < 2) {
            throw new IllegalArgumentException(source + ": " + want[0] + " mask(s); at least 2 are needed (the probe "
                    + "trains on half of them and is scored on the other half)");
        }
        double foreground = labels.meanNumber().doubleValue();
        if (foreground == 0 || foreground == 1) {
            throw new IllegalArgumentException(source + ": the masks at latent resolution are all "
                    + (foreground == 0 ? "background" : "foreground") + " (" + labelSource + "): nothing to separate");
        }
    }

    /**
     * {@code n} scenes of the project's generator ({@link SyntheticShapes} at the VAE's {@code sample_size}, seeded),
     * images and masks encoded by the VAE (posterior mean, scaled); labels from the generated masks.
     */
    public static LatentSamples synthetic(AutoencoderKL vae, int n, long seed) {
        int size = vae.config().sampleSize();
        SyntheticShapes.Batch scenes = new SyntheticShapes(size, seed).next(n);
        INDArray images = vae.encodeScaled(scenes.images());
        INDArray masks = vae.encodeScaled(scenes.masks());
        int h = (int) masks.size(2);
        return new LatentSamples(images, masks, MaskLabels.fromRgb(scenes.masks(), h, (int) masks.size(3)),
                n + " synthetic scenes (SyntheticShapes, seed " + seed + ", " + size + " px)",
                "the generated masks, block majority at latent resolution");
    }

    /** N, the number of maps. */
    public int count() {
        return (int) maskLatents.size(0);
    }

    /** Share of foreground positions in the labels. */
    public double foregroundShare() {
        return labels.meanNumber().doubleValue();
    }
}
