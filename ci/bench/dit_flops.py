"""Analytic parameter and FLOP count of one GenMask DiT training step (the model of org.genmask.dit.GenMaskDiT,
trained by org.genmask.train.DiTTrainer, timed by org.genmask.bench.DiTStepBenchmark).

Counting rule:
  * every matrix product of the forward pass, [m, k] x [k, n], costs 2*m*n*k FLOPs: linear layers (patch embedding,
    timestep MLP, text encoder, context and pooled projections, adaLN, self- and cross-attention projections, MLPs,
    final layer) and the attention products Q K^T and A V (per head, summed over heads);
  * also counted, because the Java graph (and the PyTorch mirror) computes them as matrix products: the token
    embedding lookup as one-hot [B*L, V] x table [V, W] (EmbeddingLookup) and the spread of segmentation's per-group
    adaLN output to the tokens as one-hot [n, 2] x [2, B*6D] (AdaLNModulation); both are under 1% of the total;
  * elementwise work (norms, softmax, activations, modulation, residuals, the loss, AdamW) is not counted;
  * backward = 2 x forward matrix-product FLOPs (the usual approximation: a gradient for the input and one for the
    weight; it slightly overcounts products whose input needs no gradient); one step = 3 x forward.
A step runs both task paths: image generation (B samples, T tokens) and segmentation (B samples, T noisy + T clean
condition tokens, i.e. n = 2T in every block, two adaLN groups, and the timestep embedder once more at s = 0).

  python3 ci/bench/dit_flops.py [--size=bench|tiny] [--breakdown] [--json]
"""
import json
import os
import sys
from collections import OrderedDict
from dataclasses import dataclass

FREQ = 256  # DiTConfig.FREQUENCY_EMBEDDING_SIZE


