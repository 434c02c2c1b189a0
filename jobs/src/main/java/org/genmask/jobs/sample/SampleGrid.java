package org.genmask.jobs.sample;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.genmask.data.image.PngWriter;

/**
 * All generated images on one PNG, row-major in prompt order: {@code columns = ceil(sqrt(n))} tiles per row,
 * {@link #GAP} white pixels between tiles and around them. Prompt texts are not drawn (that would need fonts on the
 * driver); samples.json gives each prompt's row and column.
 *
 * @param columns tiles per row
 * @param rows    rows of tiles
 * @param tile    a tile's side in pixels (every image has this size)
 */
record SampleGrid(int columns, int rows, int tile) {
    /** Pixels between tiles and at the border. */
    static final int GAP = 2;

    /** The layout for {@code n} square images of side {@code tile}. */
    static SampleGrid of(int n, int tile) {
        int columns = (int) Math.ceil(Math.sqrt(n));
        return new SampleGrid(columns, (n + columns - 1) / columns, tile);
    }

    /** Row of image {@code i}. */
    int row(int i) {
        return i / columns;
    }

    /** Column of image {@code i}. */
    int column(int i) {
        return i % columns;
    }

    int width() {
        return columns * (tile + GAP) + GAP;
    }

    int height() {
        return rows * (tile + GAP) + GAP;
    }

    /** The grid PNG of these images (in prompt order, each {@code tile x tile}). */
    byte[] png(List<GeneratedImage> images) throws IOException {
        int width = width();
        byte[] rgb = new byte[3 * width * height()];                       // interleaved RGB, row-major
        Arrays.fill(rgb, (byte) 255);
        for (int i = 0; i < images.size(); i++) {
            GeneratedImage g = images.get(i);
            if (g.width() != tile || g.height() != tile) {
                throw new IllegalArgumentException("image " + g.index() + " is " + g.width() + "x" + g.height()
                        + ", the grid's tiles are " + tile + "x" + tile);
            }
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(g.png()));
            int x0 = GAP + column(i) * (tile + GAP);
            int y0 = GAP + row(i) * (tile + GAP);
            for (int y = 0; y < tile; y++) {
                for (int x = 0; x < tile; x++) {
                    int argb = img.getRGB(x, y);
                    int at = 3 * ((y0 + y) * width + x0 + x);
                    rgb[at] = (byte) (argb >> 16);
                    rgb[at + 1] = (byte) (argb >> 8);
                    rgb[at + 2] = (byte) argb;
                }
            }
        }
        return PngWriter.rgb8(width, height(), rgb);
    }
}
