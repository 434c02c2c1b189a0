package org.genmask.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.genmask.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaeRegistryTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        VaeRegistry.clear();
    }

    private Path writeModel(Path modelDir, long seed) throws Exception {
        Files.createDirectories(modelDir);
        AutoencoderKLConfig c = TinyVae.config(true, 0.0);
        new ObjectMapper().writeValue(modelDir.resolve(AutoencoderKL.CONFIG_FILE).toFile(), c.toJson());
        SafetensorsWriter.write(modelDir.resolve(AutoencoderKL.WEIGHTS_FILE), VaeInitializer.random(c, seed), null);
        return modelDir;
    }

    @Test
    void concurrentCallersShareOneLoadedModel() throws Exception {
        Path m = writeModel(dir.resolve("m"), 1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AutoencoderKL>> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> VaeRegistry.get(m)));
            }
            AutoencoderKL first = got.get(0).get();
            for (Future<AutoencoderKL> f : got) {
                assertSame(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, VaeRegistry.size());
        assertNotSame(VaeRegistry.get(m), VaeRegistry.get(writeModel(dir.resolve("other"), 1)));
        assertEquals(2, VaeRegistry.size());
    }

    @Test
    void replacedWeightsFileIsReloadedAndTheStaleEntryDropped() throws Exception {
        Path m = writeModel(dir.resolve("m"), 1);
        AutoencoderKL before = VaeRegistry.get(m);
        writeModel(m, 2);
        Path w = m.resolve(AutoencoderKL.WEIGHTS_FILE);
        Files.setLastModifiedTime(w, FileTime.fromMillis(Files.getLastModifiedTime(w).toMillis() + 5000));
        AutoencoderKL after = VaeRegistry.get(m);
        assertNotSame(before, after);
        assertEquals(1, VaeRegistry.size());
        assertTrue(!before.weights().get("encoder.conv_in.weight").equals(after.weights().get("encoder.conv_in.weight")));
    }

    @Test
    void loadFailuresPropagateAndAreNotCached() throws Exception {
        Path m = writeModel(dir.resolve("m"), 1);
        Files.write(m.resolve(AutoencoderKL.WEIGHTS_FILE), new byte[] {1, 2, 3});
        Exception e = assertThrows(java.io.IOException.class, () -> VaeRegistry.get(m));
        assertTrue(e.getMessage().contains(AutoencoderKL.WEIGHTS_FILE), e.getMessage());
        assertEquals(0, VaeRegistry.size());
    }
}
