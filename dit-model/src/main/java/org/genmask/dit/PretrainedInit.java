package org.genmask.dit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genmask.safetensors.SafetensorsFile;
import org.genmask.safetensors.SafetensorsFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Starts a GenMask DiT from a class-conditional DiT checkpoint (for example a converted DiT-XL/2): every tensor with
 * the same name and shape is copied; a checkpoint that learned sigma gives the model only its velocity channels of
 * the final layer; the label table has no counterpart and is skipped. The new parts (text encoder, cross-attention)
 * keep their initialisation, whose effect is exactly zero (zero cross-attention output projections and a zero last
 * pooled-text layer), so the model starts as the pretrained DiT conditioned on no label.
 *
 * @param loaded  copied as they are
 * @param adapted copied after selecting channels
 * @param skipped in the checkpoint, not used
 * @param fresh   in the model, not in the checkpoint (kept at their initialisation)
 */
public record PretrainedInit(List<String> loaded, List<String> adapted, List<String> skipped, List<String> fresh) {

    public static PretrainedInit apply(GenMaskDiT model, Path file) throws IOException {
        StateDict params = model.stateDict();
        DiTConfig config = model.config();
        List<String> loaded = new ArrayList<>();
        List<String> adapted = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> fresh = new ArrayList<>(params.names());
        try (SafetensorsFile in = SafetensorsFile.open(file)) {
            for (String name : in.names()) {
                if (!params.names().contains(name) || params.isBuffer(name)) {
                    skipped.add(name);
                    continue;
                }
                INDArray target = params.array(name);
                INDArray source = in.read(name);
                if (java.util.Arrays.equals(source.shape(), target.shape())) {
                    target.assign(source);
                    loaded.add(name);
                } else if (name.startsWith("final_layer.linear.")) {
                    target.assign(velocityChannels(source, config, file, name));
                    adapted.add(name);
                } else {
                    throw new SafetensorsFormatException(file + ": tensor '" + name + "' has shape "
                            + java.util.Arrays.toString(source.shape()) + ", the model needs "
                            + java.util.Arrays.toString(target.shape()));
                }
                fresh.remove(name);
            }
        }
        fresh.removeIf(params::isBuffer);
        return new PretrainedInit(loaded, adapted, skipped, fresh);
    }

    /**
     * The final layer's rows are ordered (row-in-patch, column-in-patch, channel) over 2C channels when sigma is
     * learned; keep the first C channels of each patch position.
     */
    private static INDArray velocityChannels(INDArray source, DiTConfig config, Path file, String name)
            throws SafetensorsFormatException {
        int c = config.inChannels();
        int positions = config.patchSize() * config.patchSize();
        if (source.size(0) != (long) positions * 2 * c) {
            throw new SafetensorsFormatException(file + ": tensor '" + name + "' has " + source.size(0)
                    + " rows; expected " + positions * 2 * c + " (learned sigma) or " + positions * c);
        }
        long[] shape = source.shape().clone();
        shape[0] = (long) positions * c;
        INDArray out = org.nd4j.linalg.factory.Nd4j.create(source.dataType(), shape);
        for (int pos = 0; pos < positions; pos++) {
            INDArray rows = source.get(NDArrayIndex.interval((long) pos * 2 * c, (long) pos * 2 * c + c));
            out.get(NDArrayIndex.interval((long) pos * c, (long) (pos + 1) * c)).assign(rows);
        }
        return out;
    }
}
