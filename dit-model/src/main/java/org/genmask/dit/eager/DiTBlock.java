package org.genmask.dit.eager;

import org.genmask.dit.RotaryEmbedding2D;
import org.genmask.kernels.Floats;

/**
 * A DiT block with adaLN-Zero, and cross-attention to the text between the self-attention and the MLP, forward and
 * backward over the packed token rows [R, D] (R = S sequences of n = 2T tokens; row r belongs to block r / T).
 * Mirrors {@code org.genmask.dit.DiTBlock}; keeps what its backward pass needs.
 */
final class DiTBlock {
    private static final int SHIFT_MSA = 0;   // scale_msa is chunk 1
    private static final int GATE_MSA = 2;
    private static final int SHIFT_MLP = 3;   // scale_mlp is chunk 4
    private static final int GATE_MLP = 5;

    private final int dim;
    private final AdaLN adaLN;
    private final LayerNorm norm1;
    private final Linear qkv;
    private final Linear proj;
    private final Attention attn;
    private final RotaryEmbedding2D rope;    // null: no rotary embedding
    private final int heads;
    private final Linear qLinear;
    private final Linear kvLinear;
    private final Linear crossProj;
    private final Attention crossAttn;
    private final LayerNorm norm2;
    private final Mlp mlp;
    // forward values kept for the backward pass
    private Floats h1;       // [R, D]  modulated norm1(x)
    private Floats qkvRows;  // [R, 3D]
    private Floats attended; // [R, D]  attention output before proj
    private Floats attnOut;  // [R, D]  proj(attended)
    private Floats x1;       // [R, D]  x + gate_msa * attnOut
    private Floats qRows;    // [R, D]
    private Floats kvRows;   // [Rc, 2D]
    private Floats crossed;  // [R, D]  cross-attention output before proj
    private Floats x2;       // [R, D]  x1 + proj(crossed)
    private Floats h2;       // [R, D]  modulated norm2(x2)
    private Floats mlpOut;   // [R, D]
    // gradient scratch
    private Floats d1;       // [R, D]
    private Floats d2;       // [R, D]
    private Floats d3;       // [R, D]
    private Floats dQkv;     // [R, 3D]
    private Floats dKv;      // [Rc, 2D]
    private int rows;
    private int tokens;
    private int contextRows;
    private Floats context;
    private Floats siluC;

    DiTBlock(ParameterLayout layout, String prefix, int dim, int heads, int mlpHidden, RotaryEmbedding2D rope) {
        this.dim = dim;
        this.heads = heads;
        this.rope = rope;
        this.norm1 = new LayerNorm(dim, 1e-6);
        this.qkv = new Linear(layout, prefix + ".attn.qkv", dim, 3 * dim);
        this.proj = new Linear(layout, prefix + ".attn.proj", dim, dim);
        this.attn = new Attention(heads, dim / heads);
        this.qLinear = new Linear(layout, prefix + ".cross_attn.q_linear", dim, dim);
        this.kvLinear = new Linear(layout, prefix + ".cross_attn.kv_linear", dim, 2 * dim);
        this.crossProj = new Linear(layout, prefix + ".cross_attn.proj", dim, dim);
        this.crossAttn = new Attention(heads, dim / heads);
        this.norm2 = new LayerNorm(dim, 1e-6);
        this.mlp = new Mlp(layout, prefix + ".mlp", dim, mlpHidden);
        this.adaLN = new AdaLN(layout, prefix + ".adaLN_modulation", dim, 6);
    }

    /**
     * out[R, D] = block(x[R, D]) for S sequences of 2T tokens; silu(c) [2S, D] per block, text context rows [2S*L, D]
     * (sequence s's keys are rows s*2L .. s*2L + 2L - 1), selfBias [S, H, 2T, 2T], crossBias [S, H, 2T, 2L].
     */
    void forward(Floats x, int sequences, int tokens, Floats siluC, Floats context, int textLength,
                 Attention.Bias selfBias, Attention.Bias crossBias, Floats out) {
        int n = 2 * tokens;
        this.rows = sequences * n;
        this.tokens = tokens;
        this.contextRows = sequences * 2 * textLength;
        this.context = context;
        this.siluC = siluC;
        allocate();
        adaLN.forward(siluC, 2 * sequences);                                        // [2S, 6D]
        norm1.forward(x, rows, null);
        adaLN.modulate(norm1.normed(), rows, tokens, SHIFT_MSA, h1);                 // [R, D]
        qkv.forward(h1, rows, qkvRows);                                             // [R, 3D]
        if (rope != null) {
            rope.rotate(qkvRows, rows, 3 * dim, 0, heads, false);                  // q turned in place
            rope.rotate(qkvRows, rows, 3 * dim, dim, heads, false);                // k turned in place
        }
        attn.forward(sequences, n, n, new Attention.Operand(qkvRows, 3 * dim, 0),
                new Attention.Operand(qkvRows, 3 * dim, dim), new Attention.Operand(qkvRows, 3 * dim, 2 * dim),
                selfBias, attended);                                                // [R, D]
        proj.forward(attended, rows, attnOut);                                      // [R, D]
        adaLN.gatedAdd(x, attnOut, rows, tokens, GATE_MSA, x1);                     // [R, D]
        qLinear.forward(x1, rows, qRows);                                           // [R, D]
        kvLinear.forward(context, contextRows, kvRows);                             // [Rc, 2D]
        crossAttn.forward(sequences, n, 2 * textLength, new Attention.Operand(qRows, dim, 0),
                new Attention.Operand(kvRows, 2 * dim, 0), new Attention.Operand(kvRows, 2 * dim, dim), crossBias,
                crossed);                                                           // [R, D]
        crossProj.forward(crossed, rows, x2);                                       // [R, D]
        for (int i = 0; i < rows * dim; i++) {
            x2.set(i, x2.get(i) + x1.get(i));                                       // x2 = x1 + proj(crossed)
        }
        norm2.forward(x2, rows, null);
        adaLN.modulate(norm2.normed(), rows, tokens, SHIFT_MLP, h2);                 // [R, D]
        mlp.forward(h2, rows, mlpOut);                                              // [R, D]
        adaLN.gatedAdd(x2, mlpOut, rows, tokens, GATE_MLP, out);                    // [R, D]
    }

