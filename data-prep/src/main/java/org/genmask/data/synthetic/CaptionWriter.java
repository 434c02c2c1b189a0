package org.genmask.data.synthetic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Captions describing a whole scene, for text -> image generation. Every caption names every object with its size,
 * colour and shape.
 *
 * <ol>
 *   <li>A list in left-to-right order with the background: {@code a large red circle and a small blue square on a
 *       plain light grey background}; prefixed by {@code from left to right, } when neighbours are at least
 *       {@link Relation#CLEAR} apart in x.</li>
 *   <li>When some pair is clearly related ({@link Relation#clearlyHolds}), a relation between a random such pair and
 *       the others after {@code with}: {@code a large red circle above a small blue square, with a small green
 *       star}.</li>
 * </ol>
 */
public final class CaptionWriter {

    private CaptionWriter() {
    }

    /** One or two captions of the scene. */
    public static List<String> captions(Scene scene, SplittableRandom random) {
        List<String> out = new ArrayList<>(2);
        out.add(listing(scene));
        String related = relation(scene, random);
        if (related != null) {
            out.add(related);
        }
        return out;
    }

    private static String listing(Scene scene) {
        List<SceneObject> byX = new ArrayList<>(scene.objects());
        byX.sort(Comparator.comparingDouble(SceneObject::x));
        boolean ordered = true;
        for (int i = 1; i < byX.size(); i++) {
            ordered &= byX.get(i).x() - byX.get(i - 1).x() >= Relation.CLEAR;
        }
        String prefix = ordered && byX.size() > 1 ? "from left to right, " : "";
        return prefix + list(byX) + " on a " + scene.background().words() + " background";
    }

    private static String relation(Scene scene, SplittableRandom random) {
        List<SceneObject[]> pairs = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        for (SceneObject a : scene.objects()) {
            for (SceneObject b : scene.objects()) {
                for (Relation r : Relation.values()) {
                    if (a != b && r.clearlyHolds(a, b)) {
                        pairs.add(new SceneObject[] {a, b});
                        relations.add(r);
                    }
                }
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        int pick = random.nextInt(pairs.size());
        SceneObject a = pairs.get(pick)[0];
        SceneObject b = pairs.get(pick)[1];
        String text = indefinite(a) + " " + relations.get(pick).words() + " " + indefinite(b);
        List<SceneObject> rest = new ArrayList<>(scene.objects());
        rest.remove(a);
        rest.remove(b);
        return rest.isEmpty() ? text : text + ", with " + list(rest);
    }

    private static String list(List<SceneObject> objects) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                s.append(i == objects.size() - 1 ? " and " : ", ");
            }
            s.append(indefinite(objects.get(i)));
        }
        return s.toString();
    }

    private static String indefinite(SceneObject o) {
        return "a " + new Description(o.size(), o.color(), o.shape()).phrase();
    }
}
