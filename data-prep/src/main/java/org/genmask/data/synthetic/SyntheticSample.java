package org.genmask.data.synthetic;

import java.util.List;
import org.genmask.data.manifest.Split;

/**
 * One generated image before rendering: its scene, split and texts.
 *
 * @param index       the image index, 0-based
 * @param id          the image id (the index, zero-padded)
 * @param split       its split
 * @param scene       the scene
 * @param captions    captions of the whole scene
 * @param expressions per object (scene order), 1 to 3 referring expressions
 */
public record SyntheticSample(long index, String id, Split split, Scene scene, List<String> captions,
                              List<List<String>> expressions) {

    /** Validates and copies. */
    public SyntheticSample {
        if (id == null || split == null || scene == null || captions == null || expressions == null) {
            throw new IllegalArgumentException("sample " + index + ": all fields are required");
        }
        captions = List.copyOf(captions);
        expressions = expressions.stream().map(List::copyOf).toList();
        if (expressions.size() != scene.objects().size()) {
            throw new IllegalArgumentException("sample " + index + ": " + expressions.size() + " expression lists for "
                    + scene.objects().size() + " objects");
        }
    }
}
