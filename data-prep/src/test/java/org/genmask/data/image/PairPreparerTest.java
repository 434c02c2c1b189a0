package org.genmask.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class PairPreparerTest {

    private final PairPreparer preparer = PairPreparer.ofResolution(16);

    private static byte[] greyPng(int w, int h, int x0, int x1) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = x0; x < x1; x++) {
                img.getRaster().setSample(x, y, 0, 200);
            }
        }
        return ImageDecoderTest.encode(img, "png");
    }

    @Test
    void preparesAPairAsTensors() throws Exception {
        ImagePair pair = preparer.pair("images/a.png", greyPng(32, 16, 8, 21), "masks/a_0.png",
                greyPng(32, 16, 12, 20));
        assertEquals(16, pair.image().resolution());
        assertEquals(8 * 16, pair.mask().count(), "scale 1 (height is 16); crop from column 8 keeps 12..19 as 4..11");
        INDArray image = pair.image().toNd4j();
        assertArrayEquals(new long[] {3, 16, 16}, image.shape());
        INDArray mask = pair.mask().toNd4j();
        assertArrayEquals(new long[] {3, 16, 16}, mask.shape());
        assertEquals(1f, mask.getFloat(2, 3, 5));
        assertEquals(-1f, mask.getFloat(0, 3, 3));
        assertEquals(3 * (128 - 128), mask.sumNumber().intValue(), "128 white (1) and 128 black (-1) per channel");
        assertEquals(2 * 200 / 255f - 1, pair.image().get(0, 0, 12), 1e-6, "source column 20");
        assertEquals(-1f, pair.image().get(0, 0, 13), 1e-6, "source column 21");
    }

    @Test
    void sizeMismatchNamesBothSizes() throws Exception {
        ImageDataException e = assertThrows(ImageDataException.class, () -> preparer.pair("images/a.png",
                greyPng(32, 16, 0, 4), "masks/a_0.png", greyPng(16, 16, 0, 4)));
        assertEquals(ImageProblem.SIZE_MISMATCH, e.problem());
        assertEquals("masks/a_0.png: mask is 16x16 but its image images/a.png is 32x16", e.getMessage());
    }

    @Test
    void emptyMasksAreReportedBeforeAndAfterTheCrop() throws Exception {
        ImageDataException empty = assertThrows(ImageDataException.class, () -> preparer.pair("images/a.png",
                greyPng(32, 16, 0, 4), "masks/a_0.png", greyPng(32, 16, 0, 0)));
        assertEquals(ImageProblem.EMPTY_MASK, empty.problem());
        assertEquals("masks/a_0.png: mask is empty (no non-zero pixel)", empty.getMessage());
        ImageDataException cropped = assertThrows(ImageDataException.class, () -> preparer.pair("images/a.png",
                greyPng(32, 16, 0, 4), "masks/a_0.png", greyPng(32, 16, 0, 7)));
        assertEquals(ImageProblem.EMPTY_AFTER_CROP, cropped.problem());
        assertEquals("masks/a_0.png: mask is empty after resize and centre crop to 16x16 (had 112 object pixels"
                + " at 32x16)", cropped.getMessage());
    }
}
