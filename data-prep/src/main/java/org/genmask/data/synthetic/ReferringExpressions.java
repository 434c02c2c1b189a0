package org.genmask.data.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every referring expression of the synthetic grammar that identifies exactly one object of a scene, by
 * construction. With G = the objects a {@link Description} D denotes:
 *
 * <ul>
 *   <li>{@code the D}: G is the target alone (D not empty).</li>
 *   <li>{@code the leftmost|rightmost|topmost|bottommost D}: |G| &gt;= 2 and the target is the extreme of G by at
 *       least {@link Relation#CLEAR}.</li>
 *   <li>{@code the D on the left|right}, {@code the upper|lower D}: the same with |G| = 2.</li>
 *   <li>{@code the larger|smaller of the two <D plural>}: |G| = 2, D has no size, and the two differ in size class.
 *       </li>
 *   <li>{@code the D1 <relation> the D2}: D2 denotes one object L (the landmark), |G1| &gt;= 2 for D1, the relation
 *       clearly holds between the target and L and clearly fails for every other member of G1 but L.</li>
 * </ul>
 */
public final class ReferringExpressions {

    private ReferringExpressions() {
    }

    /** All valid expressions for {@code target} (an object of the scene), without duplicates, in a fixed order. */
    public static List<ReferringExpression> candidates(Scene scene, SceneObject target) {
        Map<String, ReferringExpression> out = new LinkedHashMap<>();
        List<Description> descriptions = Description.allOf(target);
        for (Description d : descriptions) {
            List<SceneObject> group = d.denotation(scene);
            if (group.size() == 1) {
                if (!d.isEmpty()) {
                    add(out, "the " + d.phrase(), ExpressionForm.ATTRIBUTES);
                }
                continue;
            }
            for (Extreme e : Extreme.values()) {
                if (e.clearlyExtreme(target, group)) {
                    add(out, e.superlative(d), ExpressionForm.SUPERLATIVE);
                    if (group.size() == 2) {
                        add(out, e.ofTwo(d), ExpressionForm.POSITION_OF_TWO);
                    }
                }
            }
            if (group.size() == 2 && d.size() == null) {
                SceneObject other = group.get(0) == target ? group.get(1) : group.get(0);
                if (other.size() != target.size()) {
                    String which = target.size() == ShapeSize.LARGE ? "larger" : "smaller";
                    add(out, "the " + which + " of the two " + d.plural(), ExpressionForm.COMPARATIVE);
                }
            }
            relations(scene, target, d, group, out);
        }
        return new ArrayList<>(out.values());
    }

    /** Whether {@code target} has any valid expression ({@link #candidates} not empty), answered cheaply. */
    public static boolean hasAny(Scene scene, SceneObject target) {
        for (Description d : Description.allOf(target)) {
            if (!d.isEmpty() && d.denotation(scene).size() == 1) {
                return true;
            }
        }
        return !candidates(scene, target).isEmpty();
    }

    private static void relations(Scene scene, SceneObject target, Description d, List<SceneObject> group,
                                  Map<String, ReferringExpression> out) {
        for (SceneObject landmark : scene.objects()) {
            if (landmark == target) {
                continue;
            }
            for (Relation r : Relation.values()) {
                if (!r.clearlyHolds(target, landmark) || !othersFail(r, target, landmark, group)) {
                    continue;
                }
                for (Description d2 : Description.allOf(landmark)) {
                    if (!d2.isEmpty() && d2.denotation(scene).size() == 1) {
                        add(out, "the " + d.phrase() + " " + r.words() + " the " + d2.phrase(),
                                ExpressionForm.RELATION);
                    }
                }
            }
        }
    }

    private static boolean othersFail(Relation r, SceneObject target, SceneObject landmark, List<SceneObject> group) {
        for (SceneObject o : group) {
            if (o != target && o != landmark && !r.clearlyFails(o, landmark)) {
                return false;
            }
        }
        return true;
    }

    private static void add(Map<String, ReferringExpression> out, String text, ExpressionForm form) {
        out.putIfAbsent(text, new ReferringExpression(text, form));
    }

    /**
     * Picks up to {@code max} distinct expressions (at least one when any exist): forms in random order, one random
     * expression of each, then random others if forms run out.
     */
    public static List<String> choose(List<ReferringExpression> candidates, int max, SplittableRandom random) {
        Map<ExpressionForm, List<String>> byForm = new LinkedHashMap<>();
        for (ReferringExpression e : candidates) {
            byForm.computeIfAbsent(e.form(), f -> new ArrayList<>()).add(e.text());
        }
        List<ExpressionForm> forms = new ArrayList<>(byForm.keySet());
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < max && !forms.isEmpty()) {
            ExpressionForm f = forms.remove(random.nextInt(forms.size()));
            List<String> texts = byForm.get(f);
            chosen.add(texts.remove(random.nextInt(texts.size())));
        }
        List<String> rest = new ArrayList<>();
        byForm.values().forEach(rest::addAll);
        while (chosen.size() < max && !rest.isEmpty()) {
            chosen.add(rest.remove(random.nextInt(rest.size())));
        }
        return chosen;
    }
}
