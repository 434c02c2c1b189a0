package org.genmask.jobs.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code metrics.jsonl} in the run directory, one JSON object per round. The whole file is rewritten after each
 * round (object stores cannot append); on resume, lines of rounds after the checkpoint are dropped, so a resumed run's
 * file reads exactly like an uninterrupted run's.
 *
 * <p>A kill during the rewrite loses nothing. On an object store the new object replaces the old one only when its
 * upload completes. On other file systems (local, HDFS) the lines go to {@code metrics.jsonl.tmp} first, which then
 * replaces the file; if a kill falls between the two, the next run reads the complete {@code .tmp}.
 */
final class MetricsLog {
    static final String NAME = "metrics.jsonl";
    static final String PENDING = NAME + ".tmp";
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb",
            "wasbs", "oss");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileSystem fs;
    private final Path file;
    private final Path pending;
    private final boolean objectStore;
    private final List<String> lines = new ArrayList<>();

    MetricsLog(String runDir, Configuration hadoop, int keepUpToRound) throws IOException {
        Path dir = new Path(runDir);
        this.fs = dir.getFileSystem(hadoop);
        this.file = new Path(dir, NAME);
        this.pending = new Path(dir, PENDING);
        this.objectStore = OBJECT_STORES.contains(fs.getScheme());
        Path source = fs.exists(file) ? file : !objectStore && fs.exists(pending) ? pending : null;
        if (source != null) {
            read(source, keepUpToRound);
        }
    }

    private void read(Path source, int keepUpToRound) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(source), StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                int round;
                try {
                    round = JSON.readTree(line).path("round").asInt();
                } catch (JsonProcessingException e) {
                    throw new IOException(source + " line " + number + ": not a JSON record (" + e.getOriginalMessage()
                            + "); move the file aside to resume without the earlier rounds' metrics", e);
                }
                if (round <= keepUpToRound) {
                    lines.add(line);
                }
            }
        }
    }

    ObjectNode newRecord() {
        return JSON.createObjectNode();
    }

    void append(ObjectNode record) throws IOException {
        lines.add(JSON.writeValueAsString(record));
        if (objectStore) {
            write(file);
            return;
        }
        write(pending);
        if (fs.exists(file) && !fs.delete(file, false)) {
            throw new IOException("could not replace " + file + " (the new lines are in " + pending + ")");
        }
        if (!fs.rename(pending, file)) {
            throw new IOException("could not rename " + pending + " to " + file);
        }
    }

    private void write(Path target) throws IOException {
        try (OutputStream out = fs.create(target, true)) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
