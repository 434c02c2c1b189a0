package org.genmask.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    private static void appendRounds(MetricsLog log, int from, int to) throws IOException {
        for (int round = from; round <= to; round++) {
            log.append(log.newRecord().put("round", round).put("loss", 1.0 / round));
        }
    }

    private static List<String> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void rewritesTheWholeFileAndLeavesNoPendingCopy(@TempDir Path dir) throws IOException {
        MetricsLog log = new MetricsLog(dir.toString(), new Configuration(), 0);
        appendRounds(log, 1, 3);
        List<String> lines = read(dir.resolve(MetricsLog.NAME));
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).contains("\"round\":3"), lines.get(2));
        assertFalse(Files.exists(dir.resolve(MetricsLog.PENDING)));
    }

    @Test
    void resumeDropsRoundsAfterTheCheckpoint(@TempDir Path dir) throws IOException {
        appendRounds(new MetricsLog(dir.toString(), new Configuration(), 0), 1, 5);
        MetricsLog resumed = new MetricsLog(dir.toString(), new Configuration(), 3);
        assertEquals(3, resumed.lines().size());
        appendRounds(resumed, 4, 4);
        List<String> lines = read(dir.resolve(MetricsLog.NAME));
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).contains("\"round\":4"), lines.get(3));
    }

    /** A kill while the pending copy was written: the file itself is intact and wins. */
    @Test
    void aKillDuringTheRewriteLosesNothing(@TempDir Path dir) throws IOException {
        appendRounds(new MetricsLog(dir.toString(), new Configuration(), 0), 1, 4);
        Files.writeString(dir.resolve(MetricsLog.PENDING), "{\"round\":1}\n{\"round\":2,\"lo");
        MetricsLog resumed = new MetricsLog(dir.toString(), new Configuration(), 4);
        assertEquals(4, resumed.lines().size());
    }

    /** A kill after the old file was removed and before the rename: the complete pending copy is read. */
    @Test
    void aKillBeforeTheRenameReadsThePendingCopy(@TempDir Path dir) throws IOException {
        appendRounds(new MetricsLog(dir.toString(), new Configuration(), 0), 1, 4);
        Files.move(dir.resolve(MetricsLog.NAME), dir.resolve(MetricsLog.PENDING));
        Files.deleteIfExists(dir.resolve("." + MetricsLog.NAME + ".crc"));
        MetricsLog resumed = new MetricsLog(dir.toString(), new Configuration(), 4);
        assertEquals(4, resumed.lines().size());
        appendRounds(resumed, 5, 5);
        assertEquals(5, read(dir.resolve(MetricsLog.NAME)).size());
        assertFalse(Files.exists(dir.resolve(MetricsLog.PENDING)));
    }

    @Test
    void aDamagedFileIsAnErrorNamingFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(MetricsLog.NAME), "{\"round\":1}\n{\"round\":2,\"lo");
        IOException e = assertThrows(IOException.class, () -> new MetricsLog(dir.toString(), new Configuration(), 2));
        assertTrue(e.getMessage().contains(MetricsLog.NAME + " line 2"), e.getMessage());
    }
}
