package org.genmask.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genmask.safetensors.SafetensorsFile;
import org.genmask.safetensors.SafetensorsFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads AutoencoderKL weights from a diffusers safetensors file. Accepts, like diffusers' loader, the deprecated
 * mid-block attention names of older checkpoints ({@code query}, {@code key}, {@code value}, {@code proj_attn} for
 * {@code to_q}, {@code to_k}, {@code to_v}, {@code to_out.0}). Anything missing, unexpected or of the wrong shape
 * is reported in one error naming the file and the tensors.
 */
final class VaeWeightsReader {
    private static final String[][] DEPRECATED = {
        {".to_q.", ".query."}, {".to_k.", ".key."}, {".to_v.", ".value."}, {".to_out.0.", ".proj_attn."},
    };

    private VaeWeightsReader() {
    }

    /** Tensors named as in {@code expected} (state-dict name to PyTorch shape), in its order. */
    static Map<String, INDArray> read(SafetensorsFile file, Map<String, long[]> expected)
            throws SafetensorsFormatException {
        Set<String> stored = file.names();
        Map<String, String> source = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> wrongShape = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            String name = e.getKey();
            String found = stored.contains(name) ? name : deprecatedName(name);
            if (found == null || !stored.contains(found)) {
                missing.add(name);
                continue;
            }
            long[] shape = file.info(found).shape();
            if (!Arrays.equals(shape, e.getValue())) {
                wrongShape.add(found + " " + Arrays.toString(shape) + " expected " + Arrays.toString(e.getValue()));
            }
            source.put(name, found);
        }
        Set<String> used = new HashSet<>(source.values());
        List<String> unexpected = stored.stream().filter(n -> !used.contains(n)).toList();
        if (!missing.isEmpty() || !unexpected.isEmpty() || !wrongShape.isEmpty()) {
            throw new SafetensorsFormatException(file.path() + ": tensors do not match the AutoencoderKL config: missing "
                    + missing + "; unexpected " + unexpected + "; wrong shape " + wrongShape);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        source.forEach((name, found) -> out.put(name, file.read(found)));
        return out;
    }

    /** The pre-0.14 diffusers name of a mid-block attention parameter, or null for other parameters. */
    private static String deprecatedName(String name) {
        if (!name.contains(".mid_block.attentions.")) {
            return null;
        }
        for (String[] pair : DEPRECATED) {
            if (name.contains(pair[0])) {
                return name.replace(pair[0], pair[1]);
            }
        }
        return null;
    }
}
