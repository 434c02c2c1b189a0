package org.genmask.data.manifest;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.genmask.data.RelativePath;

/**
 * One line of {@code manifest.jsonl}: an image, its split, its captions (text -> image) and its objects
 * (image + referring expression -> mask). See {@code docs/dataset-layout.md}.
 *
 * @param id       unique in the manifest; letters, digits, {@code .}, {@code _} and {@code -}
 * @param image    the image file, relative to the dataset root
 * @param split    train, val or test
 * @param captions captions describing the whole image (possibly none)
 * @param objects  the referable objects (possibly none); at least one caption or one object
 */
public record DatasetImage(String id, RelativePath image, Split split, List<String> captions,
                           List<DatasetObject> objects) implements Serializable {

    /** Validates the fields and copies the lists. */
    public DatasetImage {
        checkId("image id", id);
        if (image == null || split == null || captions == null || objects == null) {
            throw new IllegalArgumentException("image " + id + ": image, split, captions and objects are required");
        }
        captions = List.copyOf(captions);
        objects = List.copyOf(objects);
        for (String c : captions) {
            if (c.isBlank()) {
                throw new IllegalArgumentException("image " + id + ": blank caption");
            }
        }
        if (captions.isEmpty() && objects.isEmpty()) {
            throw new IllegalArgumentException("image " + id + ": no captions and no objects");
        }
        Set<String> ids = new HashSet<>();
        for (DatasetObject o : objects) {
            if (!ids.add(o.id())) {
                throw new IllegalArgumentException("image " + id + ": duplicate object id " + o.id());
            }
        }
    }

    /** Every text of the image: its captions, then each object's expressions in order. */
    public List<String> texts() {
        List<String> out = new java.util.ArrayList<>(captions);
        for (DatasetObject o : objects) {
            out.addAll(o.expressions());
        }
        return out;
    }

    /** The default id of the object at {@code index}: {@code <image id>_<index>}. */
    public static String defaultObjectId(String imageId, int index) {
        return imageId + "_" + index;
    }

    /**
     * Why {@code id} is not a valid image or object id, or null when it is.
     *
     * @param id a candidate id (may be null)
     */
    public static String idProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "empty id";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return "id may hold only letters, digits, '.', '_' and '-': \"" + id + "\"";
            }
        }
        return null;
    }

    static void checkId(String what, String id) {
        String problem = idProblem(id);
        if (problem != null) {
            throw new IllegalArgumentException(what + ": " + problem);
        }
    }
}
