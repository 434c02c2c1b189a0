package org.genmask.data.coco;

import java.util.HashSet;
import java.util.List;

/**
 * One referred object of an image: its COCO annotation, its decoded mask and every distinct expression that refers to
 * it (from all refs that point at the annotation, in ref id order, then sentence order).
 *
 * @param annotationId the COCO annotation id ({@code ann_id} in the refs)
 * @param mask         the decoded segmentation, the size of the image
 * @param expressions  the referring expressions: at least one, none blank, no repeats
 */
public record RefObject(long annotationId, BinaryMask mask, List<String> expressions) {

    /** Validates and copies the expressions. */
    public RefObject {
        if (mask == null) {
            throw new IllegalArgumentException("object " + annotationId + ": mask must not be null");
        }
        if (expressions == null || expressions.isEmpty()) {
            throw new IllegalArgumentException("object " + annotationId + ": needs at least one expression");
        }
        expressions = List.copyOf(expressions);
        for (String e : expressions) {
            if (e.isBlank()) {
                throw new IllegalArgumentException("object " + annotationId + ": blank expression");
            }
        }
        if (new HashSet<>(expressions).size() != expressions.size()) {
            throw new IllegalArgumentException("object " + annotationId + ": repeated expression in " + expressions);
        }
    }
}
