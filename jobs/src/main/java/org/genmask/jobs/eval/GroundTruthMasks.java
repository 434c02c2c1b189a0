package org.genmask.jobs.eval;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.spark.api.java.function.Function;
import org.genmask.data.hadoop.HadoopDatasetFiles;
import org.genmask.data.image.DecodedMask;
import org.genmask.data.image.ImageDataException;
import org.genmask.data.image.ImageDecoder;
import org.genmask.data.latents.ReferringExample;

/**
 * Completes a {@link ReferringExample} into an {@link EvaluationExample} on an executor: reads the object's mask file
 * from the dataset root and decodes it at its original resolution with data-prep's decoder (non-zero = object).
 * A missing or undecodable file is a {@link GroundTruthException} naming the file's URI and the example.
 */
final class GroundTruthMasks implements Function<ReferringExample, EvaluationExample> {
    private static final long serialVersionUID = 1L;

    private final HadoopDatasetFiles root;

    GroundTruthMasks(HadoopDatasetFiles root) {
        this.root = root;
    }

    @Override
    public EvaluationExample call(ReferringExample e) throws GroundTruthException {
        String uri = root.uri(e.mask());
        DecodedMask mask;
        try {
            mask = ImageDecoder.decodeMask(uri, root.read(e.mask()));
        } catch (FileNotFoundException x) {
            throw new GroundTruthException("ground-truth mask " + uri + " of example " + e.id() + ": file not found "
                    + "(config key 'dataset' must be the root the latent partition was computed from)", x);
        } catch (ImageDataException x) { // its message names the file
            throw new GroundTruthException("ground-truth mask of example " + e.id() + ": " + x.getMessage(), x);
        } catch (IOException x) {
            throw new GroundTruthException("ground-truth mask " + uri + " of example " + e.id() + ": cannot read: "
                    + String.valueOf(x.getMessage()).replace('\n', ' '), x);
        }
        return new EvaluationExample(e.id(), e.imageLatent(), e.tokens(), e.tokenCount(), e.text(),
                PixelMask.of(mask));
    }
}
