package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.genmask.data.manifest.Split;
import org.genmask.jobs.config.JobConfig;
import org.junit.jupiter.api.Test;

/** Config keys {@code examples}, {@code split}, {@code dataset}, {@code partitions}: parsing and one-line errors. */
class EvaluateJobConfigTest {
    private static final String PARTITION = "s3a://b/latents/dataset=shapes/key=0123456789abcdef";

    private static EvaluateJobConfig from(String... keyValues) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            o.put(keyValues[i], keyValues[i + 1]);
        }
        return EvaluateJobConfig.from(JobConfig.of(EvaluateJobConfig.defaults(), o));
    }

    /** The message of a refused config; asserts it is one line naming the key. */
    private static String refused(String key, String... keyValues) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from(keyValues));
        assertTrue(e.getMessage().startsWith("config key '" + key + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void latentSourcesTakeTheirSplitFromTheSourceOrTheSplitKey() {
        EvaluationSource s = from("examples", "latents:" + PARTITION + "?split=val&key=0123456789abcdef",
                "dataset", "s3a://b/shapes").source();
        assertFalse(s.isSynthetic());
        assertEquals(PARTITION, s.partition());
        assertEquals("0123456789abcdef", s.keyId());
        assertEquals(Split.VAL, s.split());
        assertEquals(Split.TEST, from("examples", "latents:" + PARTITION, "dataset", "d").source().split());
        assertEquals(Split.TRAIN, from("examples", "latents:" + PARTITION, "dataset", "d", "split", "train")
                .source().split());
        assertEquals(Split.VAL, from("examples", "latents:" + PARTITION + "?split=val", "dataset", "d", "split",
                "val").source().split());
        assertEquals("s3a://b/shapes", from("examples", "latents:" + PARTITION, "dataset", "s3a://b/shapes")
                .dataset());
    }

    @Test
    void syntheticSourcesStay() {
        EvaluateJobConfig c = from("examples", "synthetic:5");
        assertEquals(5, c.source().synthetic());
        assertNull(c.source().partition());
        assertEquals(0, c.partitions());
    }

    @Test
    void malformedValuesNameTheirKey() {
        refused("examples");
        refused("examples", "examples", "synthetic:0");
        refused("examples", "examples", "synthetic:many");
        assertTrue(refused("examples", "examples", PARTITION, "dataset", "d").contains("latents:" + PARTITION));
        assertTrue(refused("examples", "examples", "latents:" + PARTITION + "?flips=true", "dataset", "d")
                .contains("'flips'"));
        assertTrue(refused("examples", "examples", "latents:" + PARTITION + "?split=tset", "dataset", "d")
                .contains("'split'"));
        refused("examples", "examples", "latents:" + PARTITION + "?split", "dataset", "d");
        refused("examples", "examples", "latents:", "dataset", "d");
        assertTrue(refused("split", "examples", "latents:" + PARTITION + "?split=val", "dataset", "d", "split",
                "test").contains("split=val"));
        refused("split", "examples", "synthetic:3", "split", "testing");
        refused("dataset", "examples", "latents:" + PARTITION);
        refused("dataset", "examples", "synthetic:3", "dataset", "s3a://b/shapes");
        refused("partitions", "examples", "synthetic:3", "partitions", "-1");
    }
}
