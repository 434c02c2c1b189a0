package org.genmask.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PngWriterTest {

    @Test
    void rgbRoundTripsThroughTheDecoder() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        int r = 13;
        float[] chw = new float[3 * r * r];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextInt(256) / 127.5f - 1f;
        }
        SquareImage image = new SquareImage(r, chw);
        byte[] png = PngWriter.rgb(image);
        assertArrayEquals(png, PngWriter.rgb(new SquareImage(r, chw)), "deterministic bytes");
        SquareImage back = new SquareResize(r).image(ImageDecoder.decodeImage("x.png", png));
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < r; y++) {
                for (int x = 0; x < r; x++) {
                    assertEquals(image.get(c, y, x), back.get(c, y, x), 1e-6);
                }
            }
        }
    }

    @Test
    void outOfRangeValuesAreClampedAndRoundedHalfUp() throws Exception {
        byte[] png = PngWriter.rgb(1, 2, new float[] {-3f, 5f, 0f, 1f, -1f, -1f + 1f / 127.5f});
        DecodedImage d = ImageDecoder.decodeImage("x.png", png);
        assertEquals(0f, d.get(0, 0, 0));
        assertEquals(1f, d.get(0, 1, 0));
        assertEquals(128f / 255f, d.get(1, 0, 0), 1e-7);
        assertEquals(1f / 255f, d.get(2, 1, 0), 1e-7);
    }

    @Test
    void maskRoundTripsAndIsWhiteOnBlack() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        boolean[] bits = new boolean[20 * 20];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = random.nextInt(3) == 0;
        }
        SquareMask mask = new SquareMask(20, bits);
        byte[] png = PngWriter.mask(mask);
        assertEquals(mask, new SquareResize(20).mask(ImageDecoder.decodeMask("m.png", png)));
        DecodedImage asImage = ImageDecoder.decodeImage("m.png", png);
        for (int i = 0; i < bits.length; i++) {
            assertEquals(bits[i] ? 1f : 0f, asImage.get(0, i / 20, i % 20));
        }
        DecodedImage rgb = ImageDecoder.decodeImage("m_rgb.png", PngWriter.rgb(mask.toImage()));
        assertEquals(asImage, rgb, "the mask as a black/white RGB image");
    }
}
