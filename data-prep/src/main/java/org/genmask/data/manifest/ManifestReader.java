package org.genmask.data.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.genmask.data.DatasetFiles;
import org.genmask.data.RelativePath;
import org.genmask.data.text.TextEncoder;

/**
 * Reads {@code manifest.jsonl} (see {@code docs/dataset-layout.md}) into {@link ManifestRecord}s, one per
 * non-blank line. Problems with a line are returned as rejected records naming the file, the line and the field;
 * only I/O failures of the manifest itself throw.
 *
 * <p>For Spark: {@link #parse} is a pure function of one line, {@link #checkFiles} checks one record's files
 * through any {@link DatasetFiles}; {@link #read} does both for a whole manifest plus duplicate-id detection.
 */
public final class ManifestReader implements Serializable {

    /** The manifest's file name in a dataset root. */
    public static final String MANIFEST = "manifest.jsonl";
    /** The manifest's path in a dataset root. */
    public static final RelativePath MANIFEST_PATH = new RelativePath(MANIFEST);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> IMAGE_FIELDS = List.of("id", "image", "split", "captions", "objects");
    private static final List<String> OBJECT_FIELDS = List.of("id", "mask", "expressions");

    private final String fileName;

    /** A reader whose messages name the file {@code manifest.jsonl}. */
    public ManifestReader() {
        this(MANIFEST);
    }

    /** A reader whose messages name the file {@code fileName}. */
    public ManifestReader(String fileName) {
        if (fileName == null || fileName.isEmpty()) {
            throw new IllegalArgumentException("manifest file name is empty");
        }
        this.fileName = fileName;
    }

    /**
     * Parses one line (without its line terminator).
     *
     * @param line the 1-based line number
     * @param text the line
     * @return the image, or the rejection with the offending field
     */
    public ManifestRecord parse(long line, String text) {
        if (text == null || text.isBlank()) {
            return ManifestRecord.rejected(fileName, line, "", "blank line");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            int nl = m.indexOf('\n');
            return ManifestRecord.rejected(fileName, line, "", "invalid JSON: " + (nl < 0 ? m : m.substring(0, nl)));
        }
        try {
            return ManifestRecord.accepted(fileName, line, image(node));
        } catch (FieldProblem p) {
            return ManifestRecord.rejected(fileName, line, p.field, p.reason);
        }
    }

    /**
     * Checks that the image and every mask of an accepted record exist; returns the record itself when they do
     * (and for a rejected record), else a rejection ({@code objects[2].mask: file not found: masks/x.png}).
     */
    public ManifestRecord checkFiles(ManifestRecord record, DatasetFiles files) throws IOException {
        if (!record.isAccepted()) {
            return record;
        }
        DatasetImage image = record.image();
        if (!files.exists(image.image())) {
            return ManifestRecord.rejected(fileName, record.line(), "image", "file not found: " + image.image());
        }
        for (int i = 0; i < image.objects().size(); i++) {
            RelativePath mask = image.objects().get(i).mask();
            if (!files.exists(mask)) {
                return ManifestRecord.rejected(fileName, record.line(), "objects[" + i + "].mask",
                        "file not found: " + mask);
            }
        }
        return record;
    }

