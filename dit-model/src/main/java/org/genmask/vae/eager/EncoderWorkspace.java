package org.genmask.vae.eager;

import org.genmask.kernels.Floats;

/**
 * The buffers of one {@link EagerEncoder} call, kept from call to call (they only grow): four feature-map slots the
 * layers rotate through, attention and im2col scratch, and heap rows for the Java loops. Not thread-safe: each
 * concurrent call needs a workspace of its own, while the encoder's weights are shared.
 */
public final class EncoderWorkspace {
    private final Floats[] slots = new Floats[4];
    private Floats ones;
    private Floats columns;
    private Floats qkv;
    private Floats scores;
    private Floats attended;
    private float[] rowIn = new float[0];
    private float[] rowOut = new float[0];
    private float[] center = new float[0];
    private float[] scale = new float[0];
    private float[] shift = new float[0];

    /** Feature-map slot {@code i} (0..3) with room for {@code length} elements. */
    Floats slot(int i, int length) {
        slots[i] = Floats.atLeast(slots[i], length);
        return slots[i];
    }

    /** At least {@code n} ones: biases enter matrix products as {@code bias ⊗ ones}. */
    Floats ones(int n) {
        if (ones == null || ones.length < n) {
            ones = Floats.allocate(n);
            float[] one = new float[n];
            java.util.Arrays.fill(one, 1f);
            ones.copyFrom(0, one, 0, n);
        }
        return ones;
    }

    Floats columns(int n) {
        columns = Floats.atLeast(columns, n);
        return columns;
    }

    Floats qkv(int n) {
        qkv = Floats.atLeast(qkv, n);
        return qkv;
    }

    Floats scores(int n) {
        scores = Floats.atLeast(scores, n);
        return scores;
    }

    Floats attended(int n) {
        attended = Floats.atLeast(attended, n);
        return attended;
    }

    float[] rowIn(int n) {
        if (rowIn.length < n) {
            rowIn = new float[n];
        }
        return rowIn;
    }

    float[] rowOut(int n) {
        if (rowOut.length < n) {
            rowOut = new float[n];
        }
        return rowOut;
    }

    /** Per-row centre, scale and shift of a GroupNorm ({@code [C*B]} each): {@code which} 0, 1, 2. */
    float[] affine(int which, int n) {
        if (center.length < n) {
            center = new float[n];
            scale = new float[n];
            shift = new float[n];
        }
        return which == 0 ? center : which == 1 ? scale : shift;
    }
}
