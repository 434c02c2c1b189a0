package org.genmask.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and fully validated header of a safetensors file. Validation is done once, up front, so that reads
 * afterwards only need to map byte ranges that are known to lie inside the file and not to overlap.
 */
final class SafetensorsHeader {
    /** Largest header accepted (the same bound as the reference implementation). */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    final long dataStart;
    final long dataSize;
    final Map<String, TensorInfo> tensors;
    final Map<String, String> metadata;

    private SafetensorsHeader(long dataStart, long dataSize, Map<String, TensorInfo> tensors,
            Map<String, String> metadata) {
        this.dataStart = dataStart;
        this.dataSize = dataSize;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw SafetensorsFormatException.of(file, "truncated: " + fileSize + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, lenBuf, 0);
        long headerLen = lenBuf.getLong(0);
        if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > fileSize - 8) {
            throw SafetensorsFormatException.of(file, "header length " + Long.toUnsignedString(headerLen)
                    + " is out of bounds (must be 2.." + Math.min(MAX_HEADER_BYTES, fileSize - 8)
                    + " for a file of " + fileSize + " bytes)");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
        readFully(file, channel, headerBuf, 8);
        JsonNode root;
        try {
            root = JSON.readTree(headerBuf.array());
        } catch (JsonProcessingException e) {
            throw SafetensorsFormatException.of(file, "header is not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw SafetensorsFormatException.of(file, "header JSON must be an object");
        }
        long dataStart = 8 + headerLen;
        long dataSize = fileSize - dataStart;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = ((ObjectNode) root).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (METADATA_KEY.equals(e.getKey())) {
                metadata.putAll(parseMetadata(file, e.getValue()));
            } else {
                tensors.put(e.getKey(), parseTensor(file, e.getKey(), e.getValue(), dataSize));
            }
        }
        checkNoOverlap(file, tensors);
        return new SafetensorsHeader(dataStart, dataSize, tensors, metadata);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) throws SafetensorsFormatException {
        if (!node.isObject()) {
            throw SafetensorsFormatException.of(file, "field '" + METADATA_KEY + "' must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw SafetensorsFormatException.of(file, "field '" + METADATA_KEY + "." + e.getKey()
                        + "' must be a string, got " + e.getValue().getNodeType());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static TensorInfo parseTensor(Path file, String name, JsonNode node, long dataSize)
            throws SafetensorsFormatException {
        if (name.isEmpty()) {
            throw SafetensorsFormatException.of(file, "a tensor has an empty name");
        }
        if (!node.isObject()) {
            throw SafetensorsFormatException.ofTensor(file, name, "entry must be an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw SafetensorsFormatException.ofTensor(file, name, "field 'dtype' is missing or not a string");
        }
        SafetensorsDType dtype = SafetensorsDType.parse(dtypeNode.textValue()).orElseThrow(() ->
                SafetensorsFormatException.ofTensor(file, name, "unsupported dtype '" + dtypeNode.textValue()
                        + "' (supported: " + Arrays.toString(SafetensorsDType.values()) + ")"));
        long[] shape = longArray(file, name, node.get("shape"), "shape", -1);
        long[] offsets = longArray(file, name, node.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw SafetensorsFormatException.ofTensor(file, name, "data_offsets [" + begin + ", " + end + "] begin > end");
        }
        if (end > dataSize) {
            throw SafetensorsFormatException.ofTensor(file, name, "data_offsets [" + begin + ", " + end
                    + "] end is past the data section (" + dataSize + " bytes)");
        }
        long count;
        long bytes;
        try {
            count = 1;
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            throw SafetensorsFormatException.ofTensor(file, name, "shape " + Arrays.toString(shape) + " overflows");
        }
        if (bytes != end - begin) {
            throw SafetensorsFormatException.ofTensor(file, name, "shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + bytes + " bytes but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long[] longArray(Path file, String name, JsonNode node, String field, int requiredLength)
            throws SafetensorsFormatException {
        if (node == null || !node.isArray()) {
            throw SafetensorsFormatException.ofTensor(file, name, "field '" + field + "' is missing or not an array");
        }
        if (requiredLength >= 0 && node.size() != requiredLength) {
            throw SafetensorsFormatException.ofTensor(file, name, "field '" + field + "' must have "
                    + requiredLength + " entries, has " + node.size());
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw SafetensorsFormatException.ofTensor(file, name, "field '" + field + "' entry " + i
                        + " must be a non-negative integer, got " + v);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    private static void checkNoOverlap(Path file, Map<String, TensorInfo> tensors) throws SafetensorsFormatException {
        List<TensorInfo> sorted = new ArrayList<>();
        for (TensorInfo t : tensors.values()) {
            if (t.byteLength() > 0) {
                sorted.add(t);
            }
        }
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        TensorInfo furthest = null;
        for (TensorInfo t : sorted) {
            if (furthest != null && t.begin() < furthest.end()) {
                throw SafetensorsFormatException.ofTensor(file, t.name(), "data_offsets [" + t.begin() + ", "
                        + t.end() + "] overlap tensor '" + furthest.name() + "' [" + furthest.begin() + ", "
                        + furthest.end() + "]");
            }
            if (furthest == null || t.end() > furthest.end()) {
                furthest = t;
            }
        }
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw SafetensorsFormatException.of(file, "truncated while reading the header at byte " + pos);
            }
            pos += n;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
