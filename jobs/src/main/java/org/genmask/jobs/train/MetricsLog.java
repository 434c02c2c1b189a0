package org.genmask.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code metrics.jsonl} in the run directory, one JSON object per round. The whole file is rewritten after each
 * round (object stores cannot append); on resume, lines of rounds after the checkpoint are dropped, so a resumed run's
 * file reads exactly like an uninterrupted run's.
 */
final class MetricsLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileSystem fs;
    private final Path file;
    private final List<String> lines = new ArrayList<>();

    MetricsLog(String runDir, Configuration hadoop, int keepUpToRound) throws IOException {
        Path dir = new Path(runDir);
        this.fs = dir.getFileSystem(hadoop);
        this.file = new Path(dir, "metrics.jsonl");
        if (fs.exists(file)) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank() && JSON.readTree(line).path("round").asInt() <= keepUpToRound) {
                        lines.add(line);
                    }
                }
            }
        }
    }

    ObjectNode newRecord() {
        return JSON.createObjectNode();
    }

    void append(ObjectNode record) throws IOException {
        lines.add(JSON.writeValueAsString(record));
        try (OutputStream out = fs.create(file, true)) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
