package org.genmask.dit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmask.safetensors.SafetensorsFile;
import org.genmask.safetensors.SafetensorsFormatException;
import org.genmask.safetensors.SafetensorsWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Imports and exports a {@link GenMaskDiT}'s weights as safetensors with the reference state-dict names and layouts.
 */
public final class DiTWeights {

    /** The fixed position embedding in a file may differ from ours by float32 rounding only. */
    private static final double POS_EMBED_TOLERANCE = 1e-5;

    private DiTWeights() {
    }

    /** Every exported name with its shape, in state-dict order. */
    public static Map<String, long[]> expectedShapes(GenMaskDiT model) {
        StateDict params = model.stateDict();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : params.names()) {
            shapes.put(name, params.shape(name));
        }
        return shapes;
    }

    /**
     * Loads every tensor of the model from a safetensors file; a missing, unexpected or wrongly shaped tensor is an
     * error naming it. {@code pos_embed} is checked against the fixed table rather than loaded.
     */
    public static void load(GenMaskDiT model, Path file) throws IOException {
        try (SafetensorsFile in = SafetensorsFile.open(file)) {
            Map<String, INDArray> tensors = in.readAll(expectedShapes(model));
            StateDict params = model.stateDict();
            for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
                INDArray target = params.array(e.getKey());
                if (params.isBuffer(e.getKey())) {
                    double diff = target.sub(e.getValue()).amaxNumber().doubleValue();
                    if (diff > POS_EMBED_TOLERANCE) {
                        throw new SafetensorsFormatException(file + ": tensor '" + e.getKey()
                                + "' differs from the fixed 2-D sin-cos table by " + diff);
                    }
                } else {
                    target.assign(e.getValue());
                }
            }
        }
    }

    /** Writes every tensor (buffers included) in state-dict order; atomic. */
    public static void save(GenMaskDiT model, Path file, Map<String, String> metadata) throws IOException {
        StateDict params = model.stateDict();
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (String name : params.names()) {
            tensors.put(name, params.array(name));
        }
        SafetensorsWriter.write(file, tensors, metadata);
    }
}
