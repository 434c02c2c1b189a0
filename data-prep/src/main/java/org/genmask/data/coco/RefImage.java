package org.genmask.data.coco;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One image of a referring-segmentation split with all its referred objects, each once.
 *
 * @param imageId  the COCO image id
 * @param fileName the image's {@code file_name} in the instances JSON (e.g. "COCO_train2014_000000581857.jpg")
 * @param split    the refs' split ("train", "val", "testA", ...)
 * @param width    image width in pixels
 * @param height   image height in pixels
 * @param objects  the referred objects, at least one, distinct annotation ids, masks of width x height
 */
public record RefImage(long imageId, String fileName, String split, int width, int height, List<RefObject> objects) {

    /** Validates and copies the objects. */
    public RefImage {
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("image " + imageId + ": file name must not be blank");
        }
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException("image " + imageId + ": split must not be blank");
        }
        BinaryMask.checkSize(width, height);
        if (objects == null || objects.isEmpty()) {
            throw new IllegalArgumentException("image " + imageId + ": needs at least one object");
        }
        objects = List.copyOf(objects);
        Set<Long> ids = new HashSet<>();
        for (RefObject o : objects) {
            if (!ids.add(o.annotationId())) {
                throw new IllegalArgumentException("image " + imageId + ": annotation " + o.annotationId() + " twice");
            }
            if (o.mask().width() != width || o.mask().height() != height) {
                throw new IllegalArgumentException("image " + imageId + ": annotation " + o.annotationId() + " has a "
                        + o.mask().width() + "x" + o.mask().height() + " mask, the image is " + width + "x" + height);
            }
        }
    }
}
