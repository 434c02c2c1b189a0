package org.genmask.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Locale;
import org.genmask.golden.Golden;
import org.genmask.kernels.Activations;
import org.genmask.kernels.Engine;
import org.genmask.kernels.Floats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The eager encoder ({@code org.genmask.vae.eager}) against the SameDiff graph on the golden configs and the embedded
 * default VAE, and against diffusers' golden outputs; also its input handling and its fused GroupNorm kernel.
 */
class EagerEncoderTest {
    /** Relative L2 error allowed between the eager and the graph posterior (float rounding only). */
    static final double TOLERANCE = 1e-5;
    private static final Golden GOLDEN = Golden.of("autoencoder_kl");

    private static AutoencoderKL golden(String cfg) throws IOException {
        return AutoencoderKL.load(GOLDEN.dir().resolve(cfg));
    }

    private static INDArray images(long seed, long... shape) {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        return Nd4j.rand(rng, shape).castTo(DataType.FLOAT).muli(2).subi(1); // in [-1, 1)
    }

    /** ||actual - expected|| / ||expected||. */
    static double relativeError(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        INDArray e = expected.castTo(DataType.DOUBLE);
        return actual.castTo(DataType.DOUBLE).sub(e).norm2Number().doubleValue() / e.norm2Number().doubleValue();
    }

    private static void assertSamePosterior(String label, AutoencoderKL vae, INDArray x) {
        LatentDistribution graph = vae.encode(x, Engine.GRAPH);
        LatentDistribution eager = vae.encode(x, Engine.EAGER);
        double mean = relativeError(graph.mean(), eager.mean());
        double logvar = relativeError(graph.logvar(), eager.logvar());
        System.out.printf(Locale.ROOT, "eager vs graph %s: mean %.2e, logvar %.2e (relative L2)%n", label, mean,
                logvar);
        assertTrue(mean <= TOLERANCE, label + ": mean relative error " + mean);
        assertTrue(logvar <= TOLERANCE, label + ": logvar relative error " + logvar);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sd", "flux"})
    void eagerMatchesTheGraphOnTheGoldenConfigs(String cfg) throws IOException {
        assertSamePosterior(cfg + " 3x32x32", golden(cfg), images(11, 3, 3, 32, 32));
    }

    @Test
    void eagerMatchesTheGraphOnTheDefaultVae() throws IOException {
        AutoencoderKL vae = AutoencoderKL.load(DefaultVae.directory());
        assertSamePosterior("default 4x32x32", vae, images(12, 4, 3, 32, 32));
        // scene-like input: flat regions (GroupNorm statistics far from zero mean), as the synthetic masks have
        INDArray masks = Nd4j.createUninitialized(DataType.FLOAT, 2, 3, 32, 32).assign(-1);
        masks.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(8, 20), NDArrayIndex.interval(4, 30))
                .assign(1);
        assertSamePosterior("default masks", vae, masks);
    }

    @Test
    void eagerMatchesTheGraphOnStableDiffusionSizedLayers() {
        AutoencoderKLConfig config = VaeEncodeBenchmark.config("sd"); // 4 levels, 2 resnets each, 32 groups, 512 wide
        AutoencoderKL vae = AutoencoderKL.create(config, VaeInitializer.random(config, 5));
        assertSamePosterior("sd-sized 2x32x40", vae, images(18, 2, 3, 32, 40));
    }

