package org.genmask.data.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic scene: a background and 1 or more non-overlapping shapes.
 *
 * @param objects    the shapes, in manifest order
 * @param background the background
 */
public record Scene(List<SceneObject> objects, Background background) {

    /** Validates and copies. */
    public Scene {
        if (objects == null || objects.isEmpty() || background == null) {
            throw new IllegalArgumentException("a scene needs a background and at least one object");
        }
        objects = List.copyOf(objects);
    }

    /** The scene mirrored left-right (same object order). */
    public Scene mirrored() {
        List<SceneObject> out = new ArrayList<>(objects.size());
        for (SceneObject o : objects) {
            out.add(o.mirrored());
        }
        return new Scene(out, new Background(background.red(), background.green(), background.blue(),
                background.gradient(), Math.PI - background.angle(), background.noise(), background.noiseSeed()));
    }
}
