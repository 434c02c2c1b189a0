"""PyTorch mirror of the GenMask DiT training step timed by org.genmask.bench.DiTStepBenchmark (CPU, float32).

Mirrors, module by module and with the same state-dict names (blocks.0.attn.qkv.weight, ...) and initialisation:
DiT, DiTBlock, GenMaskDiT, TextEmbedder, TextEncoderLayer, SelfAttention, CrossAttention, MultiHeadAttention, Mlp,
AdaLNModulation, FinalLayer, PatchEmbed, TimestepEmbedder, PosEmbed2D, LayerNorm, Linear, Patchify, EmbeddingLookup
(org.genmask.dit) and DiTTrainer, AdamW, AdamWConfig.defaults(), TrainConfig.genMaskDefaults() (org.genmask.train).
One step = sample s and noise per task, forward of the generation and the segmentation path, the summed weighted
velocity MSE, backward, global-norm clipping and AdamW over one flat parameter vector. Same synthetic batch as the Java
benchmark (8 + 8 samples, random token texts of 2..L tokens); random numbers differ (torch, not SplittableRandom).

  /usr/bin/python3 ci/bench/torch_dit_step.py [--size=bench|tiny] [--steps=20] [--warmup=3] [--threads=N] [--profile]
Prints one JSON line per timed step and a JSON summary line; --list-params prints "name shape" lines and exits.
--profile runs the timed steps under torch.profiler and adds a table of ATen ops by self CPU time per step (the
counterpart of DiTStepBenchmark --profile=true), with the matrix products summed apart from everything else.
"""
import math
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import dit_flops  # noqa: E402

JAVA_PARAMS = {"bench": 6_654_480, "tiny": 237_168}  # trainable scalars of the Java GenMaskDiT (see the report)
FIRST_WORD, NULL_TOKEN = 3, 1                        # TextTokens