    @Test
    void eagerMatchesTheGraphOnNonSquareAndOddSizes() throws IOException {
        AutoencoderKL flux = golden("flux");
        assertSamePosterior("flux 2x24x40", flux, images(13, 2, 3, 24, 40));
        assertSamePosterior("flux 2x18x22 (odd maps after a downsample)", flux, images(14, 2, 3, 18, 22));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"sd, random", "sd, mask", "flux, random", "flux, mask"})
    void eagerReproducesTheGoldenPosterior(String cfg, String input) throws IOException {
        AutoencoderKL vae = golden(cfg);
        LatentDistribution posterior = vae.encode(GOLDEN.read("input_" + input + ".f32"), Engine.EAGER);
        GOLDEN.assertClose(cfg + "/" + input + "_latent_mean.f32", posterior.mean());
        GOLDEN.assertClose(cfg + "/" + input + "_latent_logvar.f32", posterior.logvar());
    }

    @Test
    void subBatchesViewsAndDoublesGiveTheNumbersOfSingleImages() throws IOException {
        AutoencoderKL vae = AutoencoderKL.load(DefaultVae.directory());
        INDArray x = images(15, 20, 3, 8, 8); // 8x8 images: sub-batches of 14 and 6 images
        assertSamePosterior("default 20x8x8 (multi-image sub-batches)", vae, x);
        LatentDistribution all = vae.encode(x, Engine.EAGER);
        for (int i = 0; i < 20; i += 3) {
            INDArray one = x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()); // a view [1, 3, 8, 8]
            LatentDistribution d = vae.encode(one.castTo(DataType.DOUBLE), Engine.EAGER);
            INDArray expected = all.mean().get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all());
            assertTrue(relativeError(expected, d.mean()) <= 1e-6, "image " + i);
            assertTrue(relativeError(vae.encode(one, Engine.EAGER).logvar(), d.logvar()) <= 1e-6, "image " + i);
        }
        assertTrue(vae.encoders.size() == 1, "workspaces " + vae.encoders.size());
    }

    @Test
    void fusedGroupNormKernelGivesTheSameBitsWithAndWithoutSimd() {
        int rows = 5;
        int length = 4099; // one full chunk and a ragged tail
        Floats x = Floats.of(images(16, rows * length).muli(12));
        float[] center = {0.5f, -1f, 0f, 3f, -0.25f};
        float[] scale = {1.5f, 0.1f, 7f, -2f, 1f};
        float[] shift = {0f, 0.3f, -1f, 2f, -0.5f};
        for (boolean silu : new boolean[] {true, false}) {
            Floats simd = Floats.allocate(rows * length);
            Floats scalar = Floats.allocate(rows * length);
            Activations.normalizeRows(x, simd, rows, length, center, scale, shift, silu);
            Activations.normalizeRowsScalar(x, scalar, rows, length, center, scale, shift, silu);
            for (int i = 0; i < rows * length; i++) {
                int at = i;
                assertTrue(Float.floatToRawIntBits(simd.get(i)) == Float.floatToRawIntBits(scalar.get(i)),
                        () -> "element " + at + " silu " + silu);
            }
            float z = (x.get(length + 7) - center[1]) * scale[1] + shift[1];
            float expected = silu ? (float) (z / (1 + Math.exp(-z))) : z;
            assertTrue(Math.abs(scalar.get(length + 7) - expected) <= 1e-6f * Math.max(1, Math.abs(expected)));
        }
    }
    @Test
    void interleavedSoftmaxGivesTheSameBitsWithAndWithoutSimdAndSumsToOne() {
        for (int cols : new int[] {256, 77, 3}) { // lane multiple, ragged, shorter than a lane
            int rows = 4;
            INDArray scores = images(17 + cols, rows, cols).muli(20);
            Floats simd = Floats.allocate(rows * cols);
            Floats scalar = Floats.allocate(rows * cols);
            Floats.of(scores).copyTo(0, simd, 0, rows * cols);
            Floats.of(scores).copyTo(0, scalar, 0, rows * cols);
            Activations.softmaxRowsInterleaved(simd, 0, rows, cols);
            Activations.softmaxRowsInterleavedScalar(scalar, 0, rows, cols);
            for (int r = 0; r < rows; r++) {
                double sum = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    max = Math.max(max, scores.getDouble(r, j));
                }
                double total = 0;
                for (int j = 0; j < cols; j++) {
                    total += Math.exp(scores.getDouble(r, j) - max);
                }
                for (int j = 0; j < cols; j++) {
                    int i = r * cols + j;
                    assertTrue(Float.floatToRawIntBits(simd.get(i)) == Float.floatToRawIntBits(scalar.get(i)),
                            "cols " + cols + " element " + i);
                    double expected = Math.exp(scores.getDouble(r, j) - max) / total;
                    assertTrue(Math.abs(simd.get(i) - expected) <= 1e-6, "cols " + cols + " element " + i);
                    sum += simd.get(i);
                }
                assertTrue(Math.abs(sum - 1) <= 1e-5, "row sum " + sum);
            }
        }
    }
}