@dataclass(frozen=True)
class DiTShape:
    """DiTConfig.preset(..).withText(TextConfig(TOKENS, ...)) plus the benchmark's batch per task."""
    input_size: int
    patch: int
    in_ch: int
    hidden: int
    depth: int
    heads: int
    vocab: int
    text_len: int
    text_width: int
    text_depth: int
    text_heads: int
    per_task: int = 8
    mlp_ratio: float = 4.0
    timestep_scale: float = 1000.0  # withText(): t = 1000 s

    @property
    def tokens(self):  # T = (input / patch)^2
        return (self.input_size // self.patch) ** 2

    @property
    def mlp_hidden(self):
        return int(self.hidden * self.mlp_ratio)

    @property
    def out_features(self):  # final layer: p*p*out_channels, learn_sigma false
        return self.patch * self.patch * self.in_ch


# DiTStepBenchmark: "bench" = DiT-Bench/2 (depth 4, hidden 256, 4 heads) on 4x16x16 with TextConfig(TOKENS, 512, 16,
# 128, 2, 4, 0); "tiny" = DiT-T/2 (depth 2, hidden 64, 4 heads) on 4x8x8 with TextConfig(TOKENS, 64, 8, 32, 1, 2, 0).
PRESETS = {
    "bench": DiTShape(16, 2, 4, 256, 4, 4, vocab=512, text_len=16, text_width=128, text_depth=2, text_heads=4),
    "tiny": DiTShape(8, 2, 4, 64, 2, 4, vocab=64, text_len=8, text_width=32, text_depth=1, text_heads=2),
}


def _lin(i, o):  # nn.Linear parameters
    return i * o + o


def param_count(c):
    """Trainable parameters (pos_embed is a fixed buffer and not counted), as StateDict registers them."""
    d, w = c.hidden, c.text_width
    x_embed = _lin(c.in_ch * c.patch * c.patch, d)
    t_embed = _lin(FREQ, d) + _lin(d, d)
    text_layer = 2 * w + _lin(w, 3 * w) + _lin(w, w) + 2 * w + _lin(w, 4 * w) + _lin(4 * w, w)
    text = (c.vocab * w + c.text_len * w + c.text_depth * text_layer + 2 * w
            + _lin(w, d) + _lin(w, d) + _lin(d, d))
    block = (_lin(d, 3 * d) + _lin(d, d) + _lin(d, d) + _lin(d, 2 * d) + _lin(d, d)
             + _lin(d, c.mlp_hidden) + _lin(c.mlp_hidden, d) + _lin(d, 6 * d))
    final = _lin(d, c.out_features) + _lin(d, 2 * d)
    return x_embed + t_embed + text + c.depth * block + final


def _mm(m, n, k):
    return 2 * m * n * k


def forward_parts(c):
    """Forward FLOPs per part, as OrderedDict part -> {"gen": flops, "seg": flops}."""
    b, d, t, L, w, V = c.per_task, c.hidden, c.tokens, c.text_len, c.text_width, c.vocab
    parts = OrderedDict()

    def add(name, task, flops):
        parts.setdefault(name, {"gen": 0, "seg": 0})[task] += flops

    for task in ("gen", "seg"):
        seg = task == "seg"
        n, groups = (2 * t, 2) if seg else (t, 1)
        add("x_embedder", task, (2 if seg else 1) * _mm(b * t, d, c.in_ch * c.patch * c.patch))
        rows = b + (1 if seg else 0)  # + t_emb_clean at s = 0 (one row)
        add("t_embedder", task, _mm(rows, d, FREQ) + _mm(rows, d, d))
        add("text.token_onehot", task, _mm(b * L, w, V))
        add("text.encoder.linear", task, c.text_depth * (_mm(b * L, 3 * w, w) + _mm(b * L, w, w)
                                                          + 2 * _mm(b * L, 4 * w, w)))
        add("text.encoder.attention", task, c.text_depth * 2 * _mm(b * L, L, w))  # QK^T and AV over all heads
        add("text.context_proj", task, _mm(b * L, d, w))
        add("text.pooled_proj", task, _mm(b, d, w) + _mm(b, d, d))
        add("blocks.adaLN", task, c.depth * _mm(b * groups, 6 * d, d))
        add("blocks.adaLN_spread", task, c.depth * _mm(n, b * 6 * d, groups) if seg else 0)  # seg only
        add("blocks.attn.linear", task, c.depth * (_mm(b * n, 3 * d, d) + _mm(b * n, d, d)))
        add("blocks.attn.attention", task, c.depth * 2 * _mm(b * n, n, d))
        add("blocks.cross_attn.linear", task, c.depth * (_mm(b * n, d, d) + _mm(b * L, 2 * d, d)
                                                         + _mm(b * n, d, d)))
        add("blocks.cross_attn.attention", task, c.depth * 2 * _mm(b * n, L, d))
        add("blocks.mlp", task, c.depth * 2 * _mm(b * n, c.mlp_hidden, d))
        add("final_layer", task, _mm(b, 2 * d, d) + _mm(b * t, c.out_features, d))
    return parts


def step_flops(c):
    """FLOPs of one training step: forward of both paths, backward (2x), i.e. 3 x forward."""
    forward = sum(p["gen"] + p["seg"] for p in forward_parts(c).values())
    return 3 * forward


def main(argv=None):
    sys.dont_write_bytecode = True  # no __pycache__ in the repository
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from benchlib import OneLineParser
    ap = OneLineParser(prog="dit_flops.py", description="Analytic FLOPs of one GenMask DiT training step.")
    ap.add_argument("--size", choices=sorted(PRESETS), default="bench", help="config (default bench)")
    ap.add_argument("--breakdown", action="store_true", help="print the forward FLOPs per part")
    ap.add_argument("--json", action="store_true", help="print one JSON line instead of text")
    args = ap.parse_args(argv)
    c = PRESETS[args.size]
    parts = forward_parts(c)
    forward = sum(p["gen"] + p["seg"] for p in parts.values())
    if args.json:
        print(json.dumps({"size": args.size, "params": param_count(c), "forward_flops": forward,
                          "step_flops": 3 * forward,
                          "parts": {k: v["gen"] + v["seg"] for k, v in parts.items()} if args.breakdown else None}))
        return
    print(f"size={args.size} params={param_count(c):,} batch {c.per_task} gen + {c.per_task} seg")
    if args.breakdown:
        print(f"{'part (forward)':30s} {'gen':>15s} {'seg':>15s} {'total':>15s} {'share':>7s}")
        for name, p in parts.items():
            total = p["gen"] + p["seg"]
            print(f"{name:30s} {p['gen']:15,d} {p['seg']:15,d} {total:15,d} {100 * total / forward:6.2f}%")
    print(f"forward  {forward:,} FLOPs")
    print(f"backward {2 * forward:,} FLOPs (2 x forward)")
    print(f"step     {3 * forward:,} FLOPs ({3 * forward / 1e9:.3f} GFLOP)")


if __name__ == "__main__":
    main()