def build(torch, c, seed=1):
    """The GenMask DiT for config `c` (dit_flops.DiTShape) with the Java initialisation, as an nn.Module."""
    nn, F = torch.nn, torch.nn.functional

    def linear(i, o, init="xavier"):  # Linear: weight [out, in], bias zeros
        layer = nn.Linear(i, o)
        layer.weight.init_kind, layer.bias.init_kind = init, "zeros"
        return layer

    def layer_norm(dim):  # LayerNorm with weight (ones) and bias (zeros), eps 1e-6
        norm = nn.LayerNorm(dim, eps=1e-6)
        norm.weight.init_kind, norm.bias.init_kind = "ones", "zeros"
        return norm

    def attend(q, k, v, heads, bias=None):  # MultiHeadAttention.attend
        b, nq, d = q.shape
        hd = d // heads
        qh = q.reshape(b, nq, heads, hd).transpose(1, 2)              # [B, H, nq, hd]
        kh = k.reshape(b, k.shape[1], heads, hd).transpose(1, 2)      # [B, H, nk, hd]
        vh = v.reshape(b, v.shape[1], heads, hd).transpose(1, 2)      # [B, H, nk, hd]
        scores = (qh @ kh.transpose(2, 3)) * (1.0 / math.sqrt(hd))    # [B, H, nq, nk]
        if bias is not None:
            scores = scores + bias                                    # [B, H, nq, nk]
        out = scores.softmax(-1) @ vh                                 # [B, H, nq, hd]
        return out.transpose(1, 2).reshape(b, nq, d)                  # [B, nq, D]

    class SelfAttention(nn.Module):
        def __init__(self, dim, heads):
            super().__init__()
            self.qkv, self.proj, self.heads = linear(dim, 3 * dim), linear(dim, dim), heads

        def forward(self, x, bias=None):
            q, k, v = self.qkv(x).chunk(3, dim=2)                     # 3 x [B, n, D]
            return self.proj(attend(q, k, v, self.heads, bias))       # [B, n, D]

    class CrossAttention(nn.Module):
        def __init__(self, dim, heads):
            super().__init__()
            self.q_linear, self.kv_linear = linear(dim, dim), linear(dim, 2 * dim)
            self.proj, self.heads = linear(dim, dim, "zeros"), heads

        def forward(self, x, context, bias):
            k, v = self.kv_linear(context).chunk(2, dim=2)            # 2 x [B, L, D]
            return self.proj(attend(self.q_linear(x), k, v, self.heads, bias))  # [B, n, D]

    class Mlp(nn.Module):
        def __init__(self, dim, hidden):
            super().__init__()
            self.fc1, self.fc2 = linear(dim, hidden), linear(hidden, dim)

        def forward(self, x):
            return self.fc2(F.gelu(self.fc1(x), approximate="tanh"))  # [B, n, hidden] -> [B, n, D]

    def modulation(ada, cond, chunks, token_groups):  # AdaLNModulation.forward
        b, k, d = cond.shape
        mod = ada(cond.reshape(b * k, d)).reshape(b, k, chunks * d)   # [B, K, chunks*D]
        if token_groups is not None:
            n = token_groups.shape[0]
            by_token = token_groups @ mod.permute(1, 0, 2).reshape(k, -1)   # [n, B*chunks*D]
            mod = by_token.reshape(n, b, chunks * d).permute(1, 0, 2)        # [B, n, chunks*D]
        return mod.chunk(chunks, dim=2)                               # chunks x [B, n|1, D]

    def modulate(x, shift, scale):
        return x * (1 + scale) + shift

    class TextEncoderLayer(nn.Module):
        def __init__(self, width, heads):
            super().__init__()
            self.norm1, self.attn = layer_norm(width), SelfAttention(width, heads)
            self.norm2, self.mlp = layer_norm(width), Mlp(width, 4 * width)

        def forward(self, x, bias):
            x = x + self.attn(self.norm1(x), bias)                    # [B, L, W]
            return x + self.mlp(self.norm2(x))                        # [B, L, W]

    class TextEmbedder(nn.Module):
        def __init__(self):
            super().__init__()
            self.token_embedding = nn.Embedding(c.vocab, c.text_width)
            self.token_embedding.weight.init_kind = "normal"
            self.position_embedding = nn.Parameter(torch.empty(1, c.text_len, c.text_width))
            self.position_embedding.init_kind = "normal"
            self.layers = nn.ModuleList(TextEncoderLayer(c.text_width, c.text_heads) for _ in range(c.text_depth))
            self.final_norm = layer_norm(c.text_width)
            self.context_proj = linear(c.text_width, c.hidden)
            self.pooled_proj = nn.ModuleDict({"linear_1": linear(c.text_width, c.hidden),
                                              "linear_2": linear(c.hidden, c.hidden, "zeros")})

        def forward(self, ids, mask):
            b, length = ids.shape
            one_hot = F.one_hot(ids.reshape(-1), c.vocab).float()    # [B*L, V] (EmbeddingLookup)
            h = (one_hot @ self.token_embedding.weight).reshape(b, length, -1) + self.position_embedding  # [B, L, W]
            bias = ((mask - 1) * 1e9).reshape(b, 1, 1, length)        # [B, 1, 1, L]
            for layer in self.layers:
                h = layer(h, bias)                                    # [B, L, W]
            h = self.final_norm(h)
            context = self.context_proj(h)                            # [B, L, D]
            weights = (mask / mask.sum(1, keepdim=True)).reshape(b, length, 1)  # [B, L, 1]
            mean = (h * weights).sum(1)                               # [B, W]
            pooled = self.pooled_proj["linear_2"](F.silu(self.pooled_proj["linear_1"](mean)))  # [B, D]
            return context, bias, pooled

    class TimestepEmbedder(nn.Module):
        def __init__(self, dim):
            super().__init__()
            self.mlp = nn.Sequential(linear(dit_flops.FREQ, dim, "normal"), nn.SiLU(), linear(dim, dim, "normal"))
            half = dit_flops.FREQ // 2  # f_i = exp(-ln(10000) i / 128), exponent in float32 as TimestepEmbedder
            expo = torch.tensor(-math.log(10000.0), dtype=torch.float32) * torch.arange(half, dtype=torch.float32)
            self.register_buffer("freqs", (expo / half).double().exp().float()[None], persistent=False)  # [1, 128]

        def forward(self, t):
            args = t.reshape(-1, 1) * self.freqs                      # [B, 128]
            return self.mlp(torch.cat([args.cos(), args.sin()], 1))   # [B, 256] -> [B, D]

    class PatchEmbed(nn.Module):
        def __init__(self):
            super().__init__()
            self.proj = nn.Conv2d(c.in_ch, c.hidden, c.patch, stride=c.patch)  # holds weight [D, C, p, p], bias
            self.proj.weight.init_kind, self.proj.bias.init_kind = "xavier", "zeros"

        def forward(self, x):  # Patchify.patchify + one matrix product
            b, ch, p, side = x.shape[0], c.in_ch, c.patch, c.input_size // c.patch
            grid = x.reshape(b, ch, side, p, side, p).permute(0, 2, 4, 1, 3, 5)   # [B, h, w, C, p, p]
            patches = grid.reshape(b, side * side, ch * p * p)                      # [B, T, C*p*p]
            return F.linear(patches, self.proj.weight.reshape(c.hidden, -1), self.proj.bias)  # [B, T, D]

    class DiTBlock(nn.Module):
        def __init__(self):
            super().__init__()
            d = c.hidden
            self.norm1 = nn.LayerNorm(d, eps=1e-6, elementwise_affine=False)
            self.attn, self.cross_attn = SelfAttention(d, c.heads), CrossAttention(d, c.heads)
            self.norm2 = nn.LayerNorm(d, eps=1e-6, elementwise_affine=False)
            self.mlp = Mlp(d, c.mlp_hidden)
            self.adaLN_modulation = nn.Sequential(nn.SiLU(), linear(d, 6 * d, "zeros"))

        def forward(self, x, cond, token_groups, context, context_bias):
            m = modulation(self.adaLN_modulation, cond, 6, token_groups)     # 6 x [B, n|1, D]
            x = x + m[2] * self.attn(modulate(self.norm1(x), m[0], m[1]))  # [B, n, D]
            x = x + self.cross_attn(x, context, context_bias)               # [B, n, D]
            return x + m[5] * self.mlp(modulate(self.norm2(x), m[3], m[4]))  # [B, n, D]

    class FinalLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.norm = nn.LayerNorm(c.hidden, eps=1e-6, elementwise_affine=False)
            self.linear = linear(c.hidden, c.out_features, "zeros")
            self.adaLN_modulation = nn.Sequential(nn.SiLU(), linear(c.hidden, 2 * c.hidden, "zeros"))

        def forward(self, x, cond):
            shift, scale = modulation(self.adaLN_modulation, cond, 2, None)  # 2 x [B, 1, D]
            return self.linear(modulate(self.norm(x), shift, scale))         # [B, T, p*p*C]

    class DiT(nn.Module):
        def __init__(self):
            super().__init__()
            t = c.tokens
            self.register_buffer("pos_embed", pos_embed_2d(torch, c.hidden, c.input_size // c.patch)[None])  # [1,T,D]
            self.x_embedder = PatchEmbed()
            self.t_embedder = TimestepEmbedder(c.hidden)
            self.text_embedder = TextEmbedder()
            self.blocks = nn.ModuleList(DiTBlock() for _ in range(c.depth))
            self.final_layer = FinalLayer()
            groups = torch.zeros(2 * t, 2)
            groups[:t, 0], groups[t:, 1] = 1, 1
            self.register_buffer("token_groups", groups, persistent=False)   # [2T, 2] one-hot

        def forward(self, x, s, ids, mask, cond=None):
            b, t, d = x.shape[0], c.tokens, c.hidden
            tokens = self.x_embedder(x) + self.pos_embed                      # [B, T, D]
            context, context_bias, pooled = self.text_embedder(ids, mask)
            c_target = (self.t_embedder(s * c.timestep_scale) + pooled).reshape(b, 1, d)  # [B, 1, D]
            c_groups, groups = c_target, None
            if cond is not None:  # clean condition tokens beside the noisy ones, at s = 0
                tokens = torch.cat([tokens, self.x_embedder(cond) + self.pos_embed], 1)    # [B, 2T, D]
                c_clean = (self.t_embedder(torch.zeros(1)) + pooled).reshape(b, 1, d)     # [B, 1, D]
                c_groups, groups = torch.cat([c_target, c_clean], 1), self.token_groups   # [B, 2, D]
            for block in self.blocks:
                tokens = block(tokens, c_groups, groups, context, context_bias)           # [B, n, D]
            out = self.final_layer(tokens[:, :t], c_target)                   # [B, T, p*p*C]
            side, p = c.input_size // c.patch, c.patch                        # Patchify.unpatchify:
            grid = out.reshape(b, side, side, p, p, c.in_ch).permute(0, 5, 1, 3, 2, 4)  # [B, C, h, p, w, p]
            return grid.reshape(b, c.in_ch, c.input_size, c.input_size)       # [B, C, H, W]

    model = DiT()
    init_like_java(torch, model, seed)
    return model


def pos_embed_2d(torch, dim, grid):
    """PosEmbed2D.table: [grid*grid, dim]; features [sin(col w), cos(col w), sin(row w), cos(row w)], in double."""
    q = dim // 4
    omega = 1.0 / torch.pow(10000.0, torch.arange(q, dtype=torch.float64) / q)   # [D/4]
    rows, cols = torch.meshgrid(torch.arange(grid, dtype=torch.float64),
                                torch.arange(grid, dtype=torch.float64), indexing="ij")
    col = cols.reshape(-1, 1) * omega                                  # [T, D/4]
    row = rows.reshape(-1, 1) * omega                                  # [T, D/4]
    return torch.cat([col.sin(), col.cos(), row.sin(), row.cos()], 1).float()  # [T, D]


def init_like_java(torch, model, seed):
    """StateDict.Init: XAVIER_UNIFORM (fan_out = dim 0, fan_in = the rest), NORMAL_002, ZEROS, ONES."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            kind = getattr(p, "init_kind", None)
            if kind == "xavier":
                bound = math.sqrt(6.0 / (p.numel() // p.shape[0] + p.shape[0]))
                p.copy_((torch.rand(p.shape, generator=gen) * 2 - 1) * bound)
            elif kind == "normal":
                p.copy_(torch.randn(p.shape, generator=gen) * 0.02)
            elif kind in ("zeros", "ones"):
                p.fill_(1.0 if kind == "ones" else 0.0)
            else:
                raise AssertionError(f"parameter {name} has no initialisation")


class FlatAdamW:
    """AdamW over one flat vector (AdamW, AdamWConfig.defaults(): lr 1e-4 after 100 linear warm-up steps, betas
    0.9/0.999, eps 1e-8, no weight decay, global-norm clipping at 1). The parameters become views of the vector."""

    def __init__(self, torch, params, lr=1e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, warmup=100, clip=1.0):
        self.torch, self.params = torch, list(params)
        self.flat = torch.cat([p.detach().reshape(-1) for p in self.params])   # [P]
        offset = 0
        for p in self.params:
            p.data = self.flat[offset:offset + p.numel()].view_as(p)
            offset += p.numel()
        self.m, self.v = torch.zeros_like(self.flat), torch.zeros_like(self.flat)
        self.lr, self.betas, self.eps, self.wd, self.warmup, self.clip, self.t = lr, betas, eps, weight_decay, \
            warmup, clip, 0

    def step(self):
        """One update from the parameters' .grad; returns the gradient norm before clipping."""
        with self.torch.no_grad():
            g = self.torch.cat([p.grad.reshape(-1) for p in self.params])  # [P] (FlatParameters.flatten)
            norm = g.norm().item()
            if self.clip > 0 and norm > self.clip:
                g.mul_(self.clip / norm)
            self.t += 1
            b1, b2 = self.betas
            self.m.mul_(b1).add_(g, alpha=1 - b1)
            self.v.mul_(b2).addcmul_(g, g, value=1 - b2)
            lr = self.lr * min(1.0, self.t / self.warmup) if self.warmup else self.lr
            if self.wd > 0:
                self.flat.mul_(1 - lr * self.wd)
            denom = (self.v / (1 - b2 ** self.t)).sqrt_().add_(self.eps)
            self.flat.addcdiv_(self.m, denom, value=-lr / (1 - b1 ** self.t))
        return norm


def make_batch(torch, c, gen):
    """DiTStepBenchmark.batch: Gaussian latents (+ condition latent for seg), texts of 2..L random word ids."""
    batch = {}
    for task in ("gen", "seg"):
        b, shape = c.per_task, (c.per_task, c.in_ch, c.input_size, c.input_size)
        x0 = torch.randn(shape, generator=gen)                                   # [B, C, H, W]
        cond = torch.randn(shape, generator=gen) if task == "seg" else None     # [B, C, H, W]
        ids = torch.zeros(b, c.text_len, dtype=torch.long)
        mask = torch.zeros(b, c.text_len)
        for i in range(b):
            n = 2 + int(torch.randint(c.text_len - 1, (1,), generator=gen))
            ids[i, :n] = torch.randint(FIRST_WORD, c.vocab, (n,), generator=gen)
            mask[i, :n] = 1
        batch[task] = (x0, cond, ids, mask)
    return batch


def train_step(torch, model, opt, batch, gen, drop_prob=0.1):
    """DiTTrainer.step: per task s, eps, x_s = (1-s) x0 + s eps, u = eps - x0; CFG drop (generation); loss =
    sum over tasks and samples of mean((out - u)^2) / total; backward; AdamW. Returns (loss, {task: mean loss})."""
    total = sum(v[0].shape[0] for v in batch.values())
    loss, per_task = 0.0, {}
    for task, (x0, cond, ids, mask) in batch.items():
        b = x0.shape[0]
        if task == "gen":  # LogitNormalTimestepSampler(0, 1)
            s = torch.sigmoid(torch.randn(b, generator=gen))                     # [B]
        else:              # GenMaskTimestepSampler(a = 0.05)
            u = torch.rand(b, generator=gen, dtype=torch.float64)
            s = (1 - 0.05 * torch.sqrt(u / (1 - u))).clamp(min=0).float()       # [B]
        eps = torch.randn(x0.shape, generator=gen)                               # [B, C, H, W]
        xs = (1 - s).reshape(-1, 1, 1, 1) * x0 + s.reshape(-1, 1, 1, 1) * eps    # [B, C, H, W]
        if task == "gen" and drop_prob > 0:  # NullCondition: text [NULL], mask [1, 0, ...]
            drop = torch.rand(b, generator=gen) < drop_prob
            ids, mask = ids.clone(), mask.clone()
            ids[drop], mask[drop] = 0, 0
            ids[drop, 0], mask[drop, 0] = NULL_TOKEN, 1
        out = model(xs, s, ids, mask, cond)                                      # [B, C, H, W]
        per_sample = ((out - (eps - x0)) ** 2).mean((1, 2, 3))                   # [B]
        loss = loss + (per_sample / total).sum()
        per_task[task] = per_sample.mean().item()
    for p in opt.params:
        p.grad = None
    loss.backward()
    norm = opt.step()
    return loss.item(), per_task, norm


MATRIX_PRODUCTS = {"aten::mm", "aten::bmm", "aten::addmm", "aten::baddbmm", "aten::addbmm", "aten::addmv", "aten::mv"}


def op_table(profiler, steps):
    """ATen ops by self CPU time per step, largest first; matrix products (forward and backward) summed apart."""
    rows = [e for e in profiler.key_averages() if e.key.startswith("aten::")]
    rows.sort(key=lambda e: e.self_cpu_time_total, reverse=True)
    lines = [f"{'op':<32} {'calls':>8} {'ms/step':>10}"]
    lines += [f"{e.key:<32} {e.count // steps:>8} {e.self_cpu_time_total / 1e3 / steps:>10.1f}" for e in rows[:20]]
    mm = sum(e.self_cpu_time_total for e in rows if e.key in MATRIX_PRODUCTS) / 1e3 / steps
    rest = sum(e.self_cpu_time_total for e in rows if e.key not in MATRIX_PRODUCTS) / 1e3 / steps
    calls = sum(e.count for e in rows) // steps
    lines.append(f"matrix products {mm:.1f} ms/step, all other ATen ops {rest:.1f} ms/step (self time), "
                 f"{calls} ATen op calls per step (nested calls included)")
    return "\n".join(lines)


def main(argv=None):
    ap = benchlib.OneLineParser(prog="torch_dit_step.py", description=__doc__.split("\n")[0])
    ap.add_argument("--size", choices=sorted(dit_flops.PRESETS), default="bench", help="config (default bench)")
    ap.add_argument("--steps", type=benchlib.positive_int, default=20, help="timed steps (default 20)")
    ap.add_argument("--warmup", type=benchlib.nonneg_int, default=3, help="untimed steps first (default 3)")
    ap.add_argument("--threads", type=benchlib.positive_int, default=benchlib.default_threads(),
                    help="torch.set_num_threads (default: OMP_NUM_THREADS or 1)")
    ap.add_argument("--list-params", action="store_true", help="print 'name shape' per parameter and exit")
    ap.add_argument("--profile", action="store_true", help="time every ATen op of the timed steps (torch.profiler)")
    args = ap.parse_args(argv)
    torch = benchlib.setup_torch(args.threads)
    c = dit_flops.PRESETS[args.size]
    model = build(torch, c)
    if args.list_params:
        for name, p in model.named_parameters():
            print(name, list(p.shape))
        return
    params = sum(p.numel() for p in model.parameters())
    expected = {"java": JAVA_PARAMS[args.size], "analytic": dit_flops.param_count(c)}
    if any(v != params for v in expected.values()):
        sys.exit(f"torch_dit_step.py: error: {params} trainable parameters, expected {expected}")
    opt = FlatAdamW(torch, model.parameters())
    batch = make_batch(torch, c, torch.Generator().manual_seed(2))
    flops = dit_flops.step_flops(c)
    print(f"# size={args.size} {c} params={params} threads={args.threads}", file=sys.stderr, flush=True)
    wall, cpu = [], []
    profiler = None
    for i in range(args.warmup + args.steps):
        if args.profile and i == args.warmup:
            profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU])
            profiler.__enter__()
        t0, c0 = time.perf_counter(), time.process_time()
        loss, per_task, norm = train_step(torch, model, opt, batch, torch.Generator().manual_seed(100 + i))
        ms, cpu_ms = (time.perf_counter() - t0) * 1e3, (time.process_time() - c0) * 1e3
        if i >= args.warmup:
            wall.append(ms)
            cpu.append(cpu_ms)
            benchlib.emit({"figure": "dit_step", "step": i, "ms": round(ms, 3), "cpu_ms": round(cpu_ms, 3),
                           "loss": loss, "loss_gen": per_task["gen"], "loss_seg": per_task["seg"],
                           "grad_norm": norm})
    if profiler is not None:
        profiler.__exit__(None, None, None)
        print(op_table(profiler, args.steps), file=sys.stderr, flush=True)
    stats = benchlib.summary(wall)
    benchlib.emit({"figure": "dit_step", "framework": "pytorch", "torch": torch.__version__, "threads": args.threads,
                   **stats, "cpu_median_ms": benchlib.summary(cpu)["median_ms"], "params": params,
                   "flops_per_step": flops, "gflops_per_s_median": round(flops / stats["median_ms"] / 1e6, 3),
                   "size": args.size, "steps": args.steps, "warmup": args.warmup,
                   "batch": {"gen": c.per_task, "seg": c.per_task}})


if __name__ == "__main__":
    main()
