package org.genmask.data.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * A noun phrase over object attributes, each optional: {@code [size] [colour] (shape | "shape")}. It denotes the
 * objects that have every given attribute: {@code small red shape} denotes the small red objects of any shape;
 * {@code shape} denotes every object.
 *
 * @param size  the size class, or null
 * @param color the colour, or null
 * @param shape the shape, or null (the noun is then {@code shape})
 */
public record Description(ShapeSize size, ShapeColor color, ShapeKind shape) {

    /** Whether the object has every given attribute. */
    public boolean matches(SceneObject o) {
        return (size == null || size == o.size()) && (color == null || color == o.color())
                && (shape == null || shape == o.shape());
    }

    /** The objects of the scene it denotes, in scene order. */
    public List<SceneObject> denotation(Scene scene) {
        List<SceneObject> out = new ArrayList<>();
        for (SceneObject o : scene.objects()) {
            if (matches(o)) {
                out.add(o);
            }
        }
        return out;
    }

    /** Whether no attribute is given. */
    public boolean isEmpty() {
        return size == null && color == null && shape == null;
    }

    /** The singular phrase: {@code small red circle}, {@code red shape}, {@code shape}. */
    public String phrase() {
        return adjectives() + (shape == null ? "shape" : shape.word());
    }

    /** The plural phrase: {@code small red circles}, {@code shapes}. */
    public String plural() {
        return adjectives() + (shape == null ? "shapes" : shape.plural());
    }

    private String adjectives() {
        return (size == null ? "" : size.word() + " ") + (color == null ? "" : color.word() + " ");
    }

    /** The 8 descriptions that an object satisfies (each attribute given or not), the empty one first. */
    public static List<Description> allOf(SceneObject o) {
        List<Description> out = new ArrayList<>(8);
        for (int bits = 0; bits < 8; bits++) {
            out.add(new Description((bits & 4) != 0 ? o.size() : null, (bits & 2) != 0 ? o.color() : null,
                    (bits & 1) != 0 ? o.shape() : null));
        }
        return out;
    }
}
