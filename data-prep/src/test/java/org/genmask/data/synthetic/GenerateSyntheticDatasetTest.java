package org.genmask.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
