package org.genmask.vae;

import org.genmask.samediff.QuietGradientBuild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genmask.golden.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class VaeTrainingTest {
    @TempDir
    Path dir;

    @Test
    void adamStepsOnOneBatchLowerTheLossAndTheGradientBuildIsQuiet() {
        AutoencoderKLConfig c = TinyVae.config(true, 0.0);
        VaeTrainingGraph g = new VaeTrainingGraph(c, VaeInitializer.random(c, 3), 16, 1e-4);
        g.sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(2e-3))
                .dataSetFeatureMapping(VaeTrainingGraph.IMAGE, VaeTrainingGraph.EPS).markLabelsUnused()
                .minimize(VaeTrainingGraph.LOSS).build());
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuietGradientBuild.run(() -> {
                g.sd.createGradFunction();
                System.out.println("kept line");
            });
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("Added differentiated op"), "gradient build noise must be filtered");
        assertTrue(out.contains("kept line"), "other output passes through");

        SyntheticShapes.Batch b = new SyntheticShapes(16, 9).next(2);
        INDArray x = Nd4j.concat(0, b.images(), b.masks()); // -> [4, 3, 16, 16]
        INDArray eps = Nd4j.zeros(DataType.FLOAT, 4, 4, 8, 8);
        Map<String, INDArray> feed = Map.of(VaeTrainingGraph.IMAGE, x, VaeTrainingGraph.EPS, eps);
        double before = g.sd.output(feed, VaeTrainingGraph.RECONSTRUCTION).get(VaeTrainingGraph.RECONSTRUCTION).getDouble(0);
        for (int i = 0; i < 10; i++) {
            g.sd.fit(new MultiDataSet(new INDArray[] {x, eps}, new INDArray[0]));
        }
        double after = g.sd.output(feed, VaeTrainingGraph.RECONSTRUCTION).get(VaeTrainingGraph.RECONSTRUCTION).getDouble(0);
        assertTrue(after < 0.7 * before, "reconstruction loss " + before + " -> " + after);
    }

    @Test
    void trainedModelSavesAndLoadsWithItsScalingFactor() throws Exception {
        AutoencoderKLConfig c = TinyVae.config(false, 0.0);
        List<String> log = new ArrayList<>();
        AutoencoderKL trained = VaeTrainer.train(c, new VaeTrainer.Options(16, 4, 3, 1e-3, 1e-4, 5, 2, 2.0), log::add);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("step 3/3")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("step 2 held-out masks: mean IoU")), log.toString());
        assertTrue(trained.config().scalingFactor() != c.scalingFactor(), "scaling factor fitted to the latents");
        VaeTrainer.save(trained, dir);
        AutoencoderKL loaded = AutoencoderKL.load(dir);
        assertEquals(trained.config(), loaded.config());
        INDArray images = new SyntheticShapes(16, 1).next(2).images();
        Golden.assertClose("reloaded scaled latent", trained.encodeScaled(images), loaded.encodeScaled(images), 0.0);
        Golden.assertClose("reloaded weights", trained.weights().get("decoder.conv_in.weight"),
                loaded.weights().get("decoder.conv_in.weight"), 0.0);
    }
}
