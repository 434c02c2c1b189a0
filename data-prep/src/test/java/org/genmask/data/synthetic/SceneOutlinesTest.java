package org.genmask.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import org.genmask.vae.MaskIoU;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SceneOutlinesTest {
    private static final int SIZE = 32;

    private static List<Scene> scenes(int n) {
        SyntheticDatasetGenerator gen = new SyntheticDatasetGenerator(new SyntheticConfig("in-memory", n, SIZE, 5,
                0.0, 0.0, 2, 4, 1));
        List<Scene> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(gen.sample(i).scene());
        }
        return out;
    }

    private static INDArray render(List<Scene> scenes, boolean dropFirstObject) {
        List<float[]> rows = new ArrayList<>();
        for (Scene s : scenes) {
            boolean[][] masks = SceneRenderer.masks(s, SIZE);
            if (dropFirstObject) {
                masks[0] = new boolean[SIZE * SIZE]; // the first object painted as background
            }
            rows.add(SceneArrays.image(SceneRenderer.rgb(s, SIZE, masks), SIZE));
        }
        return SceneArrays.stack(rows, SIZE);
    }

    @Test
    void theRenderedScenesThemselvesScoreOne() {
        List<Scene> scenes = scenes(24);
        MaskIoU m = SceneOutlines.measure(scenes, render(scenes, false), SIZE);
        assertTrue(m.masks() >= 24, "objects with a colour of their own: " + m);
        assertEquals(1.0, m.meanIoU(), 0.0);
        assertEquals(1.0, m.overallIoU(), 0.0);
    }

    @Test
    void anObjectMissingFromTheDecodedSceneScoresZero() {
        List<Scene> scenes = scenes(24);
        MaskIoU m = SceneOutlines.measure(scenes, render(scenes, true), SIZE);
        assertEquals(0.0, m.minIoU(), 0.0, m.toString());
        assertTrue(m.meanIoU() < 0.9, m.toString());
    }

    @Test
    void aBlurredSceneLosesBoundaryPixels() {
        List<Scene> scenes = scenes(24);
        INDArray sharp = render(scenes, false);
        INDArray blurred = sharp.dup();                                                   // [N, 3, 32, 32]
        for (int x = 1; x < SIZE; x++) { // average each column with its left neighbour: edges become blends
            INDArray left = sharp.get(all(), all(), all(), point(x - 1));
            INDArray here = sharp.get(all(), all(), all(), point(x));
            blurred.get(all(), all(), all(), point(x)).assign(here.add(left).divi(2));
        }
        MaskIoU m = SceneOutlines.measure(scenes, blurred, SIZE);
        assertTrue(m.overallIoU() < 0.95 && m.overallIoU() > 0.3, m.toString());
    }

    @Test
    void aDecodedBatchOfTheWrongShapeIsRefused() {
        List<Scene> scenes = scenes(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SceneOutlines.measure(scenes, Nd4j.zeros(3, 3, SIZE, SIZE), SIZE));
        assertTrue(e.getMessage().contains("[2, 3, 32, 32]"), e.getMessage());
    }
}
