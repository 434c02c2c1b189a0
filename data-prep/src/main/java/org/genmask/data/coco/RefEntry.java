package org.genmask.data.coco;

import java.util.List;

/**
 * One ref of a RefCOCO-style refs file: a referring of annotation {@code annId} in image {@code imageId} by one or
 * more sentences (the {@code sent} of each entry of {@code sentences}, stripped; blank ones dropped).
 */
record RefEntry(long refId, long annId, long imageId, String split, List<String> sentences) {

    RefEntry {
        sentences = List.copyOf(sentences);
    }
}
