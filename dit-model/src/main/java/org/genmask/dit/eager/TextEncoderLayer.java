package org.genmask.dit.eager;

import org.genmask.kernels.Floats;

/** One pre-LN layer of the text encoder: {@code x + attn(norm1(x))}, then {@code x + mlp(norm2(x))}. */
final class TextEncoderLayer {
    private final int width;
    private final LayerNorm norm1;
    private final Linear qkv;
    private final Linear proj;
    private final Attention attn;
    private final LayerNorm norm2;
    private final Mlp mlp;
    private Floats n1;        // [Rt, W]
    private Floats qkvRows;   // [Rt, 3W]
    private Floats attended;  // [Rt, W]
    private Floats x1;        // [Rt, W]
    private Floats n2;        // [Rt, W]
    private Floats d1;        // [Rt, W]
    private Floats d2;        // [Rt, W]
    private Floats dQkv;      // [Rt, 3W]
    private int rows;

    TextEncoderLayer(ParameterLayout layout, String prefix, int width, int heads) {
        this.width = width;
        this.norm1 = new LayerNorm(layout, prefix + ".norm1", width, 1e-6);
        this.qkv = new Linear(layout, prefix + ".attn.qkv", width, 3 * width);
        this.proj = new Linear(layout, prefix + ".attn.proj", width, width);
        this.attn = new Attention(heads, width / heads);
        this.norm2 = new LayerNorm(layout, prefix + ".norm2", width, 1e-6);
        this.mlp = new Mlp(layout, prefix + ".mlp", width, 4 * width);
    }

    /** out[G*L, W] from x[G*L, W]: G texts of L tokens, keys masked by keyBias ([G, L]: 0 or -1e9). */
    void forward(Floats x, int texts, int length, Attention.Bias keyBias, Floats out) {
        rows = texts * length;
        int rw = rows * width;
        n1 = Floats.atLeast(n1, rw);
        qkvRows = Floats.atLeast(qkvRows, 3 * rw);
        attended = Floats.atLeast(attended, rw);
        x1 = Floats.atLeast(x1, rw);
        n2 = Floats.atLeast(n2, rw);
        d1 = Floats.atLeast(d1, rw);
        d2 = Floats.atLeast(d2, rw);
        dQkv = Floats.atLeast(dQkv, 3 * rw);
        norm1.forward(x, rows, n1);                                                  // [Rt, W]
        qkv.forward(n1, rows, qkvRows);                                              // [Rt, 3W]
        attn.forward(texts, length, length, new Attention.Operand(qkvRows, 3 * width, 0),
                new Attention.Operand(qkvRows, 3 * width, width),
                new Attention.Operand(qkvRows, 3 * width, 2 * width), keyBias, attended); // [Rt, W]
        proj.forward(attended, rows, x1);                                            // [Rt, W]
        for (int i = 0; i < rw; i++) {
            x1.set(i, x1.get(i) + x.get(i));                                         // x1 = x + proj(attn)
        }
        norm2.forward(x1, rows, n2);                                                 // [Rt, W]
        mlp.forward(n2, rows, out);                                                  // [Rt, W]
        for (int i = 0; i < rw; i++) {
            out.set(i, out.get(i) + x1.get(i));                                      // out = x1 + mlp
        }
    }

    /** From dL/d(out) [Rt, W]: overwrites dx with dL/dx and adds the layer's weight gradients. */
    void backward(Floats dOut, Floats dx) {
        int rw = rows * width;
        mlp.backward(dOut, n2, rows, d2);                                            // d2 = dL/d n2
        dOut.copyTo(0, d1, 0, rw);                                                   // d1 = dL/dx1 (residual)
        norm2.backward(d2, rows, d1);
        proj.backward(d1, attended, rows, d2, false);                                // d2 = dL/d attended
        attn.backward(d2, new Attention.Operand(dQkv, 3 * width, 0),
                new Attention.Operand(dQkv, 3 * width, width), new Attention.Operand(dQkv, 3 * width, 2 * width));
        qkv.backward(dQkv, n1, rows, d2, false);                                     // d2 = dL/d n1
        d1.copyTo(0, dx, 0, rw);                                                     // dx = dL/dx1 (residual)
        norm1.backward(d2, rows, dx);
    }
}
