package org.genmask.data.coco;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * COCO {@code segmentation} values to masks, with pycocotools {@code COCO.annToRLE} / {@code annToMask} semantics.
 *
 * <p>The three JSON forms:
 * <ul>
 *   <li><b>polygons</b> {@code [[x1, y1, x2, y2, ...], ...]}: each polygon is rasterized as {@code rleFrPoly}
 *       ({@link PolygonRasterizer}) on the image's height x width, and the parts of one object are merged (union).
 *       As in {@code frPyObjects}, when the <i>first</i> list has exactly 4 numbers every list is read as a box
 *       {@code [x, y, w, h]} ({@code frBbox}); a first list of fewer than 4 numbers is refused.</li>
 *   <li><b>uncompressed RLE</b> {@code {"size": [h, w], "counts": [c0, c1, ...]}} ({@link CocoRle}).</li>
 *   <li><b>compressed RLE</b> {@code {"size": [h, w], "counts": "..."}} ({@link CocoRle#fromCompressedString}).</li>
 * </ul>
 * pycocotools takes an RLE's size from the RLE itself; here it must equal the image's, since a mask of another size
 * cannot be paired with the image.
 *
 * <p>Errors are {@link IllegalArgumentException}s with one-line messages that start with the caller's
 * {@code where} (e.g. "instances.json: annotation 42") and name the field ("segmentation.size",
 * "segmentation[1][6]").
 */
public final class CocoMasks {

    /** Polygon coordinates beyond this many image sizes (max(height, width)) from the image are refused. */
    static final int COORDINATE_BOUND_SIZES = 16;

    private CocoMasks() {
    }

    /**
     * The RLE of a JSON segmentation on an image of the given size.
     *
     * @param where a prefix for error messages naming the file and the annotation
     * @throws IllegalArgumentException if the segmentation is malformed or its RLE size is not the image size
     */
    public static CocoRle toRle(JsonNode segmentation, int imageHeight, int imageWidth, String where) {
        BinaryMask.checkSize(imageWidth, imageHeight);
        if (segmentation == null || segmentation.isMissingNode() || segmentation.isNull()) {
            throw new IllegalArgumentException(where + ": segmentation: missing");
        }
        if (segmentation.isArray()) {
            return fromPolygonJson(segmentation, imageHeight, imageWidth, where);
        }
        if (segmentation.isObject()) {
            return fromRleJson(segmentation, imageHeight, imageWidth, where);
        }
        throw new IllegalArgumentException(where + ": segmentation: expected a list of polygons or an RLE object, got "
                + segmentation.getNodeType());
    }

    /** The decoded mask of a JSON segmentation (see {@link #toRle}). */
    public static BinaryMask decode(JsonNode segmentation, int imageHeight, int imageWidth, String where) {
        return toRle(segmentation, imageHeight, imageWidth, where).decode();
    }

    /**
     * The union of polygons {@code [x1, y1, x2, y2, ...]} (pycocotools {@code merge(frPoly(polygons, h, w))}),
     * each rasterized as {@code rleFrPoly}. No box reading here: a 4-number list is a 2-vertex polygon.
     *
     * @throws IllegalArgumentException if the list is empty or a coordinate is not finite or far outside the image
     */
    public static CocoRle fromPolygons(List<double[]> polygons, int height, int width) {
        if (polygons.isEmpty()) {
            throw new IllegalArgumentException("no polygons");
        }
        List<CocoRle> parts = new ArrayList<>(polygons.size());
        for (int i = 0; i < polygons.size(); i++) {
            double[] xy = polygons.get(i);
            checkCoordinates(xy, height, width, "polygon " + i);
            parts.add(PolygonRasterizer.polygon(xy, height, width));
        }
        return CocoRle.union(parts);
    }

    /** A box {@code [x, y, w, h]} as pycocotools {@code frBbox}. */
    public static CocoRle fromBox(double x, double y, double w, double h, int height, int width) {
        checkCoordinates(new double[] {x, y, x + w, y + h}, height, width, "box");
        return PolygonRasterizer.box(x, y, w, h, height, width);
    }

    private static CocoRle fromPolygonJson(JsonNode seg, int h, int w, String where) {
        if (seg.isEmpty()) {
            throw new IllegalArgumentException(where + ": segmentation: empty polygon list");
        }
        List<double[]> lists = new ArrayList<>(seg.size());
        for (int i = 0; i < seg.size(); i++) {
            lists.add(numbers(seg.get(i), where + ": segmentation[" + i + "]"));
        }
        int first = lists.get(0).length;
        if (first < 4) {
            throw new IllegalArgumentException(where + ": segmentation[0]: a polygon needs at least 3 points (6 numbers), got "
                    + first + " numbers");
        }
        if (first == 4) {
            List<CocoRle> boxes = new ArrayList<>(lists.size());
            for (int i = 0; i < lists.size(); i++) {
                double[] b = lists.get(i);
                if (b.length != 4) {
                    throw new IllegalArgumentException(where + ": segmentation[" + i + "]: segmentation[0] has 4 numbers, "
                            + "so pycocotools reads every entry as a box [x, y, w, h]; this one has " + b.length);
                }
                boxes.add(wrap(where + ": segmentation[" + i + "]", () -> fromBox(b[0], b[1], b[2], b[3], h, w)));
            }
            return CocoRle.union(boxes);
        }
        List<CocoRle> parts = new ArrayList<>(lists.size());
        for (int i = 0; i < lists.size(); i++) {
            double[] xy = lists.get(i);
            String field = where + ": segmentation[" + i + "]";
            parts.add(wrap(field, () -> {
                checkCoordinates(xy, h, w, "polygon");
                return PolygonRasterizer.polygon(xy, h, w);
            }));
        }
        return CocoRle.union(parts);
    }

    private static CocoRle fromRleJson(JsonNode seg, int h, int w, String where) {
        JsonNode size = seg.get("size");
        if (size == null || !size.isArray() || size.size() != 2) {
            throw new IllegalArgumentException(where + ": segmentation.size: expected [height, width], got " + size);
        }
        int rh = wholeNumber(size.get(0), where + ": segmentation.size[0]");
        int rw = wholeNumber(size.get(1), where + ": segmentation.size[1]");
        if (rh != h || rw != w) {
            throw new IllegalArgumentException(where + ": segmentation.size: RLE size [" + rh + ", " + rw
                    + "] differs from the image size [" + h + ", " + w + "] (height, width)");
        }
        JsonNode counts = seg.get("counts");
        if (counts == null || counts.isNull()) {
            throw new IllegalArgumentException(where + ": segmentation.counts: missing");
        }
        if (counts.isTextual()) {
            return wrap(where + ": segmentation.counts", () -> CocoRle.fromCompressedString(counts.asText(), h, w));
        }
        if (counts.isArray()) {
            int[] c = new int[counts.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = wholeNumber(counts.get(i), where + ": segmentation.counts[" + i + "]");
            }
            return wrap(where + ": segmentation.counts", () -> new CocoRle(h, w, c));
        }
        throw new IllegalArgumentException(where + ": segmentation.counts: expected a list of run lengths or a "
                + "compressed string, got " + counts.getNodeType());
    }

    private static double[] numbers(JsonNode list, String field) {
        if (!list.isArray()) {
            throw new IllegalArgumentException(field + ": expected a polygon [x1, y1, x2, y2, ...], got "
                    + list.getNodeType());
        }
        double[] xy = new double[list.size()];
        for (int j = 0; j < xy.length; j++) {
            JsonNode n = list.get(j);
            if (!n.isNumber()) {
                throw new IllegalArgumentException(field + "[" + j + "]: expected a number, got " + n);
            }
            xy[j] = n.asDouble();
        }
        return xy;
    }

    private static int wholeNumber(JsonNode n, String field) {
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException(field + ": expected a whole number, got " + n);
        }
        double d = n.asDouble();
        if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + ": expected a whole number in [0, " + Integer.MAX_VALUE
                    + "], got " + n);
        }
        return (int) d;
    }

    private static void checkCoordinates(double[] xy, int h, int w, String what) {
        double bound = (double) COORDINATE_BOUND_SIZES * Math.max(h, w);
        for (int j = 0; j < xy.length; j++) {
            if (!Double.isFinite(xy[j]) || Math.abs(xy[j]) > bound) {
                throw new IllegalArgumentException(what + " coordinate " + j + " is " + xy[j] + "; coordinates must be "
                        + "finite and within +-" + COORDINATE_BOUND_SIZES + " x max(height, width) = " + bound);
            }
        }
    }

    /** Runs a conversion and prefixes any data error with the field it came from. */
    private static CocoRle wrap(String field, Supplier<CocoRle> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }
}
