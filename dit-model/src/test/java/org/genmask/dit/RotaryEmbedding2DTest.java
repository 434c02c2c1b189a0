package org.genmask.dit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.genmask.kernels.Floats;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RotaryEmbedding2DTest {
    private static final int GRID = 4;
    private static final int HD = 16;

    /** One head's q (at cell a) and k (at cell b), turned, dotted. */
    private static double score(RotaryEmbedding2D rope, float[] q, float[] k, int a, int b) {
        Floats rows = Floats.allocate(GRID * GRID * HD);
        rows.copyFrom(a * HD, q, 0, HD);
        rows.copyFrom(b * HD, k, 0, HD);
        if (a == b) {
            throw new IllegalArgumentException("use two cells");
        }
        rope.rotate(rows, GRID * GRID, HD, 0, 1, false);
        double dot = 0;
        for (int j = 0; j < HD; j++) {
            dot += rows.get(a * HD + j) * rows.get(b * HD + j);
        }
        return dot;
    }

    private static float[] random(SplittableRandom rng) {
        float[] v = new float[HD];
        for (int j = 0; j < HD; j++) {
            v[j] = (float) rng.nextGaussian();
        }
        return v;
    }

    @Test
    void scoresDependOnTheOffsetOnly() {
        RotaryEmbedding2D rope = new RotaryEmbedding2D(GRID, HD);
        SplittableRandom rng = new SplittableRandom(1);
        float[] q = random(rng);
        float[] k = random(rng);
        // (col 0, row 0) -> (col 1, row 2) and the same offset from (col 2, row 1) -> (col 3, row 3)
        double here = score(rope, q, k, 0, 2 * GRID + 1);
        double there = score(rope, q, k, GRID + 2, 3 * GRID + 3);
        assertEquals(here, there, 1e-4);
        double other = score(rope, q, k, 0, GRID + 3);                 // another offset, another score
        assertTrue(Math.abs(other - here) > 1e-2, here + " vs " + other);
    }

    @Test
    void theInverseTurnUndoesTheTurnAndCellZeroStaysPut() {
        RotaryEmbedding2D rope = new RotaryEmbedding2D(GRID, HD);
        SplittableRandom rng = new SplittableRandom(2);
        int rows = 2 * GRID * GRID;                                     // two blocks of a packed sequence
        int ld = 3 * HD * 2;
        float[] values = new float[rows * ld];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.nextGaussian();
        }
        System.arraycopy(values, ld, values, (GRID * GRID + 1) * ld, ld);     // row T+1 = row 1
        Floats x = Floats.allocate(values.length);
        x.copyFrom(0, values, 0, values.length);
        rope.rotate(x, rows, ld, HD * 2, 2, false);
        assertEquals(values[HD * 2 + 3], x.get(HD * 2 + 3), 0f, "cell (0, 0) turns by 0");
        assertTrue(Math.abs(values[ld + HD * 2] - x.get(ld + HD * 2)) > 1e-4, "cell (1, 0) turns");
        for (int j = 0; j < ld; j++) {
            assertEquals(x.get(ld + j), x.get((GRID * GRID + 1) * ld + j), 0f, "the second block shares the grid");
        }
        rope.rotate(x, rows, ld, HD * 2, 2, true);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], x.get(i), 1e-5f, "element " + i);
        }
    }

    @Test
    void theGraphTurnsAsTheEagerStepDoes() {
        RotaryEmbedding2D rope = new RotaryEmbedding2D(GRID, HD);
        int n = 2 * GRID * GRID;
        int heads = 2;
        INDArray q = Nd4j.rand(DataType.FLOAT, 3, heads, n, HD).subi(0.5);  // [B, H, n, hd]
        SameDiff sd = SameDiff.create();
        SDVariable[] out = rope.rotate(sd.constant("q", q), sd.constant("k", q.dup()), n);
        INDArray graph = out[0].eval();
        assertEquals(graph, out[1].eval(), "q and k turn alike");
        for (int b = 0; b < 3; b++) {
            for (int h = 0; h < heads; h++) {
                INDArray head = q.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(h)).dup('c');   // [n, hd]
                Floats rows = Floats.of(head);
                rope.rotate(rows, n, HD, 0, 1, false);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < HD; j++) {
                        assertEquals(head.getFloat(i, j), graph.getFloat(b, h, i, j), 1e-5f);
                    }
                }
            }
        }
    }

    @Test
    void refusesAHeadDimensionThatIsNotAMultipleOfFour() {
        assertThrows(IllegalArgumentException.class, () -> new RotaryEmbedding2D(GRID, 6));
    }
}
