package org.genmask.dit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The packed training path computes, sample by sample, what the per-task paths compute: paired generation samples do
 * not see each other, a segmentation sample's two blocks see each other and their text, padding carries no loss.
 */
class PackedBatchTest {

    /** Per-sample losses of the packed path, and the loss. */
    private static Map<Task, float[]> packedLosses(GenMaskDiT model, Map<Task, PackedBatch.Share> shares,
                                                   double[] total) {
        PackedBatch packed = model.trainingBatch(shares);
        return model.withLossGradients(packed.placeholders(), List.of(GenMaskDiT.LOSS_PER_BLOCK, GenMaskDiT.LOSS),
                r -> {
                    total[0] = r.getOutputs().get(GenMaskDiT.LOSS).getDouble(0);
                    Map<Task, float[]> out = new EnumMap<>(Task.class);
                    for (Task task : shares.keySet()) {
                        out.put(task, packed.perSample(task, r.getOutputs().get(GenMaskDiT.LOSS_PER_BLOCK)));
                    }
                    return out;
                });
    }

    /** mean((predict - target)^2) per sample through the task's own inference path. */
    private static float[] pathLosses(GenMaskDiT model, Task task, PackedBatch.Share share) {
        INDArray diff = model.predict(task, share.inputs()).sub(share.target());
        INDArray perSample = diff.mul(diff).mean(1, 2, 3);
        return perSample.toFloatVector();
    }

    private static void assertSameAsPaths(Set<Task> tasks) {
        assertSameAsPaths(TinyModels.config(), tasks);
    }

    private static void assertSameAsPaths(DiTConfig config, Set<Task> tasks) {
        GenMaskDiT model = GenMaskDiT.create(config, tasks, 31);
        TinyModels.perturb(model, 0.05, 32);                    // open the zero-initialised gates and output
        Map<Task, PackedBatch.Share> shares = new EnumMap<>(GenMaskDiTGradientTest.shares(33));
        shares.keySet().retainAll(tasks);
        double[] total = new double[1];
        Map<Task, float[]> packed = packedLosses(model, shares, total);
        double expectedTotal = 0;
        for (Task task : tasks) {
            float[] reference = pathLosses(model, task, shares.get(task));
            float[] got = packed.get(task);
            assertEquals(reference.length, got.length, task + " sample count");
            for (int i = 0; i < got.length; i++) {
                assertEquals(reference[i], got[i], 1e-5 * Math.max(1, Math.abs(reference[i])),
                        task + " sample " + i);
                expectedTotal += reference[i] * shares.get(task).weight().getDouble(i);
            }
        }
        assertEquals(expectedTotal, total[0], 1e-5 * Math.max(1, Math.abs(expectedTotal)), "weighted total loss");
    }

    @Test
    void bothTasksWithAnOddGenerationCountMatchTheirOwnPaths() {
        assertSameAsPaths(EnumSet.allOf(Task.class));             // 3 generation (one padding block) + 2 segmentation
    }