    /**
     * Reads {@code manifest.jsonl} of a dataset root: every non-blank line in order; a second line with an id
     * already seen is rejected ({@code id: duplicate id "x" (first on line 3)}).
     *
     * @param checkFiles whether to check that the referenced files exist ({@link #checkFiles})
     */
    public List<ManifestRecord> read(DatasetFiles files, boolean checkFiles) throws IOException {
        List<ManifestRecord> out = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(files.open(MANIFEST_PATH), StandardCharsets.UTF_8))) {
            long n = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                n++;
                if (n == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                ManifestRecord r = parse(n, text);
                if (r.isAccepted()) {
                    Long first = firstLine.putIfAbsent(r.image().id(), n);
                    if (first != null) {
                        r = ManifestRecord.rejected(fileName, n, "id",
                                "duplicate id \"" + r.image().id() + "\" (first on line " + first + ")");
                    } else if (checkFiles) {
                        r = checkFiles(r, files);
                    }
                }
                out.add(r);
            }
        }
        return out;
    }

    private static DatasetImage image(JsonNode node) throws FieldProblem {
        if (!node.isObject()) {
            throw new FieldProblem("", "a line must be a JSON object, got " + kind(node));
        }
        unknownFields(node, IMAGE_FIELDS, "");
        String id = text(node, "id", "id", true);
        String idProblem = DatasetImage.idProblem(id);
        if (idProblem != null) {
            throw new FieldProblem("id", idProblem);
        }
        RelativePath image = path(node, "image", "image");
        Split split;
        try {
            split = Split.fromJson(text(node, "split", "split", true));
        } catch (IllegalArgumentException e) {
            throw new FieldProblem("split", e.getMessage());
        }
        List<String> captions = texts(node.get("captions"), "captions", false);
        List<DatasetObject> objects = new ArrayList<>();
        JsonNode list = node.get("objects");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new FieldProblem("objects", "must be an array, got " + kind(list));
            }
            for (int i = 0; i < list.size(); i++) {
                objects.add(object(list.get(i), id, i, objects));
            }
        }
        if (captions.isEmpty() && objects.isEmpty()) {
            throw new FieldProblem("", "no captions and no objects");
        }
        return new DatasetImage(id, image, split, captions, objects);
    }

    private static DatasetObject object(JsonNode node, String imageId, int index, List<DatasetObject> before)
            throws FieldProblem {
        String at = "objects[" + index + "]";
        if (!node.isObject()) {
            throw new FieldProblem(at, "must be a JSON object, got " + kind(node));
        }
        unknownFields(node, OBJECT_FIELDS, at + ".");
        String id = text(node, "id", at + ".id", false);
        if (id == null) {
            id = DatasetImage.defaultObjectId(imageId, index);
        }
        String idProblem = DatasetImage.idProblem(id);
        if (idProblem != null) {
            throw new FieldProblem(at + ".id", idProblem);
        }
        for (DatasetObject o : before) {
            if (o.id().equals(id)) {
                throw new FieldProblem(at + ".id", "duplicate object id \"" + id + "\" in this image");
            }
        }
        RelativePath mask = path(node, "mask", at + ".mask");
        List<String> expressions = texts(node.get("expressions"), at + ".expressions", true);
        return new DatasetObject(id, mask, expressions);
    }

    private static void unknownFields(JsonNode node, List<String> known, String prefix) throws FieldProblem {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new FieldProblem(prefix + name, "unknown field (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static String text(JsonNode parent, String name, String field, boolean required) throws FieldProblem {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new FieldProblem(field, "missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new FieldProblem(field, "must be a string, got " + kind(v));
        }
        return v.textValue();
    }

    private static RelativePath path(JsonNode parent, String name, String field) throws FieldProblem {
        String value = text(parent, name, field, true);
        String problem = RelativePath.problem(value);
        if (problem != null) {
            throw new FieldProblem(field, problem);
        }
        return new RelativePath(value);
    }

    private static List<String> texts(JsonNode v, String field, boolean required) throws FieldProblem {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            if (required) {
                throw new FieldProblem(field, "missing");
            }
            return out;
        }
        if (!v.isArray()) {
            throw new FieldProblem(field, "must be an array of strings, got " + kind(v));
        }
        if (required && v.isEmpty()) {
            throw new FieldProblem(field, "empty (at least one is required)");
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String at = field + "[" + i + "]";
            if (!e.isTextual()) {
                throw new FieldProblem(at, "must be a string, got " + kind(e));
            }
            if (e.textValue().isBlank()) {
                throw new FieldProblem(at, "blank text");
            }
            String rejection = TextEncoder.rejection(e.textValue());
            if (rejection != null) {
                throw new FieldProblem(at, rejection);
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static String kind(JsonNode v) {
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A problem with one field; aborts the parse of a line. */
    private static final class FieldProblem extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;
        final String reason;

        FieldProblem(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
            this.reason = reason;
        }
    }
}
