package org.genmask.golden;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test-side access to one golden folder under {@code <shared>/golden/} (e.g. {@code autoencoder_kl}, {@code dit}):
 * its manifest, its {@code .f32} files as float32 arrays with the manifest's shape (size and sha256 checked), and
 * closeness assertions whose failure message names the tensor, the worst element and the tolerance.
 *
 * <p>The shared folder is the system property {@code genmask.shared} (set by Surefire) or else {@code ../shared}
 * resolved from the working directory's parent (module directory) or from the working directory itself.
 */
public final class Golden {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String folder;
    private final Path dir;
    private final JsonNode manifest;
    private final Map<String, JsonNode> entries;

    private Golden(String folder, Path dir, JsonNode manifest, Map<String, JsonNode> entries) {
        this.folder = folder;
        this.dir = dir;
        this.manifest = manifest;
        this.entries = entries;
    }

    /** The project's shared folder (holding {@code golden/}); fails the test with a clear message if not found. */
    public static Path sharedDir() {
        String prop = System.getProperty("genmask.shared");
        Path cwd = Paths.get("").toAbsolutePath();
        Path[] candidates = {
            prop == null ? null : Paths.get(prop),
            cwd.getParent() == null ? null : cwd.getParent().resolve("../shared"),
            cwd.resolve("../shared"),
        };
        for (Path c : candidates) {
            if (c != null && Files.isDirectory(c.resolve("golden"))) {
                return c.normalize();
            }
        }
        throw new IllegalStateException("Golden: no shared folder with golden/ found (genmask.shared=" + prop
                + ", working directory " + cwd + ")");
    }

    /** Opens {@code <shared>/golden/<folder>/manifest.json}. */
    public static Golden of(String folder) {
        Path dir = sharedDir().resolve("golden").resolve(folder);
        Path manifestFile = dir.resolve("manifest.json");
        try {
            JsonNode manifest = JSON.readTree(manifestFile.toFile());
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            collectEntries(manifestFile, manifest, entries);
            return new Golden(folder, dir, manifest, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Golden: cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
    }

    /** Every object field named {@code *.f32} that has a {@code shape}, anywhere in the manifest. */
    private static void collectEntries(Path manifestFile, JsonNode node, Map<String, JsonNode> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().endsWith(".f32") && v.isObject() && v.has("shape")) {
                JsonNode previous = out.put(e.getKey(), v);
                if (previous != null && !previous.get("shape").equals(v.get("shape"))) {
                    throw new IllegalStateException("Golden: " + manifestFile + " lists '" + e.getKey()
                            + "' twice with different shapes");
                }
            } else if (v.isObject()) {
                collectEntries(manifestFile, v, out);
            }
        }
    }

    public Path dir() {
        return dir;
    }

    public JsonNode manifest() {
        return manifest;
    }

    /** A file of this golden folder, which must exist. */
    public Path file(String relative) {
        Path p = dir.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("Golden: missing file " + p);
        }
        return p;
    }

    /** The manifest entry of a {@code .f32} file (path relative to this folder, as the manifest spells it). */
    public JsonNode entry(String relative) {
        JsonNode e = entries.get(relative);
        if (e == null) {
            throw new IllegalArgumentException("Golden: " + folder + "/manifest.json has no entry '" + relative
                    + "' (has " + entries.keySet() + ")");
        }
        return e;
    }

    public long[] shape(String relative) {
        JsonNode s = entry(relative).get("shape");
        long[] shape = new long[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).longValue();
        }
        return shape;
    }

    /** The manifest's {@code tolerance.max_abs_diff}, else {@code 1e-4 * max(1, stats.max_abs)}. */
    public double tolerance(String relative) {
        JsonNode e = entry(relative);
        JsonNode t = e.path("tolerance").path("max_abs_diff");
        if (t.isNumber()) {
            return t.doubleValue();
        }
        return 1e-4 * Math.max(1.0, e.path("stats").path("max_abs").asDouble(1.0));
    }

    /** Reads a {@code .f32} file (raw little-endian float32, C order) with the manifest's shape; checks size and sha256. */
    public INDArray read(String relative) {
        long[] shape = shape(relative);
        Path p = file(relative);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Golden: cannot read " + p + ": " + e.getMessage(), e);
        }
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (bytes.length != count * 4) {
            throw new IllegalStateException("Golden: " + p + " has " + bytes.length + " bytes, manifest shape "
                    + Arrays.toString(shape) + " needs " + count * 4);
        }
        String sha = entry(relative).path("sha256").asText("");
        if (!sha.isEmpty() && !sha.equals(sha256(bytes))) {
            throw new IllegalStateException("Golden: " + p + " sha256 differs from the manifest");
        }
        float[] values = new float[(int) count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return Nd4j.create(values, shape, 'c');
    }

    /** Asserts {@code actual} matches the golden file within the manifest's tolerance. */
    public void assertClose(String relative, INDArray actual) {
        assertClose(folder + "/" + relative, read(relative), actual, tolerance(relative));
    }

    /**
     * Asserts equal shapes and {@code max|actual - expected| <= tolerance}, with no NaN; the failure message names
     * {@code label}, the max abs error, the index of the worst element with both values, and the tolerance.
     */
    public static void assertClose(String label, INDArray expected, INDArray actual, double tolerance) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            fail(label + ": shape " + Arrays.toString(actual.shape()) + " but golden is "
                    + Arrays.toString(expected.shape()));
        }
        INDArray e = expected.castTo(DataType.DOUBLE).dup('c');
        INDArray a = actual.castTo(DataType.DOUBLE).dup('c');
        double[] ev = e.data().asDouble();
        double[] av = a.data().asDouble();
        double worst = -1;
        int worstAt = 0;
        for (int i = 0; i < ev.length; i++) {
            double d = Math.abs(av[i] - ev[i]);
            if (Double.isNaN(d)) {
                worst = Double.NaN;
                worstAt = i;
                break;
            }
            if (d > worst) {
                worst = d;
                worstAt = i;
            }
        }
        if (Double.isNaN(worst) || worst > tolerance) {
            long[] index = unravel(worstAt, expected.shape());
            fail(String.format("%s: max|java-ref| = %.3e at %s (java %.7g, ref %.7g) > tolerance %.3e",
                    label, worst, Arrays.toString(index), av[worstAt], ev[worstAt], tolerance));
        }
    }

    private static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
