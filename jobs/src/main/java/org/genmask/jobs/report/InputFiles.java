package org.genmask.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the report's inputs: JSON files (a malformed one is named) and files named inside an output directory. */
final class InputFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputFiles() {
    }

    /** The parsed file; an unreadable or malformed one is an error naming it. */
    static JsonNode json(Path file) throws IOException {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file + ": expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The bytes of {@code relative}, named in {@code namedIn}, which must lie inside {@code dir}.
     *
     * @throws IllegalArgumentException when it points outside {@code dir} or does not exist
     */
    static byte[] inside(Path dir, String relative, Path namedIn) throws IOException {
        Path p = dir.resolve(relative).normalize();
        if (relative.isEmpty() || !p.startsWith(dir.normalize())) {
            throw new IllegalArgumentException(namedIn + ": file '" + relative + "' is not inside " + dir);
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(namedIn + ": names " + p + ", which does not exist");
        }
        return Files.readAllBytes(p);
    }

    /** A required number field, or an error naming the file and the field. */
    static double number(JsonNode node, String field, Path file, String where) {
        JsonNode v = node.path(field);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(file + ": " + where + field + " is missing or not a number");
        }
        return v.asDouble();
    }
}
