package org.genmask.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "no " + format + " writer for " + img);
        return out.toByteArray();
    }

    @Test
    void eightBitGreyIsReplicatedToRgb() throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(1, 0, 0, 51);
        img.getRaster().setSample(2, 1, 0, 255);
        DecodedImage d = ImageDecoder.decodeImage("g.png", encode(img, "png"));
        assertEquals(3, d.width());
        assertEquals(2, d.height());
        for (int c = 0; c < 3; c++) {
            assertEquals(0.2f, d.get(c, 0, 1), 1e-7);
            assertEquals(1f, d.get(c, 1, 2));
            assertEquals(0f, d.get(c, 0, 0));
        }
    }

    @Test
    void sixteenBitGreyAndRgbScaleRawSamples() throws Exception {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(0, 0, 0, 65535);
        grey.getRaster().setSample(1, 0, 0, 1);
        DecodedImage g = ImageDecoder.decodeImage("g16.png", encode(grey, "png"));
        assertEquals(1f, g.get(1, 0, 0));
        assertEquals(1f / 65535f, g.get(2, 0, 1), 1e-9);
        DecodedMask m = ImageDecoder.decodeMask("g16.png", encode(grey, "png"));
        assertTrue(m.get(0, 1), "16-bit value 1 is non-zero");

        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {65535, 0, 13107});
        BufferedImage rgb16 = new BufferedImage(cm, raster, false, null);
        DecodedImage d = ImageDecoder.decodeImage("rgb16.png", encode(rgb16, "png"));
        assertEquals(1f, d.get(0, 0, 0));
        assertEquals(0f, d.get(1, 0, 0));
        assertEquals(0.2f, d.get(2, 0, 0), 1e-6);
    }

    @Test
    void rgbAndRgbaKeepColourAndDropAlpha() throws Exception {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xff3300);
        rgb.setRGB(1, 0, 0x0000ff);
        DecodedImage d = ImageDecoder.decodeImage("rgb.png", encode(rgb, "png"));
        assertEquals(1f, d.get(0, 0, 0));
        assertEquals(0.2f, d.get(1, 0, 0), 1e-7);
        assertEquals(0f, d.get(2, 0, 0));
        assertEquals(1f, d.get(2, 0, 1));

        BufferedImage rgba = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x8033cc00);
        DecodedImage a = ImageDecoder.decodeImage("rgba.png", encode(rgba, "png"));
        assertEquals(0.2f, a.get(0, 0, 0), 1e-7);
        assertEquals(0.8f, a.get(1, 0, 0), 1e-7);
        assertEquals(0f, a.get(2, 0, 0));
    }

    @Test
    void paletteImagesUseColoursAndPaletteMasksUseIndices() throws Exception {
        byte[] r = {(byte) 255, 0, 0};
        byte[] g = {(byte) 255, 0, (byte) 255};
        byte[] b = {(byte) 255, 0, 0};
        IndexColorModel icm = new IndexColorModel(2, 3, r, g, b);
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, icm);
        img.getRaster().setSample(0, 0, 0, 0);
        img.getRaster().setSample(1, 0, 0, 1);
        img.getRaster().setSample(2, 0, 0, 2);
        byte[] png = encode(img, "png");
        DecodedImage d = ImageDecoder.decodeImage("p.png", png);
        assertEquals(1f, d.get(0, 0, 0), "index 0 is white");
        assertEquals(0f, d.get(1, 0, 1), "index 1 is black");
        assertEquals(1f, d.get(1, 0, 2), "index 2 is green");
        assertEquals(0f, d.get(0, 0, 2));
        DecodedMask m = ImageDecoder.decodeMask("p.png", png);
        assertFalse(m.get(0, 0), "index 0 = background although white");
        assertTrue(m.get(0, 1), "index 1 = object although black");
        assertTrue(m.get(0, 2));
        assertEquals(2, m.count());
    }

    @Test
    void rgbMaskIsObjectWhereAnyChannelIsNonZero() throws Exception {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(1, 0, 0x000001);
        img.setRGB(2, 0, 0x010000);
        DecodedMask m = ImageDecoder.decodeMask("m.png", encode(img, "png"));
        assertFalse(m.get(0, 0));
        assertTrue(m.get(0, 1));
        assertTrue(m.get(0, 2));
    }

    @Test
    void jpegDecodesToRgbApproximately() throws Exception {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, 0xc83232);
            }
        }
        DecodedImage d = ImageDecoder.decodeImage("a.jpg", encode(img, "jpg"));
        assertEquals(200 / 255f, d.get(0, 8, 8), 0.03);
        assertEquals(50 / 255f, d.get(1, 8, 8), 0.03);
        assertEquals(50 / 255f, d.get(2, 8, 8), 0.03);
    }

    @Test
    void undecodableBytesNameTheFile() {
        ImageDataException e = assertThrows(ImageDataException.class,
                () -> ImageDecoder.decodeImage("images/x.png", new byte[] {1, 2, 3}));
        assertEquals(ImageProblem.UNDECODABLE, e.problem());
        assertEquals("images/x.png: not an image format ImageIO reads (expected PNG or JPEG)", e.getMessage());
        ImageDataException empty = assertThrows(ImageDataException.class,
                () -> ImageDecoder.decodeMask("masks/y.png", new byte[0]));
        assertEquals("masks/y.png: empty file", empty.getMessage());
    }
}
