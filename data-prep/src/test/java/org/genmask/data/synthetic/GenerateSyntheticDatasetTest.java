package org.genmask.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GenerateSyntheticDatasetTest {

    @Test
    void parsesKeyValueOptionsOverDefaults() {
        SyntheticConfig c = GenerateSyntheticDataset.parse("--out=/tmp/x", "--images=500", "--size=256", "--seed=-7",
                "--val=0.05", "--test=0", "--max-objects=3", "--threads=1");
        assertEquals("/tmp/x", c.out());
        assertEquals(500, c.images());
        assertEquals(256, c.size());
        assertEquals(-7L, c.seed());
        assertEquals(0.05, c.val());
        assertEquals(0.0, c.test());
        assertEquals(2, c.minObjects());
        assertEquals(3, c.maxObjects());
        assertEquals(1, c.threads());
        SyntheticConfig d = GenerateSyntheticDataset.parse("--out=y");
        assertEquals(1000, d.images());
        assertEquals(64, d.size());
        assertEquals(0.1, d.val());
        assertEquals(1.0, d.objectScale());
        assertEquals(1.6, GenerateSyntheticDataset.parse("--out=z", "--object-scale=1.6").objectScale());
    }

    @Test
    void objectScaleEnlargesEveryShapeAndIsBounded() {
        java.util.SplittableRandom a = new java.util.SplittableRandom(3);
        java.util.SplittableRandom b = new java.util.SplittableRandom(3);
        java.util.function.ToDoubleFunction<SceneObject> relative = o -> o.radius() / (o.size().min() + o.size().max())
                * 2;                                                   // radius over its size class's mid-range
        double standard = 0;
        double scaled = 0;
        for (int i = 0; i < 200; i++) {
            standard += new SceneSampler(2, 3).sample(a).objects().stream().mapToDouble(relative).average()
                    .orElseThrow();
            scaled += new SceneSampler(2, 3, 1.6).sample(b).objects().stream().mapToDouble(relative).average()
                    .orElseThrow();
        }
        assertEquals(1.6, scaled / standard, 0.05, "mean radius ratio, per size class");
        assertError("--object-scale: must be in [0.5, 2], got 3.0", "--out=x", "--object-scale=3");
        assertError("--object-scale: not a number: \"big\"", "--out=x", "--object-scale=big");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SceneSampler(6, 6, 2.0).sample(new java.util.SplittableRandom(1)));
        assertTrue(e.getMessage().contains("lower --object-scale or --max-objects"), e.getMessage());
    }

    @Test
    void unknownKeysNameTheNearestValidKey() {
        assertError("unknown option --image (did you mean --images?)", "--out=x", "--image=5");
        assertError("unknown option --sed (did you mean --seed?)", "--out=x", "--sed=5");
        assertError("unknown option --validation (did you mean --val?)", "--out=x", "--validation=0.2");
        assertError("unknown option --max_objects (did you mean --max-objects?)", "--out=x", "--max_objects=3");
        assertError("unknown option --output (did you mean --out?)", "--output=x");
    }

    @Test
    void badValuesNameTheirKey() {
        assertError("expected --key=value, got \"images=5\"", "images=5");
        assertError("--images: not an integer: \"many\"", "--out=x", "--images=many");
        assertError("--val: not a number: \"ten\"", "--out=x", "--val=ten");
        assertError("--size: must be in 16..4096, got 8", "--out=x", "--size=8");
        assertError("--out: missing (the output directory)", "--images=5");
        assertError("--seed given twice", "--out=x", "--seed=1", "--seed=2");
        assertError("--val and --test: must be in [0, 1) with val + test < 1, got val 0.6, test 0.5", "--out=x",
                "--val=0.6", "--test=0.5");
    }

    private static void assertError(String message, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerateSyntheticDataset.parse(args));
        assertEquals(message, e.getMessage());
    }
}
