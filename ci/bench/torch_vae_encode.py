"""PyTorch mirror of the AutoencoderKL encoder timed by org.genmask.vae.VaeEncodeBenchmark (CPU, float32, inference).

Mirrors EncoderGraph (diffusers' Encoder with double_z, then quant_conv) built from VaeLayers (GroupNorm eps 1e-6,
SiLU, ResnetBlock2D without time embedding, single-head mid-block attention, Downsample2D = pad right/bottom + 3x3
stride-2 conv) and AutoencoderKL.encode (posterior mean and logvar clipped to [-30, 20]), with diffusers' state-dict
names (encoder.down_blocks.0.resnets.0.conv1.weight, ...). Architectures:
  --arch=sd       VaeEncodeBenchmark's "sd" config: block_out_channels 128/256/512/512, 2 layers per block, 32 groups,
                  4 latent channels, quant_conv; random weights (PyTorch default init); default 256x256, batch 2;
  --arch=default  the embedded VAE (dit-model/src/main/resources/org/genmask/vae/default/config.json) with its trained
                  weights from diffusion_pytorch_model.safetensors (or --random-weights); default 32x32, batch 32.

  /usr/bin/python3 ci/bench/torch_vae_encode.py [--arch=sd|default] [--size=N] [--batch=N] [--steps=3] [--warmup=1]
                   [--threads=N] [--random-weights]
Prints one JSON line per timed batch and a JSON summary line (images_per_s, analytic FLOPs of convs and attention).
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, HERE)
import benchlib  # noqa: E402

DEFAULT_DIR = os.path.join(HERE, "..", "..", "dit-model", "src", "main", "resources", "org", "genmask", "vae",
                           "default")
SD = {"in_channels": 3, "block_out_channels": [128, 256, 512, 512], "layers_per_block": 2, "norm_num_groups": 32,
      "latent_channels": 4, "use_quant_conv": True}
# encoder + quant_conv parameters of the Java model (AutoencoderKL.parameterShapes, see the report); the whole VAE
# with its decoder has 83,653,863 (sd) and 658,375 (default)
JAVA_ENCODER_PARAMS = {"sd": 34_163_664, "default": 256_304}
DEFAULTS = {"sd": (256, 2), "default": (32, 32)}  # (size, batch)
DEPRECATED = {".to_q.": ".query.", ".to_k.": ".key.", ".to_v.": ".value.", ".to_out.0.": ".proj_attn."}


def read_config(path):
    """The structural keys of a diffusers AutoencoderKL config.json (as AutoencoderKLConfig, defaults included)."""
    with open(path) as f:
        raw = json.load(f)
    if raw.get("act_fn", "silu") != "silu":
        raise ValueError(f"{path}: act_fn {raw['act_fn']!r} is not supported (only 'silu')")
    if any(t != "DownEncoderBlock2D" for t in raw["down_block_types"]):
        raise ValueError(f"{path}: only DownEncoderBlock2D down blocks are supported")
    return {"in_channels": raw.get("in_channels", 3), "block_out_channels": list(raw["block_out_channels"]),
            "layers_per_block": raw["layers_per_block"], "norm_num_groups": raw["norm_num_groups"],
            "latent_channels": raw["latent_channels"], "use_quant_conv": raw.get("use_quant_conv", True)}


def build(torch, cfg):
    """The encoder (+ quant_conv) as an nn.Module whose forward gives (mean, logvar), each [N, L, H/f, W/f]."""
    nn, F = torch.nn, torch.nn.functional
    groups = cfg["norm_num_groups"]

    def norm(ch):
        return nn.GroupNorm(groups, ch, eps=1e-6)

    class Resnet(nn.Module):  # VaeLayers.resnet
        def __init__(self, cin, cout):
            super().__init__()
            self.norm1, self.conv1 = norm(cin), nn.Conv2d(cin, cout, 3, padding=1)
            self.norm2, self.conv2 = norm(cout), nn.Conv2d(cout, cout, 3, padding=1)
            self.conv_shortcut = nn.Conv2d(cin, cout, 1) if cin != cout else None

        def forward(self, x):
            h = self.conv1(F.silu(self.norm1(x)))                      # [N, Cout, H, W]
            h = self.conv2(F.silu(self.norm2(h)))                      # [N, Cout, H, W]
            return (self.conv_shortcut(x) if self.conv_shortcut is not None else x) + h

    class Downsample(nn.Module):  # VaeLayers.downsample
        def __init__(self, ch):
            super().__init__()
            self.conv = nn.Conv2d(ch, ch, 3, stride=2)

        def forward(self, x):
            return self.conv(F.pad(x, (0, 1, 0, 1)))                   # [N, C, H+1, W+1] -> [N, C, H/2, W/2]

    class Attention(nn.Module):  # VaeLayers.attention: one head, head_dim = C
        def __init__(self, ch):
            super().__init__()
            self.group_norm = norm(ch)
            self.to_q, self.to_k, self.to_v = nn.Linear(ch, ch), nn.Linear(ch, ch), nn.Linear(ch, ch)
            self.to_out = nn.ModuleList([nn.Linear(ch, ch)])

        def forward(self, x):
            n, ch, h, w = x.shape
            tokens = self.group_norm(x).permute(0, 2, 3, 1).reshape(n, h * w, ch)   # [N, HW, C]
            q, k, v = self.to_q(tokens), self.to_k(tokens), self.to_v(tokens)      # 3 x [N, HW, C]
            probs = ((q @ k.transpose(1, 2)) * ch ** -0.5).softmax(-1)             # [N, HW, HW]
            out = self.to_out[0](probs @ v)                                          # [N, HW, C]
            return out.reshape(n, h, w, ch).permute(0, 3, 1, 2) + x                  # [N, C, H, W]

    class Block(nn.Module):  # DownEncoderBlock2D
        def __init__(self, cin, cout, down):
            super().__init__()
            self.resnets = nn.ModuleList(Resnet(cin if j == 0 else cout, cout)
                                         for j in range(cfg["layers_per_block"]))
            self.downsamplers = nn.ModuleList([Downsample(cout)] if down else [])

        def forward(self, x):
            for layer in [*self.resnets, *self.downsamplers]:
                x = layer(x)
            return x

    class Mid(nn.Module):  # VaeLayers.midBlock
        def __init__(self, ch):
            super().__init__()
            self.resnets = nn.ModuleList([Resnet(ch, ch), Resnet(ch, ch)])
            self.attentions = nn.ModuleList([Attention(ch)])

        def forward(self, x):
            return self.resnets[1](self.attentions[0](self.resnets[0](x)))

    class Encoder(nn.Module):  # EncoderGraph without quant_conv
        def __init__(self):
            super().__init__()
            ch = cfg["block_out_channels"]
            self.conv_in = nn.Conv2d(cfg["in_channels"], ch[0], 3, padding=1)
            self.down_blocks = nn.ModuleList(Block(ch[max(i - 1, 0)], c, i < len(ch) - 1) for i, c in enumerate(ch))
            self.mid_block = Mid(ch[-1])
            self.conv_norm_out = norm(ch[-1])
            self.conv_out = nn.Conv2d(ch[-1], 2 * cfg["latent_channels"], 3, padding=1)

        def forward(self, x):
            x = self.conv_in(x)                                        # [N, ch0, H, W]
            for block in self.down_blocks:
                x = block(x)                                           # [N, ch_i, H/2^i, W/2^i]
            return self.conv_out(F.silu(self.conv_norm_out(self.mid_block(x))))  # [N, 2L, h, w]

    class EncoderKL(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = Encoder()
            two_l = 2 * cfg["latent_channels"]
            self.quant_conv = nn.Conv2d(two_l, two_l, 1) if cfg["use_quant_conv"] else None

        def forward(self, images):
            moments = self.encoder(images)                             # [N, 2L, h, w]
            if self.quant_conv is not None:
                moments = self.quant_conv(moments)                     # [N, 2L, h, w]
            mean, logvar = moments.chunk(2, dim=1)                     # 2 x [N, L, h, w]
            return mean, logvar.clamp(-30.0, 20.0)

    return EncoderKL()


def encode_flops(cfg, batch, size):
    """Analytic forward FLOPs of one encode: 2*Cin*Cout*k*k*Hout*Wout per conv and image; the mid-block attention's
    four C x C projections over HW tokens plus Q K^T and A V (2*HW*HW*C each). Norms, SiLU, softmax not counted."""
    conv, h, ch = 0, size, cfg["block_out_channels"]

    def c(cin, cout, k, side):
        return 2 * cin * cout * k * k * side * side

    conv += c(cfg["in_channels"], ch[0], 3, h)
    cin = ch[0]
    for i, cout in enumerate(ch):
        for _ in range(cfg["layers_per_block"]):
            conv += c(cin, cout, 3, h) + c(cout, cout, 3, h) + (c(cin, cout, 1, h) if cin != cout else 0)
            cin = cout
        if i < len(ch) - 1:
            h = (h + 1 - 3) // 2 + 1  # pad right/bottom by one, 3x3, stride 2
            conv += c(cout, cout, 3, h)
    conv += 2 * (2 * c(cin, cin, 3, h))  # mid-block resnets
    attention = 4 * 2 * h * h * cin * cin + 2 * 2 * (h * h) ** 2 * cin
    two_l = 2 * cfg["latent_channels"]
    conv += c(cin, two_l, 3, h) + (c(two_l, two_l, 1, h) if cfg["use_quant_conv"] else 0)
    return {"conv": batch * conv, "attention": batch * attention}


def load_weights(torch, model, path):
    """The encoder's tensors from a diffusers safetensors file (deprecated attention names accepted)."""
    stored = benchlib.read_safetensors(path)
    state = {}
    for name in model.state_dict():
        old = next((name.replace(k, v) for k, v in DEPRECATED.items() if k in name), None)
        key = name if name in stored else old
        if key not in stored:
            raise KeyError(f"{path}: missing tensor '{name}'")
        state[name] = stored[key].float()
    model.load_state_dict(state)


