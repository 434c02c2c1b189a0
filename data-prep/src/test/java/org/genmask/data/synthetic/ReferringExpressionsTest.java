package org.genmask.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.genmask.data.text.LeftRightFlip;
import org.junit.jupiter.api.Test;

class ReferringExpressionsTest {

    private static final int SAMPLES = 1500;

    private final SyntheticDatasetGenerator generator = new SyntheticDatasetGenerator(
            new SyntheticConfig("unused", SAMPLES, 64, 42L, 0.1, 0.1, 2, 4, 1));

    @Test
    void everyCandidateIdentifiesExactlyItsObject() {
        Map<ExpressionForm, Integer> forms = new EnumMap<>(ExpressionForm.class);
        long checked = 0;
        for (int i = 0; i < SAMPLES; i++) {
            Scene scene = generator.sample(i).scene();
            for (int k = 0; k < scene.objects().size(); k++) {
                List<ReferringExpression> candidates = ReferringExpressions.candidates(scene, scene.objects().get(k));
                assertFalse(candidates.isEmpty(), "image " + i + " object " + k + " has no expression");
                for (ReferringExpression e : candidates) {
                    assertEquals(List.of(k), ExpressionEvaluator.evaluate(scene, e.text()),
                            "image " + i + ": \"" + e.text() + "\" in " + scene);
                    forms.merge(e.form(), 1, Integer::sum);
                    checked++;
                }
            }
        }
        assertEquals(ExpressionForm.values().length, forms.size(), "every form occurs: " + forms);
        assertTrue(checked > 10 * SAMPLES, "checked " + checked);
    }

    @Test
    void chosenExpressionsIdentifyTheirObjectAlsoWhenFlipped() {
        int[] perObject = new int[4];
        for (int i = 0; i < SAMPLES; i++) {
            SyntheticSample s = generator.sample(i);
            Scene mirrored = s.scene().mirrored();
            for (int k = 0; k < s.scene().objects().size(); k++) {
                List<String> expressions = s.expressions().get(k);
                assertTrue(expressions.size() >= 1 && expressions.size() <= 3, "1-3 expressions: " + expressions);
                assertEquals(expressions.size(), expressions.stream().distinct().count(), "distinct");
                perObject[expressions.size()]++;
                for (String e : expressions) {
                    assertEquals(List.of(k), ExpressionEvaluator.evaluate(s.scene(), e), "image " + i + ": " + e);
                    assertEquals(List.of(k), ExpressionEvaluator.evaluate(mirrored, LeftRightFlip.flip(e)),
                            "image " + i + " mirrored: " + LeftRightFlip.flip(e));
                }
            }
        }
        assertTrue(perObject[1] > 0 && perObject[2] > 0 && perObject[3] > 0, "1, 2 and 3 expressions all occur");
    }

    @Test
    void scenesMakeReferringNeedSeveralAttributes() {
        int sharedColour = 0;
        int sharedShape = 0;
        int needPosition = 0;
        for (int i = 0; i < SAMPLES; i++) {
            Scene scene = generator.sample(i).scene();
            List<SceneObject> objs = scene.objects();
            sharedColour += objs.stream().map(SceneObject::color).distinct().count() < objs.size() ? 1 : 0;
            sharedShape += objs.stream().map(SceneObject::shape).distinct().count() < objs.size() ? 1 : 0;
            for (SceneObject o : objs) {
                boolean attributesSuffice = ReferringExpressions.candidates(scene, o).stream()
                        .anyMatch(e -> e.form() == ExpressionForm.ATTRIBUTES);
                needPosition += attributesSuffice ? 0 : 1;
            }
        }
        System.out.printf("scenes with a shared colour %d, shared shape %d of %d; objects needing position: %d%n",
                sharedColour, sharedShape, SAMPLES, needPosition);
        assertTrue(sharedColour > SAMPLES / 3, "shared colours are common");
        assertTrue(sharedShape > SAMPLES / 3, "shared shapes are common");
        assertTrue(needPosition > SAMPLES / 20, "some objects can only be named by position");
    }

    @Test
    void evaluatorRejectsWrongReadings() {
        Background bg = new Background(128, 128, 128, 0, 0, 0, 1);
        Scene scene = new Scene(List.of(
                new SceneObject(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.LARGE, 0.25, 0.5, 0.16),
                new SceneObject(ShapeKind.CIRCLE, ShapeColor.BLUE, ShapeSize.SMALL, 0.75, 0.5, 0.09),
                new SceneObject(ShapeKind.SQUARE, ShapeColor.RED, ShapeSize.SMALL, 0.5, 0.2, 0.09)), bg);
        assertEquals(List.of(0, 1), ExpressionEvaluator.evaluate(scene, "the circle"));
        assertEquals(List.of(0), ExpressionEvaluator.evaluate(scene, "the larger of the two circles"));
        assertEquals(List.of(1), ExpressionEvaluator.evaluate(scene, "the circle on the right"));
        assertEquals(List.of(2), ExpressionEvaluator.evaluate(scene, "the topmost shape"));
        assertEquals(List.of(0), ExpressionEvaluator.evaluate(scene, "the circle to the left of the square"));
        assertEquals(List.of(0, 1), ExpressionEvaluator.evaluate(scene, "the circle below the square"));
        assertEquals(List.of(), ExpressionEvaluator.evaluate(scene, "the larger of the two shapes"));
        List<String> texts = ReferringExpressions.candidates(scene, scene.objects().get(1)).stream()
                .map(ReferringExpression::text).toList();
        assertTrue(texts.contains("the blue shape") && texts.contains("the smaller of the two circles")
                && texts.contains("the rightmost shape") && texts.contains("the circle to the right of the square"),
                texts.toString());
        assertFalse(texts.contains("the small shape"), "two small shapes");
    }
}
