"""Shared helpers of the PyTorch side-by-side benchmarks in ci/bench (not a benchmark itself).

One-line argument errors, thread setup, timing summaries, JSON output, and a minimal safetensors reader (the
`safetensors` package is not installed): 8-byte little-endian header length, a JSON header mapping each tensor name to
{dtype, shape, data_offsets} (offsets relative to the end of the header), then the raw little-endian data.
"""
import argparse
import json
import os
import statistics
import struct
import sys


class OneLineParser(argparse.ArgumentParser):
    """argparse whose errors are one line on stderr (exit status 2), without the usage block."""

    def error(self, message):
        sys.stderr.write(f"{self.prog}: error: {message} (see --help)\n")
        sys.exit(2)


def _int_at_least(lowest):
    """An argparse type: an integer >= lowest, with a one-line message otherwise."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got '{text}'")
        if value < lowest:
            raise argparse.ArgumentTypeError(f"must be >= {lowest}, got {value}")
        return value
    return parse


positive_int = _int_at_least(1)
nonneg_int = _int_at_least(0)


def default_threads():
    """OMP_NUM_THREADS if it is a positive integer, else 1 (the Java benchmarks' default)."""
    value = os.environ.get("OMP_NUM_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else 1


def setup_torch(threads):
    """Imports torch with `threads` intra-op threads and one inter-op thread; returns the module. torch's matrix
    products call the system BLAS (OpenBLAS, pthread build), which takes its thread count from OPENBLAS_NUM_THREADS
    when it is loaded and otherwise uses every core: set it before the first import of torch."""
    if "torch" in sys.modules:
        raise RuntimeError("setup_torch must run before torch is imported (OpenBLAS reads its threads at load)")
    os.environ["OPENBLAS_NUM_THREADS"] = str(threads)
    import torch
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    return torch


def summary(times_ms):
    """Median (upper median for an even count, as the Java benchmark), min and mean of a list of milliseconds."""
    ordered = sorted(times_ms)
    return {"median_ms": round(ordered[len(ordered) // 2], 3), "min_ms": round(ordered[0], 3),
            "mean_ms": round(statistics.fmean(ordered), 3)}


def emit(record):
    """One JSON object per line on stdout, flushed."""
    print(json.dumps(record), flush=True)


_DTYPES = {"F32": "float32", "F16": "float16", "BF16": "bfloat16", "F64": "float64"}


def read_safetensors(path):
    """All tensors of a safetensors file as a dict name -> torch tensor (a copy; float dtypes only)."""
    import torch
    if sys.byteorder != "little":
        raise RuntimeError("read_safetensors assumes a little-endian machine")
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    (header_len,) = struct.unpack("<Q", data[:8])
    if 8 + header_len > len(data):
        raise ValueError(f"{path}: header length {header_len} exceeds the file size {len(data)}")
    header = json.loads(data[8:8 + header_len])
    body = memoryview(data)[8 + header_len:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] not in _DTYPES:
            raise ValueError(f"{path}: tensor '{name}' has unsupported dtype {info['dtype']}")
        start, end = info["data_offsets"]
        dtype = getattr(torch, _DTYPES[info["dtype"]])
        flat = torch.frombuffer(bytearray(body[start:end]), dtype=dtype) if end > start \
            else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"])  # [prod(shape)] -> shape
    return tensors
