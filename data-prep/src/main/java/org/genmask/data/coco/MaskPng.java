package org.genmask.data.coco;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Masks as 8-bit greyscale PNGs: 255 for object pixels, 0 for background. */
final class MaskPng {

    static final int ON = 255;

    private MaskPng() {
    }

    /** Writes the mask to {@code file} (through a temporary file beside it, so a reader never sees half a PNG). */
    static void write(BinaryMask mask, Path file) throws IOException {
        BufferedImage img = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        boolean[] p = mask.pixels();
        for (int i = 0; i < p.length; i++) {
            data[i] = p[i] ? (byte) ON : 0;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (!ImageIO.write(img, "png", tmp.toFile())) {
            throw new IOException(file + ": no PNG writer available in this JVM");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
