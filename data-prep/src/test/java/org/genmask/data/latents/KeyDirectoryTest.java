package org.genmask.data.latents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirectoryTest {
    private static final String A = "key=0123456789abcdef";
    private static final String B = "key=fedcba9876543210";

    @TempDir
    Path root;

    private Path partition(String key, boolean complete) throws IOException {
        Path dir = Files.createDirectories(root.resolve("dataset=d").resolve(key));
        if (complete) {
            Files.writeString(dir.resolve(LatentPartition.MARKER), "{}");
        }
        return dir;
    }

    private String resolve(String keyId) throws IOException {
        return KeyDirectory.resolve(root.resolve("dataset=d").toUri().toString(), keyId, new Configuration());
    }

    @Test
    void theOnlyCompletePartitionIsChosenAndAnIncompleteOneIsIgnored() throws IOException {
        partition(A, true);
        partition(B, false);
        assertTrue(resolve(null).endsWith("/dataset=d/" + A), resolve(null));
    }

    @Test
    void severalCompletePartitionsNeedAKey() throws IOException {
        partition(A, true);
        partition(B, true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> resolve(null));
        assertTrue(e.getMessage().contains("several complete latent partitions [" + A + ", " + B + "]"),
                e.getMessage());
        assertTrue(resolve("fedcba9876543210").endsWith("/dataset=d/" + B));
    }

    @Test
    void noCompletePartitionSaysSoAndNamesTheIncompleteOnes() throws IOException {
        partition(B, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> resolve(null));
        assertTrue(e.getMessage().contains("no complete latent partition") && e.getMessage().contains(B),
                e.getMessage());
    }

    @Test
    void aMissingDatasetDirectoryIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> resolve(null));
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(e.getMessage().contains("dataset=d: no such latent dataset directory"), e.getMessage());
    }
}
