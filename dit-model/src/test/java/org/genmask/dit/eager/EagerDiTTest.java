package org.genmask.dit.eager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.DiTInputs;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.PackedBatch;
import org.genmask.dit.Task;
import org.genmask.dit.TextConfig;
import org.genmask.dit.TinyModels;
import org.genmask.train.FlatParameters;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The eager training step against the SameDiff graph it mirrors: the same packed batch and parameters give the same
 * losses and, tensor by tensor, the same gradients (the graph's gradients match finite differences:
 * {@code GenMaskDiTGradientTest}).
 */
class EagerDiTTest {

    private static DiTConfig config(int textDepth, double condAlignBias) {
        return DiTConfig.preset("DiT-T/2", 8, 4, 1)
                .withText(new TextConfig(TextConfig.Mode.TOKENS, 40, TinyModels.TEXT_LENGTH, 32, textDepth, 2, 0))
                .withCondAlignBias(condAlignBias);
    }

    /** A batch of {@code gen} generation and {@code seg} segmentation samples, loss weights 1/(gen + seg). */
    private static Map<Task, PackedBatch.Share> shares(int gen, int seg, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<Task, PackedBatch.Share> shares = new EnumMap<>(Task.class);
        float w = 1f / (gen + seg);
        if (gen > 0) {
            INDArray[] text = TinyModels.text(rng, gen);
            DiTInputs in = DiTInputs.generation(TinyModels.latent(rng, gen), times(rng, gen), text[0], text[1]);
            shares.put(Task.GENERATION, new PackedBatch.Share(in, TinyModels.latent(rng, gen),
                    Nd4j.valueArrayOf(new long[] {gen}, w, DataType.FLOAT)));
        }
        if (seg > 0) {
            INDArray[] text = TinyModels.text(rng, seg);
            DiTInputs in = DiTInputs.segmentation(TinyModels.latent(rng, seg), times(rng, seg),
                    TinyModels.latent(rng, seg), text[0], text[1]);
            shares.put(Task.SEGMENTATION, new PackedBatch.Share(in, TinyModels.latent(rng, seg),
                    Nd4j.valueArrayOf(new long[] {seg}, w, DataType.FLOAT)));
        }
        return shares;
    }

