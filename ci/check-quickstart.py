"""Checks a quickstart run directory: the evaluation's metrics are numbers over at least one example, the report
exists and embeds its charts. Usage: python3 ci/check-quickstart.py runs/quickstart"""
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
try:
    html = open(report_file, encoding="utf-8").read()
except OSError as e:
    sys.exit(f"{report_file}: {e}")
if "data:image/png;base64," not in html:
    sys.exit(f"{report_file}: embeds no chart")
print(f"quickstart check: {one['samples']} test examples, cIoU {one['ciou']:.4f}, gIoU {one['giou']:.4f}; "
      f"report {os.path.getsize(report_file)} bytes")
