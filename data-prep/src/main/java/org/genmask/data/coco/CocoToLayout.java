package org.genmask.data.coco;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes {@link RefImage}s as a dataset layout under a root directory:
 * <ul>
 *   <li>{@code masks/<image-stem>_<annId>.png}: each object's mask, 8-bit grey, 255 = object, 0 = background;</li>
 *   <li>{@code manifest.jsonl}: one JSON line per image, paths relative to the root:
 *       <pre>{"id": "&lt;image-stem&gt;", "image": "&lt;imageDir&gt;/&lt;file_name&gt;", "split": "train",
 * "objects": [{"id": "&lt;annId&gt;", "mask": "masks/&lt;image-stem&gt;_&lt;annId&gt;.png", "expressions": ["...", ...]}]}</pre></li>
 * </ul>
 * Images are referenced, not copied: {@code imageDir} is where they are relative to the root (e.g. "images", a link
 * to COCO's train2014, or "../coco/train2014"); whether they exist there is not checked. The image stem is the file
 * name without directories and extension; ids must be unique in one layout, so an image that a reader hands out for
 * two splits (RefCOCOg's Google split) is refused the second time: write such splits to separate layouts
 * ({@link CocoRefsReader#onlySplits}).
 *
 * <p>The manifest line format is provisional; {@link #manifestEntry} is the one place that builds it. An existing
 * manifest is replaced; existing masks of the same names are overwritten.
 */
public final class CocoToLayout implements AutoCloseable {

    /** The manifest's file name under the root. */
    public static final String MANIFEST = "manifest.jsonl";
    /** The masks' directory under the root. */
    public static final String MASKS = "masks";
    /** The default image directory under the root. */
    public static final String DEFAULT_IMAGE_DIR = "images";

    private final Path root;
    private final String imageDir;
    private final ObjectMapper json = new ObjectMapper();
    private final BufferedWriter manifest;
    private final Map<String, String> splitOfId = new HashMap<>();
    private int masks;

    /** A layout whose images are under {@value #DEFAULT_IMAGE_DIR}. */
    public CocoToLayout(Path root) throws IOException {
        this(root, DEFAULT_IMAGE_DIR);
    }

    /**
     * Creates the root and its masks directory and starts the manifest.
     *
     * @param imageDir the image directory relative to the root, '/'-separated ("." for the root itself)
     */
    public CocoToLayout(Path root, String imageDir) throws IOException {
        this.imageDir = checkImageDir(imageDir);
        this.root = root;
        Files.createDirectories(root.resolve(MASKS));
        this.manifest = Files.newBufferedWriter(root.resolve(MANIFEST), StandardCharsets.UTF_8);
    }

    /**
     * Writes every image of a reader into a new layout.
     *
     * @return the number of images written
     */
    public static int convert(CocoRefsReader reader, Path root, String imageDir) throws IOException {
        try (CocoToLayout layout = new CocoToLayout(root, imageDir)) {
            reader.read(image -> {
                try {
                    layout.write(image);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return layout.imagesWritten();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes an image's masks and its manifest line.
     *
     * @throws IllegalArgumentException if the image's id was already written or its file name is not a plain
     *                                  relative path
     */
    public void write(RefImage image) throws IOException {
        String id = stem(image.fileName());
        String earlier = splitOfId.putIfAbsent(id, image.split());
        if (earlier != null) {
            throw new IllegalArgumentException(root.resolve(MANIFEST) + ": image " + image.imageId() + " (" + image.fileName()
                    + ", split '" + image.split() + "'): id '" + id + "' is already written for split '" + earlier
                    + "'; write each split to its own layout (CocoRefsReader.onlySplits)");
        }
        for (RefObject o : image.objects()) {
            MaskPng.write(o.mask(), root.resolve(maskPath(id, o)));
            masks++;
        }
        manifest.write(json.writeValueAsString(manifestEntry(image)));
        manifest.write('\n');
    }

    /** The manifest line of an image, as a JSON object (see the class comment). */
    ObjectNode manifestEntry(RefImage image) {
        String id = stem(image.fileName());
        ObjectNode line = json.createObjectNode();
        line.put("id", id);
        line.put("image", imageDir.equals(".") ? image.fileName() : imageDir + "/" + image.fileName());
        line.put("split", image.split());
        ArrayNode objects = line.putArray("objects");
        for (RefObject o : image.objects()) {
            ObjectNode obj = objects.addObject();
            obj.put("id", Long.toString(o.annotationId()));
            obj.put("mask", maskPath(id, o));
            ArrayNode expressions = obj.putArray("expressions");
            o.expressions().forEach(expressions::add);
        }
        return line;
    }

    /** Images written so far. */
    public int imagesWritten() {
        return splitOfId.size();
    }

    /** Mask PNGs written so far. */
    public int masksWritten() {
        return masks;
    }

    /** Finishes the manifest. */
    @Override
    public void close() throws IOException {
        manifest.close();
    }

    private static String maskPath(String id, RefObject o) {
        return MASKS + "/" + id + "_" + o.annotationId() + ".png";
    }

    /** The file name without directories and without its last extension: "a/b/x.y.jpg" -> "x.y". */
    static String stem(String fileName) {
        if (fileName.startsWith("/") || fileName.contains("\\") || ("/" + fileName + "/").contains("/../")) {
            throw new IllegalArgumentException("image file name '" + fileName + "' must be a plain relative path");
        }
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        if (stem.isEmpty()) {
            throw new IllegalArgumentException("image file name '" + fileName + "' has no name to use as id");
        }
        return stem;
    }

    private static String checkImageDir(String dir) {
        if (dir == null || dir.isBlank() || dir.startsWith("/") || dir.contains("\\") || dir.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("image directory '" + dir + "' must be a non-empty '/'-separated path "
                    + "relative to the dataset root (\".\" for the root)");
        }
        String d = dir;
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }
}
