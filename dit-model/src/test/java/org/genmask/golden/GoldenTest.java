package org.genmask.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.opentest4j.AssertionFailedError;

class GoldenTest {

    @Test
    void readsFilesOfEitherManifestLayoutWithTheirShapeAndTolerance() {
        Golden vae = Golden.of("autoencoder_kl");
        INDArray mask = vae.read("input_mask.f32"); // listed under "inputs"
        assertArrayEquals(new long[] {1, 3, 32, 32}, mask.shape());
        assertEquals(1.0f, mask.getFloat(0, 0, 6, 10)); // white rectangle rows 6..21, cols 10..27
        assertEquals(-1.0f, mask.getFloat(0, 2, 5, 10));
        assertArrayEquals(new long[] {1, 16, 8, 8}, vae.shape("flux/mask_latent_mean.f32")); // under configs.flux
        assertEquals(1e-4 * 1.0398161411285401, vae.tolerance("sd/random_latent_mean.f32"), 1e-12);
        Golden dit = Golden.of("dit");
        assertArrayEquals(new long[] {2}, dit.read("input_t.f32").shape());
        assertEquals(500f, dit.read("input_t.f32").getFloat(1));
        assertEquals(2e-4, dit.tolerance("timestep_embedding.f32"));
        assertThrows(IllegalArgumentException.class, () -> dit.read("no_such.f32"));
    }

    @Test
    void assertCloseReportsTensorWorstIndexAndTolerance() {
        Golden vae = Golden.of("autoencoder_kl");
        String name = "sd/mask_latent_mean.f32";
        INDArray ref = vae.read(name);
        vae.assertClose(name, ref.dup());
        INDArray off = ref.dup();
        off.putScalar(new long[] {0, 3, 7, 9}, off.getDouble(0, 3, 7, 9) + 0.01);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> vae.assertClose(name, off));
        String m = e.getMessage();
        assertTrue(m.contains("autoencoder_kl/sd/mask_latent_mean.f32") && m.contains("at [0, 3, 7, 9]")
                && m.contains("1.000e-02") && m.contains("tolerance"), m);
        AssertionFailedError shape = assertThrows(AssertionFailedError.class,
                () -> vae.assertClose(name, ref.reshape(1, 4, 256)));
        assertTrue(shape.getMessage().contains("shape"), shape.getMessage());
        INDArray nan = ref.dup();
        nan.putScalar(5, Double.NaN);
        assertThrows(AssertionFailedError.class, () -> vae.assertClose(name, nan));
    }
}