    @Test
    void pathsBuiltOnFirstUseGiveTheSameLossesAndGradientsInEitherOrder() {
        Map<Task, PackedBatch.Share> shares = GenMaskDiTGradientTest.shares(34);
        GenMaskDiT trainFirst = TinyModels.model(EnumSet.allOf(Task.class), 35);
        GenMaskDiT predictFirst = TinyModels.model(EnumSet.allOf(Task.class), 35);
        TinyModels.perturb(trainFirst, 0.05, 36);
        TinyModels.perturb(predictFirst, 0.05, 36);
        float[] before = pathLosses(predictFirst, Task.SEGMENTATION, shares.get(Task.SEGMENTATION));
        Map<String, INDArray> a = gradients(trainFirst, shares);
        Map<String, INDArray> b = gradients(predictFirst, shares);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, grad) -> assertEquals(grad, b.get(name), name));
        assertArrayEquals(before, pathLosses(trainFirst, Task.SEGMENTATION, shares.get(Task.SEGMENTATION)), 1e-6f);
        Map<String, INDArray> again = gradients(trainFirst, shares);  // an inference path added after the gradients
        a.forEach((name, grad) -> assertEquals(grad, again.get(name), name));
    }

    private static Map<String, INDArray> gradients(GenMaskDiT model, Map<Task, PackedBatch.Share> shares) {
        PackedBatch packed = model.trainingBatch(shares);
        return model.withLossGradients(packed.placeholders(), List.of(GenMaskDiT.LOSS), r -> {
            Map<String, INDArray> copy = new java.util.HashMap<>();
            r.getGradients().forEach((name, grad) -> copy.put(name, grad.dup()));
            return copy;
        });
    }

    @Test
    void singleTaskModelsMatchTheirOwnPaths() {
        assertSameAsPaths(EnumSet.of(Task.GENERATION));
        assertSameAsPaths(EnumSet.of(Task.SEGMENTATION));
    }

    @Test
    void theConditionAlignmentPriorMatchesTheSegmentationPathAndChangesIt() {
        DiTConfig aligned = TinyModels.config().withCondAlignBias(2.0);
        assertSameAsPaths(aligned, EnumSet.allOf(Task.class));
        PackedBatch.Share seg = GenMaskDiTGradientTest.shares(37).get(Task.SEGMENTATION);
        GenMaskDiT with = GenMaskDiT.create(aligned, EnumSet.of(Task.SEGMENTATION), 38);
        GenMaskDiT without = GenMaskDiT.create(TinyModels.config(), EnumSet.of(Task.SEGMENTATION), 38);
        TinyModels.perturb(with, 0.05, 39);
        TinyModels.perturb(without, 0.05, 39);
        float[] a = pathLosses(with, Task.SEGMENTATION, seg);
        float[] b = pathLosses(without, Task.SEGMENTATION, seg);
        double difference = 0;
        for (int i = 0; i < a.length; i++) {
            difference += Math.abs(a[i] - b[i]);
        }
        org.junit.jupiter.api.Assertions.assertTrue(difference > 1e-4, "the prior changed nothing: " + difference);
    }

    @Test
    void theConditionAlignmentPriorJoinsEachTargetTokenToTheConditionTokenAtItsPosition() {
        INDArray align = PackedBatch.conditionAlignment(4, 3, 2.5f);  // 4 heads, T = 3: [1, 4, 6, 6]
        assertArrayEquals(new long[] {1, 4, 6, 6}, align.shape());
        for (int head = 0; head < 4; head++) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    boolean joined = head < 2 && Math.abs(i - j) == 3;
                    assertEquals(joined ? 2.5f : 0f, align.getFloat(0, head, i, j), "head " + head + " " + i + "," + j);
                }
            }
        }
        assertEquals(2.5f, PackedBatch.conditionAlignment(1, 2, 2.5f).getFloat(0, 0, 1, 3)); // one head: that head
        INDArray packed = PackedBatch.selfBias(3, 1, 4, 3, 2.5f);    // 1 generation pair, 2 segmentation sequences
        assertEquals(PackedBatch.MASKED, packed.getFloat(0, 0, 0, 3)); // the pair: masked, no prior
        assertEquals(align.slice(0), packed.slice(1));
        assertEquals(align.slice(0), packed.slice(2));
    }

    @Test
    void selfAttentionIsBlockDiagonalOnlyForGenerationPairs() {
        INDArray bias = PackedBatch.selfBias(3, 2, 1, 2, 0f);        // 3 sequences of 2 x 2 tokens, first 2 paired
        assertEquals(0f, bias.getFloat(0, 0, 0, 1));                // same block
        assertEquals(PackedBatch.MASKED, bias.getFloat(0, 0, 0, 2)); // across the pair
        assertEquals(PackedBatch.MASKED, bias.getFloat(1, 0, 3, 1));
        assertEquals(0f, bias.getFloat(2, 0, 0, 3));                // segmentation: target sees condition
        assertEquals(0f, bias.getFloat(2, 0, 3, 0));
    }

    @Test
    void crossAttentionSeesOnlyTheRealTokensOfTheBlocksOwnText() {
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 0}, {1, 0, 0}});
        INDArray bias = PackedBatch.crossBias(mask, 1, 2);           // 1 sequence, blocks of 2 tokens, L = 3
        float[] firstBlockQuery = bias.get(point(0),
                point(0), point(1),
                all()).toFloatVector();
        float m = PackedBatch.MASKED;
        assertArrayEquals(new float[] {0, 0, m, m, m, m}, firstBlockQuery);
        float[] secondBlockQuery = bias.get(point(0),
                point(0), point(2),
                all()).toFloatVector();
        assertArrayEquals(new float[] {m, m, m, 0, m, m}, secondBlockQuery);
    }

    @Test
    void tokenIdsOfAnyIntegerTypeArePackedAsInt32() {
        Map<Task, PackedBatch.Share> shares = new EnumMap<>(GenMaskDiTGradientTest.shares(4));
        PackedBatch.Share gen = shares.get(Task.GENERATION);
        DiTInputs in = gen.inputs();
        INDArray longIds = in.text().castTo(DataType.LONG);
        shares.put(Task.GENERATION, new PackedBatch.Share(DiTInputs.generation(in.x(), in.s(), longIds,
                in.textMask()), gen.target(), gen.weight()));
        INDArray text = TinyModels.model(EnumSet.allOf(Task.class), 5).trainingBatch(shares).placeholders()
                .get(PackedBatch.SCOPE + "/text");
        assertEquals(DataType.INT, text.dataType());
        assertArrayEquals(in.text().getRow(1).toIntVector(), text.getRow(1).toIntVector());  // sample 1 = block 1
    }

    @Test
    void sharesOfTasksTheModelLacksOrWithTheWrongConditionAreRefused() {
        GenMaskDiT genOnly = TinyModels.model(EnumSet.of(Task.GENERATION), 1);
        Map<Task, PackedBatch.Share> shares = GenMaskDiTGradientTest.shares(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> genOnly.trainingBatch(shares));
        assertEquals("this model was built without a SEGMENTATION path", e.getMessage());
    }
}
