package org.genmask.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-JVM cache of loaded VAEs, so that an executor loads a model once and reuses it across tasks. Entries are
 * keyed by the parsed config, the weights file's real path, its size and its modification time: a replaced
 * weights file is loaded again (and the stale entry for that path dropped). Thread-safe; concurrent first calls for
 * one key load the model once, the others wait for it.
 */
public final class VaeRegistry {
    private record Key(AutoencoderKLConfig config, Path weights, long size, long modifiedMillis) {
    }

    private static final Map<Key, CompletableFuture<AutoencoderKL>> MODELS = new ConcurrentHashMap<>();

    private VaeRegistry() {
    }

    /** The model in {@code dir} ({@code config.json} and {@code diffusion_pytorch_model.safetensors}). */
    public static AutoencoderKL get(Path dir) throws IOException {
        return get(dir.resolve(AutoencoderKL.CONFIG_FILE), dir.resolve(AutoencoderKL.WEIGHTS_FILE));
    }

    /** The model for this config and weights file, loading it on first use in this JVM. */
    public static AutoencoderKL get(Path configJson, Path weightsFile) throws IOException {
        AutoencoderKLConfig config = AutoencoderKLConfig.load(configJson);
        Path real = weightsFile.toRealPath();
        Key key = new Key(config, real, Files.size(real), Files.getLastModifiedTime(real).toMillis());
        CompletableFuture<AutoencoderKL> mine = new CompletableFuture<>();
        CompletableFuture<AutoencoderKL> existing = MODELS.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                AutoencoderKL model = AutoencoderKL.load(configJson, real);
                mine.complete(model);
                MODELS.keySet().removeIf(k -> k.weights().equals(real) && !k.equals(key)); // stale versions
                return model;
            } catch (IOException | RuntimeException | Error e) {
                MODELS.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException(new IOException("VaeRegistry: loading " + real + " failed", e.getCause()));
        }
    }

    /** Number of models held. */
    public static int size() {
        return MODELS.size();
    }

    /** Drops every cached model (they stay usable by whoever holds them). */
    public static void clear() {
        MODELS.clear();
    }
}
