package org.genmask.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decodes image and mask files with {@code javax.imageio} (PNG and JPEG; whatever else ImageIO reads works too).
 *
 * <p>Images: 8- or 16-bit grey (replicated to R, G, B), RGB, grey+alpha and RGBA (alpha is dropped, colour kept
 * as stored), palette (the palette's colours). Raw samples are scaled by {@code 1 / (2^bits - 1)} with no colour
 * management, so a 16-bit grey value 65535 is exactly 1.0. JPEG EXIF orientation is ignored.
 *
 * <p>Masks: 0 = background, non-zero = object, judged on raw samples: for grey, the grey sample; for RGB(A), any
 * of R, G, B non-zero (alpha ignored); for palette images, the palette <em>index</em> (index 0 = background,
 * whatever its colour, as in PASCAL VOC-style masks).
 */
public final class ImageDecoder {

    static {
        ImageIO.setUseCache(false);
    }

    private ImageDecoder() {
    }

    /**
     * Decodes an image file.
     *
     * @param name  the file's name for messages (e.g. {@code images/000001.png})
     * @param bytes the file's bytes
     * @throws ImageDataException {@link ImageProblem#UNDECODABLE} or {@link ImageProblem#UNSUPPORTED}
     */
    public static DecodedImage decodeImage(String name, byte[] bytes) throws ImageDataException {
        return image(name, read(name, bytes));
    }

    /**
     * Decodes a mask file (non-zero = object).
     *
     * @param name  the file's name for messages
     * @param bytes the file's bytes
     * @throws ImageDataException {@link ImageProblem#UNDECODABLE} or {@link ImageProblem#UNSUPPORTED}
     */
    public static DecodedMask decodeMask(String name, byte[] bytes) throws ImageDataException {
        return mask(name, read(name, bytes));
    }

    /** An already decoded {@link BufferedImage} as an image, by the rules above. */
    public static DecodedImage image(String name, BufferedImage img) throws ImageDataException {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] planes = new float[3 * w * h];
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        int plane = w * h;
        if (cm instanceof IndexColorModel icm) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = icm.getRGB(r.getSample(x, y, 0));
                    int i = y * w + x;
                    planes[i] = ((rgb >> 16) & 0xff) / 255f;
                    planes[plane + i] = ((rgb >> 8) & 0xff) / 255f;
                    planes[2 * plane + i] = (rgb & 0xff) / 255f;
                }
            }
            return new DecodedImage(w, h, planes);
        }
        boolean grey = colourComponents(name, cm) == 1;
        for (int c = 0; c < 3; c++) {
            int band = grey ? 0 : c;
            float max = (1 << cm.getComponentSize(band)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    planes[c * plane + y * w + x] = Math.min(1f, r.getSample(x, y, band) / max);
                }
            }
        }
        return new DecodedImage(w, h, planes);
    }

    /** An already decoded {@link BufferedImage} as a mask, by the rules above. */
    public static DecodedMask mask(String name, BufferedImage img) throws ImageDataException {
        int w = img.getWidth();
        int h = img.getHeight();
        boolean[] bits = new boolean[w * h];
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        int bands = cm instanceof IndexColorModel ? 1 : colourComponents(name, cm);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean on = false;
                for (int b = 0; b < bands && !on; b++) {
                    on = r.getSample(x, y, b) != 0;
                }
                bits[y * w + x] = on;
            }
        }
        return new DecodedMask(w, h, bits);
    }

    private static int colourComponents(String name, ColorModel cm) throws ImageDataException {
        int type = cm.getColorSpace().getType();
        int n = cm.getNumColorComponents();
        if ((type == ColorSpace.TYPE_GRAY && n == 1) || (type == ColorSpace.TYPE_RGB && n == 3)) {
            return n;
        }
        throw new ImageDataException(ImageProblem.UNSUPPORTED, name + ": unsupported colour model ("
                + n + " colour components, colour space type " + type + "); expected grey, RGB or palette");
    }

    private static BufferedImage read(String name, byte[] bytes) throws ImageDataException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDataException(ImageProblem.UNDECODABLE, name + ": empty file");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            String m = String.valueOf(e.getMessage()).replace('\n', ' ');
            throw new ImageDataException(ImageProblem.UNDECODABLE, name + ": cannot decode: " + m);
        }
        if (img == null) {
            throw new ImageDataException(ImageProblem.UNDECODABLE, name + ": not an image format ImageIO reads"
                    + " (expected PNG or JPEG)");
        }
        return img;
    }
}