def main(argv=None):
    ap = benchlib.OneLineParser(prog="torch_vae_encode.py", description=__doc__.split("\n")[0])
    ap.add_argument("--arch", choices=["sd", "default"], default="sd", help="architecture (default sd)")
    ap.add_argument("--size", type=benchlib.positive_int, help="image side (default 256 for sd, 32 for default)")
    ap.add_argument("--batch", type=benchlib.positive_int, help="images per batch (default 2 for sd, 32 for default)")
    ap.add_argument("--steps", type=benchlib.positive_int, default=3, help="timed batches (default 3)")
    ap.add_argument("--warmup", type=benchlib.nonneg_int, default=1, help="untimed batches first (default 1)")
    ap.add_argument("--threads", type=benchlib.positive_int, default=benchlib.default_threads(),
                    help="torch.set_num_threads (default: OMP_NUM_THREADS or 1)")
    ap.add_argument("--random-weights", action="store_true", help="default arch: random instead of trained weights")
    args = ap.parse_args(argv)
    size, batch = args.size or DEFAULTS[args.arch][0], args.batch or DEFAULTS[args.arch][1]
    cfg = SD if args.arch == "sd" else read_config(os.path.join(DEFAULT_DIR, "config.json"))
    factor = 2 ** (len(cfg["block_out_channels"]) - 1)
    if size % factor:
        ap.error(f"--size must be a multiple of {factor} for arch {args.arch}, got {size}")
    torch = benchlib.setup_torch(args.threads)
    torch.manual_seed(42)
    model = build(torch, cfg).eval()
    params = sum(p.numel() for p in model.parameters())
    if params != JAVA_ENCODER_PARAMS[args.arch]:
        sys.exit(f"torch_vae_encode.py: error: {params} encoder parameters, Java has {JAVA_ENCODER_PARAMS[args.arch]}")
    weights = "random"
    if args.arch == "default" and not args.random_weights:
        load_weights(torch, model, os.path.join(DEFAULT_DIR, "diffusion_pytorch_model.safetensors"))
        weights = "diffusion_pytorch_model.safetensors"
    images = torch.rand(batch, cfg["in_channels"], size, size, generator=torch.Generator().manual_seed(7)) * 2 - 1
    flops = encode_flops(cfg, batch, size)
    print(f"# arch={args.arch} {cfg} size={size} batch={batch} params={params} weights={weights} "
          f"threads={args.threads}", file=sys.stderr, flush=True)
    wall, cpu = [], []
    with torch.inference_mode():
        for i in range(args.warmup + args.steps):
            t0, c0 = time.perf_counter(), time.process_time()
            mean, _ = model(images)                                    # [N, L, H/f, W/f]
            ms, cpu_ms = (time.perf_counter() - t0) * 1e3, (time.process_time() - c0) * 1e3
            if i >= args.warmup:
                wall.append(ms)
                cpu.append(cpu_ms)
                benchlib.emit({"figure": "vae_encode", "step": i, "ms": round(ms, 3), "cpu_ms": round(cpu_ms, 3),
                               "latent": list(mean.shape), "mean_abs": mean.abs().mean().item()})
    stats = benchlib.summary(wall)
    total = flops["conv"] + flops["attention"]
    benchlib.emit({"figure": "vae_encode", "framework": "pytorch", "torch": torch.__version__,
                   "threads": args.threads, **stats, "cpu_median_ms": benchlib.summary(cpu)["median_ms"],
                   "images_per_s": round(batch / stats["median_ms"] * 1e3, 3),
                   "images_per_s_mean": round(batch * len(wall) / sum(wall) * 1e3, 3),
                   "images_per_s_best": round(batch / stats["min_ms"] * 1e3, 3), "params": params,
                   "flops_per_batch": total, "flops_conv": flops["conv"], "flops_attention": flops["attention"],
                   "gflops_per_s_median": round(total / stats["median_ms"] / 1e6, 3), "arch": args.arch,
                   "size": size, "batch": batch, "weights": weights, "steps": args.steps, "warmup": args.warmup})


if __name__ == "__main__":
    main()
