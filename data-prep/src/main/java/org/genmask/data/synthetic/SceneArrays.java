package org.genmask.data.synthetic;

import java.util.List;
import org.genmask.data.image.SquareMask;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Rendered scenes and masks as the VAE sees them: CHW float arrays in [-1, 1], stacked into {@code [N, 3, S, S]}. */
final class SceneArrays {
    private SceneArrays() {
    }

    /** Interleaved 8-bit RGB ({@link SceneRenderer#rgb}) -> CHW in [-1, 1]. */
    static float[] image(byte[] rgb, int size) {
        int plane = size * size;
        float[] chw = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                chw[c * plane + p] = (rgb[3 * p + c] & 0xff) / 127.5f - 1f;
            }
        }
        return chw;
    }

    /** A binary mask -> the black/white RGB image the pipeline encodes ({@link SquareMask#toRgb()}), CHW. */
    static float[] mask(boolean[] m, int size) {
        return new SquareMask(size, m).toRgb();
    }

    /** {@code rows} of {@code 3 * size * size} values -> {@code [rows, 3, size, size]}. */
    static INDArray stack(List<float[]> rows, int size) {
        int n = 3 * size * size;
        float[] all = new float[rows.size() * n];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * n, n);
        }
        return Nd4j.create(all, new long[] {rows.size(), 3, size, size}, 'c');
    }
}
