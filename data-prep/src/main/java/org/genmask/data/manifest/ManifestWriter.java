package org.genmask.data.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * Writes {@link DatasetImage}s as manifest lines that {@link ManifestReader} reads back to equal records. Field
 * order is fixed ({@code id, image, split, captions, objects}; per object {@code id, mask, expressions}), empty
 * {@code captions} and {@code objects} are left out, and no whitespace is added, so equal images give equal
 * bytes.
 */
public final class ManifestWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestWriter() {
    }

    /** The manifest line of an image, without a line terminator. */
    public static String line(DatasetImage image) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", image.id());
        node.put("image", image.image().value());
        node.put("split", image.split().jsonName());
        if (!image.captions().isEmpty()) {
            ArrayNode captions = node.putArray("captions");
            image.captions().forEach(captions::add);
        }
        if (!image.objects().isEmpty()) {
            ArrayNode objects = node.putArray("objects");
            for (DatasetObject o : image.objects()) {
                ObjectNode obj = objects.addObject();
                obj.put("id", o.id());
                obj.put("mask", o.mask().value());
                ArrayNode expressions = obj.putArray("expressions");
                o.expressions().forEach(expressions::add);
            }
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write manifest line of image " + image.id(), e);
        }
    }
}
