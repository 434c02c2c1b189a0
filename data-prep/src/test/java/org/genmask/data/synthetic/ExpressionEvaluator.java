package org.genmask.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.genmask.data.text.Tokenizer;

/**
 * A test-side interpreter of the synthetic grammar, written independently of the generator: it parses the text
 * and evaluates it against the scene with crisp readings (a relation holds at margin &gt; 0.05; an extreme is the
 * unique arg-min; "the larger of the two X" needs exactly two X). Returns the indices of the matching objects.
 */
final class ExpressionEvaluator {

    private static final double CRISP = 0.05;
    private static final List<String> SIZES = List.of("small", "large");
    private static final List<String> COLORS = List.of("red", "green", "blue", "yellow", "purple", "orange", "cyan");
    private static final List<String> SHAPES = List.of("circle", "square", "triangle", "diamond", "star");

    private ExpressionEvaluator() {
    }

    static List<Integer> evaluate(Scene scene, String text) {
        List<String> t = Tokenizer.tokenize(text);
        if (t.isEmpty() || !t.get(0).equals("the")) {
            throw new IllegalArgumentException("expression must start with 'the': " + text);
        }
        List<SceneObject> objs = scene.objects();
        String first = t.get(1);
        boolean comparative = first.equals("larger") || first.equals("smaller");
        if (comparative && t.subList(2, 5).equals(List.of("of", "the", "two"))) {
            List<Integer> group = denote(objs, t.subList(5, t.size()), true);
            if (group.size() != 2) {
                return List.of();
            }
            double r0 = objs.get(group.get(0)).radius();
            double r1 = objs.get(group.get(1)).radius();
            boolean firstLarger = r0 > r1;
            return List.of(first.equals("larger") == firstLarger ? group.get(0) : group.get(1));
        }
        switch (first) {
            case "leftmost":
                return extreme(objs, denote(objs, t.subList(2, t.size()), false), o -> o.x());
            case "rightmost":
                return extreme(objs, denote(objs, t.subList(2, t.size()), false), o -> -o.x());
            case "topmost":
            case "upper":
                return extreme(objs, denote(objs, t.subList(2, t.size()), false), o -> o.y());
            case "bottommost":
            case "lower":
                return extreme(objs, denote(objs, t.subList(2, t.size()), false), o -> -o.y());
            default:
                break;
        }
        int n = t.size();
        if (n >= 5 && t.subList(n - 3, n - 1).equals(List.of("on", "the"))) {
            List<Integer> group = denote(objs, t.subList(1, n - 3), false);
            String side = t.get(n - 1);
            if (side.equals("left")) {
                return extreme(objs, group, o -> o.x());
            }
            if (side.equals("right")) {
                return extreme(objs, group, o -> -o.x());
            }
            throw new IllegalArgumentException("bad side in: " + text);
        }
        for (int i = 2; i < n; i++) {
            String rel = relationAt(t, i);
            if (rel != null) {
                int skip = rel.split(" ").length;
                List<Integer> group = denote(objs, t.subList(1, i), false);
                List<String> rest = t.subList(i + skip, n);
                if (rest.isEmpty() || !rest.get(0).equals("the")) {
                    throw new IllegalArgumentException("landmark must start with 'the': " + text);
                }
                List<Integer> landmark = denote(objs, rest.subList(1, rest.size()), false);
                if (landmark.size() != 1) {
                    return List.of();
                }
                SceneObject l = objs.get(landmark.get(0));
                List<Integer> out = new ArrayList<>();
                for (int g : group) {
                    SceneObject o = objs.get(g);
                    double margin = switch (rel) {
                        case "to the left of" -> l.x() - o.x();
                        case "to the right of" -> o.x() - l.x();
                        case "above" -> l.y() - o.y();
                        case "below" -> o.y() - l.y();
                        default -> throw new IllegalStateException(rel);
                    };
                    if (g != landmark.get(0) && margin > CRISP) {
                        out.add(g);
                    }
                }
                return out;
            }
        }
        return denote(objs, t.subList(1, n), false);
    }

    private static String relationAt(List<String> t, int i) {
        if (t.get(i).equals("above") || t.get(i).equals("below")) {
            return t.get(i);
        }
        if (i + 3 < t.size() && t.get(i).equals("to") && t.get(i + 1).equals("the") && t.get(i + 3).equals("of")) {
            return "to the " + t.get(i + 2) + " of";
        }
        return null;
    }

    private static List<Integer> extreme(List<SceneObject> objs, List<Integer> group,
                                         ToDoubleFunction<SceneObject> key) {
        List<Integer> best = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        for (int g : group) {
            double k = key.applyAsDouble(objs.get(g));
            if (k < min) {
                min = k;
                best = new ArrayList<>(List.of(g));
            } else if (k == min) {
                best.add(g);
            }
        }
        return best.size() == 1 ? best : List.of();
    }

    /** Objects matching {@code [size] [colour] noun}; the noun singular, or plural when {@code plural}. */
    private static List<Integer> denote(List<SceneObject> objs, List<String> phrase, boolean plural) {
        int i = 0;
        String size = i < phrase.size() && SIZES.contains(phrase.get(i)) ? phrase.get(i++) : null;
        String color = i < phrase.size() && COLORS.contains(phrase.get(i)) ? phrase.get(i++) : null;
        if (i != phrase.size() - 1) {
            throw new IllegalArgumentException("cannot parse noun phrase " + phrase);
        }
        String noun = phrase.get(i);
        if (plural) {
            if (!noun.endsWith("s")) {
                throw new IllegalArgumentException("expected a plural noun in " + phrase);
            }
            noun = noun.substring(0, noun.length() - 1);
        }
        String shape = noun.equals("shape") ? null : noun;
        if (shape != null && !SHAPES.contains(shape)) {
            throw new IllegalArgumentException("unknown noun in " + phrase);
        }
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < objs.size(); k++) {
            SceneObject o = objs.get(k);
            if ((size == null || name(o.size()).equals(size)) && (color == null || name(o.color()).equals(color))
                    && (shape == null || name(o.shape()).equals(shape))) {
                out.add(k);
            }
        }
        return out;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
