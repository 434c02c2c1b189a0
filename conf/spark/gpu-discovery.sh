#!/usr/bin/env bash
# Spark resource discovery for NVIDIA GPUs: prints the GPUs this executor (or standalone worker) may use as
#   {"name": "gpu", "addresses": ["0", "1"]}
# Spark runs it at executor start (spark.executor.resource.gpu.discoveryScript). The addresses are nvidia-smi's
# indices of the GPUs visible to this process: the resource manager (YARN, the Kubernetes device plugin) restricts
# them with CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES where it assigns GPUs. Fails (exit 1, one line on stderr)
# when nvidia-smi is missing or sees no GPU, so a misconfigured node stops the executor instead of training on CPU.
set -euo pipefail
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-discovery.sh: nvidia-smi not found on PATH ($(hostname))" >&2
  exit 1
fi
indices="$(nvidia-smi --query-gpu=index --format=csv,noheader,nounits)"
addresses=""
while IFS= read -r index; do
  index="${index//[[:space:]]/}"
  [[ -z "$index" ]] && continue
  if [[ ! "$index" =~ ^[0-9]+$ ]]; then
    echo "gpu-discovery.sh: unexpected nvidia-smi output '$index' ($(hostname))" >&2
    exit 1
  fi
  addresses+="${addresses:+, }\"$index\""
done <<< "$indices"
if [[ -z "$addresses" ]]; then
  echo "gpu-discovery.sh: nvidia-smi lists no GPU ($(hostname))" >&2
  exit 1
fi
echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
