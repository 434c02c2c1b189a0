"""Side-by-side benchmark: the project (Java, SameDiff on ND4J) against the PyTorch mirrors in this directory, same
shapes, same thread count, in one run, so every ratio compares figures measured minutes apart on the same machine.

Figures: the DiT training step of the bench config (DiTStepBenchmark vs torch_dit_step.py), the VAE encode of the
SD-sized VAE at 256x256 batch 2 and of the embedded default VAE at 32x32 batch 32 (VaeEncodeBenchmark vs
torch_vae_encode.py), and the machine's sgemm peak (torch.mm of 2048x2048 float32 through OpenBLAS, best of 5),
against which achieved GFLOP/s are reported. Prints a Markdown table (figure, project, PyTorch, ratio, % of peak)
and writes every raw figure as JSON to --out.

Run through `bash ci/bench.sh compare` (it builds the classpath); by hand:
  JAVA_CMD="java -cp ... " /usr/bin/python3 ci/bench/compare.py --threads=1 --out=target/bench-compare.json
"""
import datetime
import json
import os
import re
import shlex
import subprocess
import sys

import benchlib

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, env):
    """Runs a command, echoing its output; returns stdout (a failure is fatal, with the command named)."""
    shown = [c if len(c) < 200 else c[:60] + "...(" + str(len(c)) + " chars)" for c in cmd]
    print("$ " + " ".join(shlex.quote(c) for c in shown), flush=True)
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sys.stdout.write(p.stdout)
    if p.returncode != 0:
        sys.exit(f"compare.py: command failed with status {p.returncode}: {cmd[0]} ... {cmd[-1]}")
    return p.stdout


def last_json(text, figure):
    """The last JSON object line of a PyTorch script's output."""
    for line in reversed(text.splitlines()):
        if line.startswith("{") and '"median_ms"' in line:
            return json.loads(line)
    sys.exit(f"compare.py: no JSON summary in the output of the PyTorch {figure} benchmark")


def java_dit(java, env, steps, warmup):
    out = run(java + ["org.genmask.bench.DiTStepBenchmark", "--size=bench", f"--steps={steps}",
                      f"--warmup={warmup}"], env)
    m = re.search(r"wall median ([0-9.]+) ms \(min ([0-9.]+)\)", out)
    if not m:
        sys.exit("compare.py: DiTStepBenchmark printed no 'wall median' line")
    return {"median_ms": float(m.group(1)), "min_ms": float(m.group(2))}


def java_vae(java, env, arch, size, batch, batches, warmup):
    out = run(java + ["org.genmask.vae.VaeEncodeBenchmark", "--arch", arch, "--size", str(size), "--batch",
                      str(batch), "--batches", str(batches), "--warmup", str(warmup)], env)
    m = re.search(r"RESULT .*: ([0-9.]+) images/s \(mean over \d+ batches\), best ([0-9.]+) images/s", out)
    if not m:
        sys.exit(f"compare.py: VaeEncodeBenchmark --arch {arch} printed no RESULT line")
    return {"images_per_s": float(m.group(1)), "best_images_per_s": float(m.group(2))}


def sgemm_peak(threads):
    """GFLOP/s of a 2048^3 float32 matrix product, best of 5, in a fresh interpreter with `threads` threads."""
    code = ("import sys; sys.path.insert(0, %r); import benchlib, time; torch = benchlib.setup_torch(%d); "
            "a = torch.randn(2048, 2048); b = torch.randn(2048, 2048); torch.mm(a, b); best = 1e9\n"
            "for _ in range(5):\n t = time.perf_counter(); torch.mm(a, b); best = min(best, time.perf_counter() - t)\n"
            "print(2 * 2048 ** 3 / best / 1e9)") % (HERE, threads)
    return float(subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.PIPE,
                                text=True).stdout.strip())


def main(argv=None):
    ap = benchlib.OneLineParser(prog="compare.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=benchlib.positive_int, default=benchlib.default_threads())
    ap.add_argument("--steps", type=benchlib.positive_int, default=10, help="timed DiT steps (default 10)")
    ap.add_argument("--warmup", type=benchlib.nonneg_int, default=2, help="untimed DiT steps (default 2)")
    ap.add_argument("--out", default="target/bench-compare.json", help="raw figures as JSON")
    args = ap.parse_args(argv)
    java = shlex.split(os.environ.get("JAVA_CMD", ""))
    if not java:
        ap.error("JAVA_CMD is not set (the java command line with its classpath; see ci/bench.sh)")
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS=str(args.threads))
    py = [sys.executable, "-B"]
    t = f"--threads={args.threads}"

    peak = sgemm_peak(args.threads)
    print(f"sgemm peak, {args.threads} thread(s): {peak:.1f} GFLOP/s", flush=True)
    dit_py = last_json(run(py + [os.path.join(HERE, "torch_dit_step.py"), "--size=bench", f"--steps={args.steps}",
                                 f"--warmup={args.warmup}", t], env), "DiT")
    dit_j = java_dit(java, env, args.steps, args.warmup)
    vae = {}
    for arch, size, batch, batches in (("sd", 256, 2, 3), ("default", 32, 32, 10)):
        p = last_json(run(py + [os.path.join(HERE, "torch_vae_encode.py"), f"--arch={arch}", f"--size={size}",
                                f"--batch={batch}", f"--steps={batches}", "--warmup=1", t], env), "VAE " + arch)
        vae[arch] = (java_vae(java, env, arch, size, batch, batches, 1), p)

    flops = dit_py["flops_per_step"]
    rows = [("DiT training step, bench config (ms, median)", dit_j["median_ms"], dit_py["median_ms"],
             dit_j["median_ms"] / dit_py["median_ms"],
             100 * flops / (dit_j["median_ms"] / 1e3) / 1e9 / peak,
             100 * flops / (dit_py["median_ms"] / 1e3) / 1e9 / peak)]
    for arch, (j, p) in vae.items():
        per_image = p["flops_per_batch"] / p["batch"]
        rows.append((f"VAE encode, {arch} at {p['size']}x{p['size']}, batch {p['batch']} (images/s, mean)",
                     j["images_per_s"], p["images_per_s_mean"], p["images_per_s_mean"] / j["images_per_s"],
                     100 * per_image * j["images_per_s"] / 1e9 / peak,
                     100 * per_image * p["images_per_s_mean"] / 1e9 / peak))
    date = datetime.date.today().isoformat()
    print(f"\n| figure | project | PyTorch {dit_py.get('torch', '?')} | time ratio project/PyTorch "
          f"| % of sgemm peak ({peak:.0f} GFLOP/s, {args.threads} thread(s)): project / PyTorch | date |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, j, p, ratio, pj, pp in rows:
        print(f"| {name} | {j:.4g} | {p:.4g} | {ratio:.2f} | {pj:.1f}% / {pp:.1f}% | {date} |")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump({"date": date, "threads": args.threads, "sgemm_peak_gflops": peak, "dit_flops_per_step": flops,
                   "dit": {"project": dit_j, "pytorch": dit_py},
                   "vae": {a: {"project": j, "pytorch": p} for a, (j, p) in vae.items()}}, f, indent=1)
    print(f"raw figures: {args.out}")


if __name__ == "__main__":
    main()
