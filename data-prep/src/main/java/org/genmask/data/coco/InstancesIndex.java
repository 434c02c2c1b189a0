package org.genmask.data.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The wanted part of a COCO instances JSON, read in one streaming pass: the images with wanted ids and the annotations
 * with wanted ids, each annotation's segmentation kept as a {@link CocoRle} (compact: a few runs per column).
 *
 * <p>Memory: the parser holds one image or annotation object at a time; what is kept is the wanted images' metadata
 * and the wanted annotations' RLEs. An annotation that comes before its image (COCO files put "images" first, but
 * JSON does not promise it) keeps its segmentation tree until the end of the file, then is decoded.
 */
final class InstancesIndex {

    /** A wanted image's metadata. */
    record Image(long id, String fileName, int width, int height) {
    }

    /** A wanted annotation: its image and its mask as RLE (null only while its image is not yet known). */
    record Annotation(long id, long imageId, CocoRle rle, JsonNode pendingSegmentation) {
    }

    private final Path file;
    private final Map<Long, Image> images = new HashMap<>();
    private final Map<Long, Annotation> annotations = new HashMap<>();

    private InstancesIndex(Path file) {
        this.file = file;
    }

    /**
     * Scans the file for the wanted images and annotations.
     *
     * @throws IllegalArgumentException if a wanted record is malformed (the message names file, id and field), a
     *                                  wanted id appears twice, or "images"/"annotations" is missing
     * @throws IOException              if the file cannot be read or is not well-formed JSON
     */
    static InstancesIndex scan(Path file, Set<Long> wantedImages, Set<Long> wantedAnnotations, ObjectMapper mapper)
            throws IOException {
        InstancesIndex index = new InstancesIndex(file);
        boolean sawImages = false;
        boolean sawAnnotations = false;
        try (JsonParser p = mapper.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(file + ": expected a COCO instances JSON object, found "
                        + p.currentToken());
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("images")) {
                    sawImages = true;
                    index.eachObject(p, t, "images", node -> index.addImage(node, wantedImages));
                } else if (name.equals("annotations")) {
                    sawAnnotations = true;
                    index.eachObject(p, t, "annotations", node -> index.addAnnotation(node, wantedAnnotations));
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": malformed JSON at line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        if (!sawImages || !sawAnnotations) {
            throw new IllegalArgumentException(file + ": " + (sawImages ? "annotations" : "images")
                    + ": missing; expected a COCO instances file with \"images\" and \"annotations\" lists");
        }
        index.resolvePending();
        return index;
    }

    Path file() {
        return file;
    }

    Image image(long id) {
        return images.get(id);
    }

    Annotation annotation(long id) {
        return annotations.get(id);
    }

    private void eachObject(JsonParser p, JsonToken start, String list, Consumer<JsonNode> handler) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException(file + ": " + list + ": expected a list, found " + start);
        }
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(file + ": " + list + "[" + i + "]: expected an object, found " + t);
            }
            JsonNode node = p.readValueAsTree();
            handler.accept(node);
            i++;
        }
    }

    private void addImage(JsonNode node, Set<Long> wanted) {
        long id = new JsonFields(file + ": an image", node).id("id");
        if (!wanted.contains(id)) {
            return;
        }
        JsonFields f = new JsonFields(file + ": image " + id, node);
        Image image = new Image(id, f.text("file_name"), f.positiveInt("width"), f.positiveInt("height"));
        if (images.putIfAbsent(id, image) != null) {
            throw new IllegalArgumentException(f.where() + ": id appears twice in images");
        }
    }

    private void addAnnotation(JsonNode node, Set<Long> wanted) {
        long id = new JsonFields(file + ": an annotation", node).id("id");
        if (!wanted.contains(id)) {
            return;
        }
        JsonFields f = new JsonFields(file + ": annotation " + id, node);
        long imageId = f.id("image_id");
        Annotation a = new Annotation(id, imageId, null, f.require("segmentation"));
        Image image = images.get(imageId);
        if (image != null) {
            a = decode(a, image);
        }
        if (annotations.putIfAbsent(id, a) != null) {
            throw new IllegalArgumentException(f.where() + ": id appears twice in annotations");
        }
    }

    private void resolvePending() {
        // an annotation whose image never came stays pending; the reader reports it against the ref that wants it
        annotations.replaceAll((id, a) -> a.rle() == null && images.containsKey(a.imageId())
                ? decode(a, images.get(a.imageId())) : a);
    }

    private Annotation decode(Annotation a, Image image) {
        String where = file + ": annotation " + a.id();
        CocoRle rle = CocoMasks.toRle(a.pendingSegmentation(), image.height(), image.width(), where);
        return new Annotation(a.id(), a.imageId(), rle, null);
    }
}
