package org.genmask.vae;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The project's own VAE, shipped inside the jar (trained by {@link VaeTrainer} on synthetic scenes and masks; its
 * provenance is {@code provenance.json} beside the weights). Wherever a job takes a VAE directory, the value
 * {@value #NAME} names this one: every JVM (driver or executor) unpacks the same bytes from its own classpath into
 * {@code java.io.tmpdir/genmask-vae/default-<sha256 prefix>/}, written under a temporary name and renamed, so
 * concurrent JVMs on one node never see a partial file.
 */
public final class DefaultVae {
    /** The value of a VAE setting that selects the embedded VAE. */
    public static final String NAME = "default";
    private static final String RESOURCE_DIR = "/org/genmask/vae/default/";
    private static final String[] FILES = {AutoencoderKL.CONFIG_FILE, AutoencoderKL.WEIGHTS_FILE, "provenance.json"};
    private static Path unpacked;

    private DefaultVae() {
    }

    /** True when {@code vae} selects the embedded VAE. */
    public static boolean isDefault(String vae) {
        return NAME.equals(vae);
    }

    /** The local directory of the VAE named by {@code vae}: the unpacked embedded one for {@value #NAME}. */
    public static Path localDirectory(String vae) {
        if (vae == null || vae.isBlank()) {
            throw new IllegalArgumentException("VAE directory is not set (use '" + NAME + "' for the embedded VAE)");
        }
        return isDefault(vae) ? directory() : Path.of(vae);
    }

    /** The embedded VAE unpacked to local disk (once per JVM). */
    public static synchronized Path directory() {
        if (unpacked != null && Files.isRegularFile(unpacked.resolve(AutoencoderKL.WEIGHTS_FILE))) {
            return unpacked;
        }
        try {
            String id = HexFormat.of().formatHex(digest(AutoencoderKL.WEIGHTS_FILE)).substring(0, 16);
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "genmask-vae", NAME + "-" + id);
            Files.createDirectories(dir);
            for (String f : FILES) {
                Path target = dir.resolve(f);
                if (Files.isRegularFile(target)) {
                    continue;
                }
                Path tmp = Files.createTempFile(dir, f, ".part");
                try (InputStream in = open(f)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            unpacked = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded VAE: cannot unpack to java.io.tmpdir: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = DefaultVae.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IOException("embedded VAE: resource " + RESOURCE_DIR + file + " is missing from the classpath");
        }
        return in;
    }

    private static byte[] digest(String file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(open(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return in.getMessageDigest().digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