    private static INDArray times(SplittableRandom rng, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) rng.nextDouble();
        }
        return Nd4j.createFromArray(s);
    }

    private static GenMaskDiT model(DiTConfig config) {
        GenMaskDiT model = GenMaskDiT.create(config, EnumSet.allOf(Task.class), 31);
        FlatParameters flat = new FlatParameters(model.stateDict());
        INDArray p = flat.get();
        p.addi(org.genmask.diffusion.GaussianNoise.sample(new SplittableRandom(32), p.length()).muli(0.05));
        flat.set(p);                                                   // the zero-initialised gates open
        return model;
    }

    private static EagerDiT eager(GenMaskDiT model) {
        FlatParameters flat = new FlatParameters(model.stateDict());
        List<long[]> shapes = new ArrayList<>();
        for (String name : flat.names()) {
            shapes.add(model.stateDict().shape(name));
        }
        return new EagerDiT(model.config(), flat.names(), shapes);
    }

    /** Compares one batch's losses and every parameter tensor's gradient, eager against graph. */
    private static void assertSameAsGraph(GenMaskDiT model, EagerDiT eager, PackedBatch batch) {
        FlatParameters flat = new FlatParameters(model.stateDict());
        INDArray theta = flat.get();
        INDArray graphGrad = model.withLossGradients(batch.placeholders(),
                List.of(GenMaskDiT.LOSS_PER_BLOCK, GenMaskDiT.LOSS), r -> {
                    INDArray g = flat.flatten(r.getGradients());
                    INDArray perBlock = r.getOutputs().get(GenMaskDiT.LOSS_PER_BLOCK).dup();
                    double loss = r.getOutputs().get(GenMaskDiT.LOSS).getDouble(0);
                    return Nd4j.concat(0, g, perBlock, Nd4j.scalar(DataType.FLOAT, loss).reshape(1));
                });
        int p = eager.size();
        INDArray grad = Nd4j.create(DataType.FLOAT, p);
        EagerDiT.Result result = eager.lossAndGradients(batch, theta, grad);
        int blocks = result.lossPerBlock().length;
        float[] graphPerBlock = graphGrad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(p, p + blocks))
                .toFloatVector();
        assertArrayEquals(graphPerBlock, result.lossPerBlock(), 1e-5f, "loss of every block");
        assertEquals(graphGrad.getDouble(p + blocks), result.loss(), 1e-5 * Math.abs(result.loss()), "loss");
        long offset = 0;
        int checked = 0;
        for (String name : flat.names()) {
            long len = model.stateDict().array(name).length();
            INDArray g = graphGrad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + len));
            INDArray e = grad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + len));
            double norm = g.norm2Number().doubleValue();
            double err = e.sub(g).norm2Number().doubleValue();
            assertTrue(err <= 1e-4 * norm + 1e-7, name + ": |eager - graph| = " + err + ", |graph| = " + norm);
            checked += norm > 0 ? 1 : 0;
            offset += len;
        }
        assertTrue(checked > flat.names().size() * 0.9, "only " + checked + " tensors had a gradient");
    }

    @Test
    void mixedBatchWithPaddedPairAndAlignmentPriorMatchesTheGraph() {
        GenMaskDiT model = model(config(1, 6));
        EagerDiT eager = eager(model);
        assertSameAsGraph(model, eager, model.trainingBatch(shares(3, 2, 41)));  // 3 gen: one pair padded
        assertSameAsGraph(model, eager, model.trainingBatch(shares(4, 4, 42)));  // other shapes, buffers reused
    }

    @Test
    void rotaryPositionsMatchTheGraph() {
        GenMaskDiT model = model(config(1, 6).withRope(true));
        EagerDiT eager = eager(model);
        assertSameAsGraph(model, eager, model.trainingBatch(shares(3, 2, 47)));
        assertSameAsGraph(model, eager, model.trainingBatch(shares(0, 2, 48)));
    }

    @Test
    void singleTaskBatchesAndDeeperTextEncoderMatchTheGraph() {
        GenMaskDiT model = model(config(2, 0));
        EagerDiT eager = eager(model);
        assertSameAsGraph(model, eager, model.trainingBatch(shares(0, 3, 43)));
        assertSameAsGraph(model, eager, model.trainingBatch(shares(2, 0, 44)));
    }

    @Test
    void repeatedPassesGiveIdenticalResults() {
        GenMaskDiT model = model(config(1, 6));
        EagerDiT eager = eager(model);
        PackedBatch batch = model.trainingBatch(shares(2, 2, 45));
        INDArray theta = new FlatParameters(model.stateDict()).get();
        INDArray g1 = Nd4j.create(DataType.FLOAT, eager.size());
        INDArray g2 = Nd4j.create(DataType.FLOAT, eager.size());
        double l1 = eager.lossAndGradients(batch, theta, g1).loss();
        eager.lossAndGradients(model.trainingBatch(shares(3, 1, 46)), theta, g2);  // another batch in between
        double l2 = eager.lossAndGradients(batch, theta, g2).loss();
        assertEquals(l1, l2, 0.0);
        assertEquals(g1, g2);
    }

    @Test
    void refusesConfigurationsItDoesNotCoverAndForeignLayouts() {
        DiTConfig classConditional = DiTConfig.preset("DiT-T/2", 8, 4, 10);
        assertThrows(IllegalArgumentException.class, () -> new EagerDiT(classConditional, List.of(), List.of()));
        GenMaskDiT model = model(config(1, 0));
        FlatParameters flat = new FlatParameters(model.stateDict());
        List<String> names = new ArrayList<>(flat.names());
        List<long[]> shapes = new ArrayList<>();
        for (String name : names) {
            shapes.add(model.stateDict().shape(name));
        }
        names.add("blocks.9.extra.weight");
        shapes.add(new long[] {3});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EagerDiT(model.config(), names, shapes));
        assertTrue(e.getMessage().contains("blocks.9.extra.weight"), e.getMessage());
    }
}
