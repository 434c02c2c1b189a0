package org.genmask.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SafetensorsFileTest {
    @TempDir
    Path dir;

    /** A file written byte by byte: 8-byte LE header length, the JSON header, then {@code data}. */
    static Path rawFile(Path file, String headerJson, byte[] data) throws IOException {
        byte[] json = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).put(data);
        Files.write(file, b.array());
        return file;
    }

    static byte[] shortsLE(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    @Test
    void roundTripF32KeepsOrderShapesValuesAndMetadata() throws IOException {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", Nd4j.rand(DataType.FLOAT, 2, 3, 4).subi(0.5));
        tensors.put("a.bias", Nd4j.createFromArray(1.5f, -2.25f, 3e-8f));
        tensors.put("m.view", Nd4j.arange(24).castTo(DataType.DOUBLE).reshape(4, 6).transpose()); // non-C view
        tensors.put("s.scalar", Nd4j.scalar(7.0f));
        Path p = dir.resolve("rt.safetensors");
        SafetensorsWriter.write(p, tensors, Map.of("format", "pt"));
        assertEquals(0, (Files.size(p) - 8 - 4 * (24 + 3 + 24 + 1)) % 8, "header padded to a multiple of 8");
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertEquals(List.of("z.weight", "a.bias", "m.view", "s.scalar"), List.copyOf(f.names()));
            assertEquals(Map.of("format", "pt"), f.metadata());
            for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
                INDArray got = f.read(e.getKey());
                assertEquals(DataType.FLOAT, got.dataType());
                assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
                assertEquals(e.getValue().castTo(DataType.FLOAT), got, e.getKey());
            }
            assertEquals(SafetensorsDType.F32, f.info("m.view").dtype());
            assertArrayEquals(new long[] {6, 4}, f.info("m.view").shape());
            assertEquals(15f, f.read("m.view", 6, 4).getFloat(3, 2));
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may be left next to the output");
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)),
                "readable by others like a plainly written file, not the temp file's 0600");
    }

    @Test
    void tensorLargerThanOneReadChunkRoundTrips() throws IOException {
        long n = (1L << 24) + 4; // past the reader's 2^24-element chunk, divisible by 5
        INDArray big = Nd4j.rand(DataType.FLOAT, n).reshape(5, n / 5); // [n] -> [5, n/5]
        Path p = dir.resolve("big.safetensors");
        SafetensorsWriter.write(p, Map.of("big", big), null);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            INDArray got = f.read("big", 5, n / 5);
            assertEquals(big, got);
        }
    }

    @Test
    void f16AndBf16AreConvertedExactly() throws IOException {
        // F16: 1, -2, 0.5, 65504 (max), 2^-24 (smallest subnormal), +inf; BF16: 1, -3.5, 3.140625
        byte[] f16 = shortsLE(0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x7c00);
        byte[] bf16 = shortsLE(0x3f80, 0xc060, 0x4049);
        byte[] data = ByteBuffer.allocate(f16.length + bf16.length).put(f16).put(bf16).array();
        Path p = rawFile(dir.resolve("half.safetensors"), "{\"h\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[12,18]}}", data);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            INDArray h = f.read("h");
            assertArrayEquals(new long[] {2, 3}, h.shape());
            assertArrayEquals(new float[] {1f, -2f, 0.5f, 65504f, (float) Math.pow(2, -24), Float.POSITIVE_INFINITY},
                    h.dup('c').data().asFloat());
            assertArrayEquals(new float[] {1f, -3.5f, 3.140625f}, f.read("b").toFloatVector());
            assertEquals(SafetensorsDType.BF16, f.info("b").dtype());
        }
    }

    @Test
    void truncatedFileIsRefusedNamingTheTensor() throws IOException {
        Path p = dir.resolve("t.safetensors");
        SafetensorsWriter.write(p, Map.of("w", Nd4j.ones(DataType.FLOAT, 4, 4)), Map.of());
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length - 5));
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("'w'")
                && e.getMessage().contains("past the data section"), e.getMessage());

        Files.write(p, new byte[] {1, 2, 3});
        e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void offsetPastTheEndIsRefused() throws IOException {
        Path p = rawFile(dir.resolve("o.safetensors"),
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[8]);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(p));
        assertTrue(e.getMessage().startsWith(p + ": tensor 'x': data_offsets [4, 12]"), e.getMessage());
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        Path p = rawFile(dir.resolve("ov.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", new byte[16]);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("'b'")
                && e.getMessage().contains("overlap tensor 'a'"), e.getMessage());
    }

    @Test
    void hugeHeaderLengthIsRefused() throws IOException {
        Path p = dir.resolve("huge.safetensors");
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(Long.MAX_VALUE - 3);
        Files.write(p, b.array());
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("header length"), e.getMessage());
    }

    @Test
    void unsupportedDtypeIsRefusedNamingTensorAndDtype() throws IOException {
        Path p = rawFile(dir.resolve("i64.safetensors"),
                "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("'ids'")
                && e.getMessage().contains("'I64'"), e.getMessage());
    }

    @Test
    void malformedHeadersAreRefusedNamingTheField() throws IOException {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("[1,2]", "must be an object");
        cases.put("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", "'shape'");
        cases.put("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "needs 12 bytes");
        cases.put("{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", "'data_offsets'");
        cases.put("{\"__metadata__\":{\"k\":1}}", "__metadata__.k");
        cases.put("{\"x\":1,\"x\":2}", "not valid JSON");
        cases.put("{not json", "not valid JSON");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path p = rawFile(dir.resolve("bad" + i++ + ".safetensors"), c.getKey(), new byte[16]);
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class,
                    () -> SafetensorsFile.open(p), c.getKey());
            assertTrue(e.getMessage().startsWith(p + ": ") && e.getMessage().contains(c.getValue())
                    && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void readAllListsMissingUnexpectedAndWrongShapeByName() throws IOException {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("keep", Nd4j.zeros(DataType.FLOAT, 2, 2));
        tensors.put("extra", Nd4j.zeros(DataType.FLOAT, 3));
        tensors.put("shaped", Nd4j.zeros(DataType.FLOAT, 2, 3));
        Path p = dir.resolve("all.safetensors");
        SafetensorsWriter.write(p, tensors, null);
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("keep", new long[] {2, 2});
        expected.put("shaped", new long[] {3, 2});
        expected.put("absent", new long[] {1});
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> f.readAll(expected));
            String m = e.getMessage();
            assertTrue(m.startsWith(p.toString()) && m.contains("missing [absent]") && m.contains("unexpected [extra]")
                    && m.contains("shaped [2, 3] expected [3, 2]"), m);
            IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> f.read("shaped", 3, 2));
            assertTrue(s.getMessage().contains(p.toString()) && s.getMessage().contains("'shaped'")
                    && s.getMessage().contains("[2, 3]") && s.getMessage().contains("[3, 2]"), s.getMessage());
            Map<String, long[]> exact = new LinkedHashMap<>();
            exact.put("shaped", new long[] {2, 3});
            exact.put("keep", new long[] {2, 2});
            exact.put("extra", new long[] {3});
            assertEquals(List.of("shaped", "keep", "extra"), List.copyOf(f.readAll(exact).keySet()));
        }
    }
}
