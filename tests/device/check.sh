#!/usr/bin/env bash
# Runs on the GPU machine from the repository root, with artifacts/device carried (tests/device/publish.sh builds it):
# the GPU-vs-CPU agreement checks, the GPU latent-iterate benchmark beside the CPU one, and PyTorch on the same GPU.
# Everything is also written to $OUT (the device tool brings that folder back).
set -uo pipefail
out=${OUT:-/tmp/lwb-device}
mkdir -p "$out"
lwb=artifacts/device/lwb/lwb
# NVRTC and cuBLAS may come only with PyTorch's wheels (site-packages/nvidia/*/lib): let the workbench find them too.
LWB_CUDA_LIBRARY_PATH=$(python3 -c "import glob, site; print(':'.join(sorted(p for s in site.getsitepackages() for p in glob.glob(s + '/nvidia/*/lib'))))" 2>/dev/null || true)
export LWB_CUDA_LIBRARY_PATH
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | tee "$out/gpu.txt"
$lwb device info 2>&1 | tee "$out/info.txt"
$lwb device check 2>&1 | tee "$out/check.jsonl"
check=${PIPESTATUS[0]}
$lwb bench latent-iterate --device cuda --json 2>&1 | tee "$out/bench-cuda.jsonl"
$lwb bench latent-iterate --json 2>&1 | tee "$out/bench-cpu.jsonl"
PYTHONUNBUFFERED=1 python3 tests/device/torch_cuda_reference.py 2>&1 | tee "$out/torch-cuda.jsonl"
exit "$check"
