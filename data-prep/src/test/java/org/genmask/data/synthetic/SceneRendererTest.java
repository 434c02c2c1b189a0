package org.genmask.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SceneRendererTest {

    @Test
    void masksAreExactlyThePixelsPaintedInTheObjectsColour() {
        for (int size : new int[] {64, 256}) {
            SyntheticDatasetGenerator generator = new SyntheticDatasetGenerator(
                    new SyntheticConfig("unused", 200, size, 9L, 0.1, 0.1, 2, 4, 1));
            for (int i = 0; i < (size == 64 ? 200 : 40); i++) {
                Scene scene = generator.sample(i).scene();
                byte[] rgb = SceneRenderer.rgb(scene, size);
                List<SceneObject> objs = scene.objects();
                boolean[][] masks = new boolean[objs.size()][];
                for (int k = 0; k < objs.size(); k++) {
                    masks[k] = SceneRenderer.mask(objs.get(k), size);
                }
                for (int p = 0; p < size * size; p++) {
                    int owner = -1;
                    for (int k = 0; k < objs.size(); k++) {
                        if (masks[k][p]) {
                            assertEquals(-1, owner, "masks overlap at pixel " + p + " of image " + i);
                            owner = k;
                        }
                    }
                    int r = rgb[3 * p] & 0xff;
                    int g = rgb[3 * p + 1] & 0xff;
                    int b = rgb[3 * p + 2] & 0xff;
                    if (owner >= 0) {
                        ShapeColor c = objs.get(owner).color();
                        assertEquals(List.of(c.red(), c.green(), c.blue()), List.of(r, g, b), "image " + i);
                    } else {
                        int spread = Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
                        assertTrue(spread <= 16, "background pixel " + p + " of image " + i + " is near-grey");
                    }
                }
                for (int k = 0; k < objs.size(); k++) {
                    int count = 0;
                    for (boolean bit : masks[k]) {
                        count += bit ? 1 : 0;
                    }
                    assertTrue(count > 0, "mask " + k + " of image " + i + " is empty");
                }
            }
        }
    }

    @Test
    void shapesHaveTheirExpectedAreasAndPlaces() {
        int size = 400;
        double r = 0.15;
        double[] expectedArea = {
            Math.PI * r * r,
            4 * 0.78 * 0.78 * r * r,
            3 * Math.sqrt(3) / 4 * r * r,
            2 * 0.75 * r * r,
            0, // star: checked against its inner and outer circles below
        };
        for (ShapeKind shape : ShapeKind.values()) {
            SceneObject o = new SceneObject(shape, ShapeColor.RED, ShapeSize.LARGE, 0.5, 0.5, r);
            boolean[] mask = SceneRenderer.mask(o, size);
            int count = 0;
            for (boolean b : mask) {
                count += b ? 1 : 0;
            }
            double area = count / (double) (size * size);
            if (shape != ShapeKind.STAR) {
                assertEquals(expectedArea[shape.ordinal()], area, 0.02 * expectedArea[shape.ordinal()], shape.word());
            } else {
                assertTrue(area > Math.PI * 0.45 * 0.45 * r * r && area < 0.5 * Math.PI * r * r, "star area " + area);
            }
            assertTrue(mask[size / 2 * size + size / 2], shape.word() + " covers its centre");
            assertFalse(mask[0], shape.word() + " stays near its centre");
            double extent = r * shape.extent();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (mask[y * size + x]) {
                        double dx = (x + 0.5) / size - 0.5;
                        double dy = (y + 0.5) / size - 0.5;
                        assertTrue(Math.hypot(dx, dy) <= extent + 1e-9, shape.word() + " exceeds its extent");
                    }
                }
            }
        }
        SceneObject triangle = new SceneObject(ShapeKind.TRIANGLE, ShapeColor.RED, ShapeSize.LARGE, 0.5, 0.5, r);
        assertTrue(triangle.contains(0.5, 0.5 - 0.9 * r), "apex up");
        assertFalse(triangle.contains(0.5, 0.5 + 0.9 * r), "flat base below");
    }
}
