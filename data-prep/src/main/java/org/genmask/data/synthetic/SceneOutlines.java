package org.genmask.data.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genmask.vae.MaskIoU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How much of each object's outline survives in a decoded scene, read by a colour oracle: every pixel of the decoded
 * scene gets the label of the nearest (squared RGB distance, 0..255 units) of the scene's true colours, that is each
 * object's colour and the pixel's own background colour. An object's predicted mask is the set of pixels labelled
 * with its colour; its reference is the set of pixels where it is the topmost object. Objects whose colour another
 * object of the same scene shares are skipped (their pixels cannot be told apart by colour).
 *
 * <p>The oracle knows every colour, so the score measures the scene's geometry alone: on the rendered scene itself it
 * is exactly 1. On a VAE round trip it bounds how sharply a model that reads only the image latent can place an
 * object's boundary, unless it learned the shapes well enough to restore what the latent blurred.
 */
public final class SceneOutlines {
    private SceneOutlines() {
    }

    /**
     * @param scenes  the scenes, in the order of {@code decoded}
     * @param decoded {@code [N, 3, size, size]} decoded scenes, nominally in [-1, 1]
     * @return per-object IoU of the colour-labelled pixels against the visible pixels (as {@link MaskIoU}: mean,
     *         overall, minimum, count); count 0 when no object has a colour of its own
     */
    public static MaskIoU measure(List<Scene> scenes, INDArray decoded, int size) {
        if (decoded.rank() != 4 || decoded.size(0) != scenes.size() || decoded.size(1) != 3 || decoded.size(2) != size
                || decoded.size(3) != size) {
            throw new IllegalArgumentException("SceneOutlines: decoded scenes must be [" + scenes.size() + ", 3, "
                    + size + ", " + size + "], got " + Arrays.toString(decoded.shape()));
        }
        int plane = size * size;
        List<float[]> truth = new ArrayList<>();
        List<float[]> labelled = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            float[] rgb = decoded.slice(i).dup('c').data().asFloat();                  // [3, size, size]
            boolean[][] masks = SceneRenderer.masks(scene, size);
            byte[] background = SceneRenderer.rgb(scene, size, new boolean[0][]);      // the scene without objects
            int[] visible = topmost(masks, plane);
            int[] nearest = nearestColour(scene, rgb, background, plane);
            for (int j = 0; j < masks.length; j++) {
                if (sharesColour(scene, j)) {
                    continue;
                }
                truth.add(SceneArrays.mask(where(visible, j), size));
                labelled.add(SceneArrays.mask(where(nearest, j), size));
            }
        }
        if (truth.isEmpty()) {
            return new MaskIoU(1.0, 1.0, 1.0, 0);
        }
        return MaskIoU.of(SceneArrays.stack(truth, size), SceneArrays.stack(labelled, size));
    }

    /** Per pixel, the index of the last object covering it (objects are painted in order), or -1. */
    private static int[] topmost(boolean[][] masks, int plane) {
        int[] out = new int[plane];
        Arrays.fill(out, -1);
        for (int j = 0; j < masks.length; j++) {
            for (int p = 0; p < plane; p++) {
                if (masks[j][p]) {
                    out[p] = j;
                }
            }
        }
        return out;
    }

    /** Per pixel, the index of the object whose colour is nearest to the decoded pixel, or -1 for the background. */
    private static int[] nearestColour(Scene scene, float[] rgb, byte[] background, int plane) {
        int k = scene.objects().size();
        int[] out = new int[plane];
        for (int p = 0; p < plane; p++) {
            double r = (rgb[p] + 1) * 127.5;
            double g = (rgb[plane + p] + 1) * 127.5;
            double b = (rgb[2 * plane + p] + 1) * 127.5;
            int best = -1;
            double bestDistance = distance(r, g, b, background[3 * p] & 0xff, background[3 * p + 1] & 0xff,
                    background[3 * p + 2] & 0xff);
            for (int j = 0; j < k; j++) {
                ShapeColor c = scene.objects().get(j).color();
                double d = distance(r, g, b, c.red(), c.green(), c.blue());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = j;
                }
            }
            out[p] = best;
        }
        return out;
    }

    private static double distance(double r, double g, double b, int r2, int g2, int b2) {
        return (r - r2) * (r - r2) + (g - g2) * (g - g2) + (b - b2) * (b - b2);
    }

    private static boolean sharesColour(Scene scene, int j) {
        for (int q = 0; q < scene.objects().size(); q++) {
            if (q != j && scene.objects().get(q).color() == scene.objects().get(j).color()) {
                return true;
            }
        }
        return false;
    }

    private static boolean[] where(int[] labels, int j) {
        boolean[] out = new boolean[labels.length];
        for (int p = 0; p < labels.length; p++) {
            out[p] = labels[p] == j;
        }
        return out;
    }
}
