package org.genmask.data.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a refs JSON file (a list of refs as in RefCOCO's {@code refs(unc).p}, converted to JSON) one ref at a time,
 * keeping only ref_id, ann_id, image_id, split and the sentences' {@code sent}. Refuses Python pickles with the
 * conversion command.
 */
final class RefsFile {

    private RefsFile() {
    }

    /**
     * The refs of a file, in file order.
     *
     * @throws IllegalArgumentException if the file is a pickle or a ref is malformed (message names file, ref, field)
     * @throws IOException              if the file cannot be read or is not well-formed JSON
     */
    static List<RefEntry> read(Path file, ObjectMapper mapper) throws IOException {
        refusePickle(file);
        List<RefEntry> refs = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        try (JsonParser p = mapper.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(file + ": expected a JSON list of refs, found " + p.currentToken());
            }
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException(file + ": refs[" + index + "]: expected a ref object, found " + t);
                }
                JsonNode node = p.readValueAsTree();
                RefEntry ref = parse(file, index, node);
                if (!ids.add(ref.refId())) {
                    throw new IllegalArgumentException(file + ": ref " + ref.refId() + ": ref_id appears twice");
                }
                refs.add(ref);
                index++;
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": malformed JSON at line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        return refs;
    }

    private static RefEntry parse(Path file, int index, JsonNode node) {
        long refId = new JsonFields(file + ": refs[" + index + "]", node).id("ref_id");
        JsonFields f = new JsonFields(file + ": ref " + refId, node);
        long annId = f.id("ann_id");
        long imageId = f.id("image_id");
        String split = f.text("split");
        JsonNode sentences = f.array("sentences");
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException(f.where() + ": sentences: empty list");
        }
        List<String> sents = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            JsonNode s = sentences.get(i);
            String field = f.where() + ": sentences[" + i + "]";
            if (!s.isObject()) {
                throw new IllegalArgumentException(field + ": expected {\"sent\": ...}, got " + s.getNodeType());
            }
            JsonNode sent = s.get("sent");
            if (sent == null || !sent.isTextual()) {
                throw new IllegalArgumentException(field + ".sent: expected a string, got " + sent);
            }
            String text = sent.asText().strip();
            if (!text.isEmpty()) {
                sents.add(text);
            }
        }
        return new RefEntry(refId, annId, imageId, split, sents);
    }

    /** Pickles start with the PROTO opcode 0x80 (protocol 2+) or, in protocol 0/1, with '(' or ']'. */
    private static void refusePickle(Path file) throws IOException {
        int first = -1;
        try (InputStream in = Files.newInputStream(file)) {
            int b;
            while ((b = in.read()) != -1) {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0xEF && b != 0xBB && b != 0xBF) {
                    first = b;
                    break;
                }
            }
        }
        if (first == '[' || first == '{') {
            return;
        }
        String name = file.getFileName().toString();
        boolean pickleName = name.endsWith(".p") || name.endsWith(".pkl") || name.endsWith(".pickle");
        if (first == 0x80 || first == '(' || first == ']' || pickleName) {
            throw new IllegalArgumentException(file + ": this is a Python pickle (like RefCOCO's refs(unc).p), which "
                    + "is not read here because unpickling runs code; convert it to JSON once with: python -c "
                    + "\"import pickle, json; json.dump(pickle.load(open('" + name + "','rb')), open('refs.json','w'))\""
                    + " and pass refs.json");
        }
        throw new IllegalArgumentException(file + ": expected a JSON list of refs, the file starts with "
                + (first == -1 ? "nothing" : "byte " + first));
    }
}
