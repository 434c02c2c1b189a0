"""Checks a quickstart run directory: the evaluation's metrics are numbers over at least one example, the latent
analysis wrote its numbers, the report exists, embeds its charts and has the analysis and samples sections.
Usage: python3 ci/check-quickstart.py runs/quickstart"""
import json
import math
import os
import sys

run = sys.argv[1] if len(sys.argv) > 1 else "runs/quickstart"
metrics_file = os.path.join(run, "eval", "metrics.json")
report_file = os.path.join(run, "report.html")
try:
    metrics = json.load(open(metrics_file))
    one = metrics["one_step"]
except (OSError, ValueError, KeyError) as e:
    sys.exit(f"{metrics_file}: no one_step metrics ({e})")
for key in ("ciou", "giou"):
    value = one.get(key)
    if not isinstance(value, (int, float)) or math.isnan(value):
        sys.exit(f"{metrics_file}: one_step.{key} is not a number: {value!r}")
if not isinstance(one.get("samples"), int) or one["samples"] < 1:
    sys.exit(f"{metrics_file}: one_step.samples counts no examples: {one.get('samples')!r}")
analysis_file = os.path.join(run, "analysis", "latent-analysis.json")
try:
    analysis = json.load(open(analysis_file))
    shares = [analysis["pca"][k]["pc1_share"] for k in ("mask", "image")]
    probe = analysis["probe"]["mask"]["balanced_accuracy"]
except (OSError, ValueError, KeyError) as e:
    sys.exit(f"{analysis_file}: no PCA or probe numbers ({e})")
if not all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in shares + probe):
    sys.exit(f"{analysis_file}: a PC-1 share or probe accuracy is not a number in [0, 1]")
try:
    html = open(report_file, encoding="utf-8").read()
except OSError as e:
    sys.exit(f"{report_file}: {e}")
if "data:image/png;base64," not in html:
    sys.exit(f"{report_file}: embeds no chart")
for section in ("<h2>Mask-latent analysis</h2>", "<h2>Text to image samples</h2>"):
    if section not in html:
        sys.exit(f"{report_file}: no section {section}")
print(f"quickstart check: {one['samples']} test examples, cIoU {one['ciou']:.4f}, gIoU {one['giou']:.4f}; "
      f"PC-1 share masks {shares[0]:.3f} images {shares[1]:.3f}; report {os.path.getsize(report_file)} bytes")
