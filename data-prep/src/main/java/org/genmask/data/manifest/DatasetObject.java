package org.genmask.data.manifest;

import java.io.Serializable;
import java.util.List;
import org.genmask.data.RelativePath;

/**
 * One object of a dataset image: its binary mask and the referring expressions that identify it.
 *
 * @param id          unique within its image (the manifest default is {@code <image id>_<index>})
 * @param mask        the mask file (PNG; 0 = background, non-zero = object), relative to the dataset root
 * @param expressions one or more referring expressions, each naming exactly this object among the image's objects
 */
public record DatasetObject(String id, RelativePath mask, List<String> expressions) implements Serializable {

    /** Validates the fields and copies the list. */
    public DatasetObject {
        DatasetImage.checkId("object id", id);
        if (mask == null) {
            throw new IllegalArgumentException("object " + id + ": mask is null");
        }
        if (expressions == null || expressions.isEmpty()) {
            throw new IllegalArgumentException("object " + id + ": no expressions");
        }
        expressions = List.copyOf(expressions);
        for (String e : expressions) {
            if (e.isBlank()) {
                throw new IllegalArgumentException("object " + id + ": blank expression");
            }
        }
    }
}
