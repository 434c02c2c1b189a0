package org.genmask.data.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.genmask.data.RelativePath;
import org.genmask.data.hadoop.HadoopDatasetFiles;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.AutoencoderKLConfig;
import org.genmask.vae.DefaultVae;
import org.genmask.vae.VaeRegistry;

/**
 * A VAE directory ({@code config.json} + {@code diffusion_pytorch_model.safetensors}) on any Hadoop file system, or
 * {@code default} for the embedded VAE ({@link DefaultVae}), with
 * the SHA-256 of its weights taken on the driver. On an executor, {@link #load()} gives the JVM's one model from
 * {@link VaeRegistry}; a remote directory is first copied to the local temporary directory, and the weights' hash is
 * checked once per JVM, so a file replaced while the job runs is an error, not silently different latents.
 */
public final class VaeLocation implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final RelativePath CONFIG = new RelativePath(AutoencoderKL.CONFIG_FILE);
    private static final RelativePath WEIGHTS = new RelativePath(AutoencoderKL.WEIGHTS_FILE);
    private static final Map<String, String> VERIFIED = new ConcurrentHashMap<>();

    private final HadoopDatasetFiles dir;
    private final String weightsSha256;
    private final String configJson;
    private final boolean embedded;

    private VaeLocation(HadoopDatasetFiles dir, String weightsSha256, String configJson, boolean embedded) {
        this.dir = dir;
        this.weightsSha256 = weightsSha256;
        this.configJson = configJson;
        this.embedded = embedded;
    }

    /** Reads the config and hashes the weights (driver side). */
    public static VaeLocation resolve(String directory, Configuration conf) throws IOException {
        boolean embedded = DefaultVae.isDefault(directory);
        HadoopDatasetFiles dir = new HadoopDatasetFiles(
                embedded ? DefaultVae.directory().toUri().toString() : directory, conf);
        for (RelativePath p : new RelativePath[] {CONFIG, WEIGHTS}) {
            if (!dir.exists(p)) {
                throw new IOException("config key 'vae': " + dir.uri(p) + ": file not found (a VAE directory holds "
                        + AutoencoderKL.CONFIG_FILE + " and " + AutoencoderKL.WEIGHTS_FILE + ")");
            }
        }
        String json = new String(dir.read(CONFIG), java.nio.charset.StandardCharsets.UTF_8);
        VaeLocation v = new VaeLocation(dir, sha256(dir, WEIGHTS), json, embedded);
        v.config(); // validates now, naming the file
        return v;
    }

    /** The parsed {@code config.json}. */
    public AutoencoderKLConfig config() throws IOException {
        try {
            return AutoencoderKLConfig.fromJson(new ObjectMapper().readTree(configJson));
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException(dir.uri(CONFIG) + ": " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of the weights file. */
    public String weightsSha256() {
        return weightsSha256;
    }

    /** The directory's URI. */
    public String uri() {
        return dir.root();
    }

    /** This JVM's model (loaded once per JVM; remote weights copied to local disk first). */
    public AutoencoderKL load() throws IOException {
        Path local = localDirectory();
        Path weights = local.resolve(AutoencoderKL.WEIGHTS_FILE);
        String stamp = weights.toRealPath() + "|" + Files.size(weights) + "|" + Files.getLastModifiedTime(weights);
        if (!weightsSha256.equals(VERIFIED.get(stamp))) {
            String actual;
            try (InputStream in = Files.newInputStream(weights)) {
                actual = sha256(in);
            }
            if (!actual.equals(weightsSha256)) {
                throw new IOException(weights + ": VAE weights changed since the job started (sha256 " + actual
                        + ", expected " + weightsSha256 + ")");
            }
            VERIFIED.put(stamp, actual);
        }
        return VaeRegistry.get(local);
    }

    private Path localDirectory() throws IOException {
        if (embedded) {
            return DefaultVae.directory(); // every JVM unpacks the same bytes from its own classpath
        }
        URI root = URI.create(dir.root());
        if ("file".equals(root.getScheme())) {
            return Path.of(root);
        }
        Path local = Path.of(System.getProperty("java.io.tmpdir"), "genmask-vae", weightsSha256);
        synchronized (VaeLocation.class) {
            if (!Files.isRegularFile(local.resolve(AutoencoderKL.WEIGHTS_FILE))) {
                Files.createDirectories(local);
                for (RelativePath p : new RelativePath[] {CONFIG, WEIGHTS}) {
                    Path tmp = Files.createTempFile(local, p.value(), ".part");
                    try (InputStream in = dir.open(p)) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(tmp, local.resolve(p.value()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        return local;
    }

    private static String sha256(HadoopDatasetFiles dir, RelativePath p) throws IOException {
        try (InputStream in = dir.open(p)) {
            return sha256(in);
        }
    }

    /** Hex SHA-256 of a stream's remaining bytes. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