    private void allocate() {
        int rd = rows * dim;
        h1 = Floats.atLeast(h1, rd);
        qkvRows = Floats.atLeast(qkvRows, 3 * rd);
        attended = Floats.atLeast(attended, rd);
        attnOut = Floats.atLeast(attnOut, rd);
        x1 = Floats.atLeast(x1, rd);
        qRows = Floats.atLeast(qRows, rd);
        kvRows = Floats.atLeast(kvRows, 2 * contextRows * dim);
        crossed = Floats.atLeast(crossed, rd);
        x2 = Floats.atLeast(x2, rd);
        h2 = Floats.atLeast(h2, rd);
        mlpOut = Floats.atLeast(mlpOut, rd);
        d1 = Floats.atLeast(d1, rd);
        d2 = Floats.atLeast(d2, rd);
        d3 = Floats.atLeast(d3, rd);
        dQkv = Floats.atLeast(dQkv, 3 * rd);
        dKv = Floats.atLeast(dKv, 2 * contextRows * dim);
    }

    /**
     * From dL/d(out) [R, D] of the last forward pass: overwrites dx [R, D] with dL/dx, adds dL/d silu(c) to dSiluC
     * [2S, D] and dL/d context to dContext [2S*L, D], and adds the block's weight gradients.
     */
    void backward(Floats dOut, Floats dx, Floats dSiluC, Floats dContext) {
        int rd = rows * dim;
        // out = x2 + gate_mlp * mlp(h2)
        adaLN.gatedAddBackward(dOut, mlpOut, rows, tokens, GATE_MLP, d1);           // d1 = dL/d mlpOut
        mlp.backward(d1, h2, rows, d2);                                             // d2 = dL/dh2
        adaLN.modulateBackward(norm2.normed(), rows, tokens, SHIFT_MLP, d2);         // d2 = dL/d norm2-hat
        dOut.copyTo(0, d1, 0, rd);                                                  // d1 = dL/dx2 (residual)
        norm2.backward(d2, rows, d1);
        // x2 = x1 + proj(cross_attn(q(x1), kv(context)))
        crossProj.backward(d1, crossed, rows, d2, false);                           // d2 = dL/d crossed
        crossAttn.backward(d2, new Attention.Operand(d3, dim, 0), new Attention.Operand(dKv, 2 * dim, 0),
                new Attention.Operand(dKv, 2 * dim, dim));                          // d3 = dL/dq
        kvLinear.backward(dKv, context, contextRows, dContext, true);
        qLinear.backward(d3, x1, rows, d1, true);                                   // d1 = dL/dx1
        // x1 = x + gate_msa * proj(attn(qkv(h1)))
        adaLN.gatedAddBackward(d1, attnOut, rows, tokens, GATE_MSA, d2);            // d2 = dL/d attnOut
        d1.copyTo(0, dx, 0, rd);                                                    // dx = dL/dx1 (residual)
        proj.backward(d2, attended, rows, d1, false);                               // d1 = dL/d attended
        attn.backward(d1, new Attention.Operand(dQkv, 3 * dim, 0), new Attention.Operand(dQkv, 3 * dim, dim),
                new Attention.Operand(dQkv, 3 * dim, 2 * dim));
        if (rope != null) {
            rope.rotate(dQkv, rows, 3 * dim, 0, heads, true);                      // back through the turn of q
            rope.rotate(dQkv, rows, 3 * dim, dim, heads, true);                    // and of k
        }
        qkv.backward(dQkv, h1, rows, d1, false);                                    // d1 = dL/dh1
        adaLN.modulateBackward(norm1.normed(), rows, tokens, SHIFT_MSA, d1);         // d1 = dL/d norm1-hat
        norm1.backward(d1, rows, dx);
        adaLN.backward(siluC, rows / tokens, dSiluC);
    }
}
