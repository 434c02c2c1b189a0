package org.genmask.jobs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion check on local directories shaped like latent partitions. */
class ValidateLatentsJobTest {
    private static final String KEY = "0123456789abcdef";
    @TempDir
    Path root;

    private Path partition(String key, String marker) throws Exception {
        Path dir = Files.createDirectories(root.resolve("dataset=synthetic").resolve("key=" + key));
        if (marker != null) {
            Files.writeString(dir.resolve(ValidateLatentsJob.MARKER), marker);
        }
        return dir;
    }

    private static String marker(String key, String counts) {
        return "{\"format\": \"genmask-latents/1\", \"dataset\": \"synthetic\", \"cache_key_id\": \"" + key
                + "\", \"counts\": " + counts + "}";
    }

    private static String check(Path dir) throws Exception {
        return ValidateLatentsJob.check(dir.toUri().toString(), new Configuration());
    }

    @Test
    void aCompletePartitionPassesWithItsCounts() throws Exception {
        Path dir = partition(KEY, marker(KEY, "{\"images\": 12, \"masks\": 30}"));
        String summary = check(dir);
        assertTrue(summary.startsWith("latent partition complete: "), summary);
        assertTrue(summary.endsWith("(images 12, masks 30)"), summary);
    }

    @Test
    void aMissingMarkerFailsAndNamesTheOtherKeys() throws Exception {
        Path dir = partition(KEY, null);
        partition("fedcba9876543210", marker("fedcba9876543210", "{\"images\": 1}"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> check(dir));
        assertTrue(e.getMessage().contains("_COMPLETE.json is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("key=fedcba9876543210 (complete)"), e.getMessage());
    }

    @Test
    void aMarkerOfAnotherKeyOrWithBadCountsFails() throws Exception {
        Path other = partition(KEY, marker("fedcba9876543210", "{\"images\": 1}"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> check(other));
        assertTrue(e.getMessage().endsWith("cache_key_id: expected \"" + KEY + "\", got \"fedcba9876543210\""),
                e.getMessage());
        Files.writeString(other.resolve(ValidateLatentsJob.MARKER), marker(KEY, "{\"images\": -1}"));
        e = assertThrows(IllegalStateException.class, () -> check(other));
        assertTrue(e.getMessage().endsWith("counts.images: expected a count >= 0, got -1"), e.getMessage());
        Files.writeString(other.resolve(ValidateLatentsJob.MARKER), "{\"format\": ");
        e = assertThrows(IllegalStateException.class, () -> check(other));
        assertTrue(e.getMessage().contains("_COMPLETE.json: not valid JSON"), e.getMessage());
    }

    @Test
    void aPathThatIsNotAPartitionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidateLatentsJob.check(root.resolve("dataset=x").toString(), new Configuration()));
        assertEquals("config key 'partition': expected <output>/dataset=<name>/key=<16 hex digits>, got '"
                + root.resolve("dataset=x") + "'", e.getMessage());
    }
}
