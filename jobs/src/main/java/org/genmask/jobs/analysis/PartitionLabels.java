package org.genmask.jobs.analysis;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.genmask.data.RelativePath;
import org.genmask.data.hadoop.HadoopDatasetFiles;
import org.genmask.data.image.ImageDataException;
import org.genmask.data.image.ImageDecoder;
import org.genmask.data.image.SquareResize;
import org.genmask.data.jobs.VaeLocation;
import org.genmask.data.latents.LatentShape;
import org.genmask.vae.AutoencoderKL;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The labels of a partition's masks at latent resolution ({@link MaskLabels}' block-majority rule), from one of two
 * sources:
 * <ul>
 *   <li>{@link #files}: the mask files themselves, decoded by data-prep's decoder and resized and centre-cropped to
 *       the partition's resolution R exactly as the precomputation did ({@link SquareResize}); the exact masks;</li>
 *   <li>{@link #decoded}: the mask latents decoded by the partition's VAE (pixel foreground when the channel mean is
 *       &gt; 0); needs no dataset, and is as good as the VAE's reconstruction of masks.</li>
 * </ul>
 *
 * @param labels      [N, h, w], 1 = foreground
 * @param description the source and rule, one line
 */
record PartitionLabels(INDArray labels, String description) {
    private static final int DECODE_BATCH = 8;

    static PartitionLabels files(String root, List<String> masks, int resolution, LatentShape shape,
                                 Configuration conf) throws IOException {
        HadoopDatasetFiles files = new HadoopDatasetFiles(root, conf);
        SquareResize resize = new SquareResize(resolution);
        int h = shape.height();
        float[] out = new float[masks.size() * h * h];
        for (int i = 0; i < masks.size(); i++) {
            RelativePath path = new RelativePath(masks.get(i));
            String uri = files.uri(path);
            boolean[] bits;
            try {
                bits = resize.mask(ImageDecoder.decodeMask(uri, files.read(path))).toBits();
            } catch (FileNotFoundException e) {
                throw new IllegalArgumentException("config key 'dataset': mask file " + uri + " not found (it must be"
                        + " the dataset root the partition was computed from)", e);
            } catch (ImageDataException e) {
                throw new IllegalArgumentException("config key 'dataset': " + e.getMessage(), e);
            }
            System.arraycopy(MaskLabels.blocks(bits, resolution, h), 0, out, i * h * h, h * h);
        }
        return new PartitionLabels(Nd4j.create(out, new long[] {masks.size(), h, h}, 'c'), "the mask files under "
                + files.root() + ", resized to " + resolution + " px as the precomputation does; a latent position "
                + "is foreground when more than half of its pixels are");
    }

    static PartitionLabels decoded(VaeLocation location, INDArray maskLatents) throws IOException {
        AutoencoderKL vae = location.load();
        long n = maskLatents.size(0);
        int h = (int) maskLatents.size(2);
        INDArray out = Nd4j.zeros(maskLatents.dataType(), n, h, maskLatents.size(3));
        for (long start = 0; start < n; start += DECODE_BATCH) {
            long end = Math.min(n, start + DECODE_BATCH);
            INDArray rgb = vae.decode(maskLatents.get(NDArrayIndex.interval(start, end)).dup('c'));
            out.get(NDArrayIndex.interval(start, end)).assign(MaskLabels.fromRgb(rgb, h, (int) maskLatents.size(3)));
        }
        return new PartitionLabels(out, "the mask latents decoded by " + location.uri() + "; a pixel is foreground "
                + "when the mean of its decoded channels is > 0, a latent position when more than half of its pixels "
                + "are");
    }
}
