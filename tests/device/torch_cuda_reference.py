#!/usr/bin/python3
"""The latent-iterate and mlp-ae-train workloads of ../shared/bench/torch_reference.py with .cuda() added.

Same models, sizes and timing rule (best of N), plus torch.cuda.synchronize() before each clock read so the
asynchronous GPU work is counted. Prints one JSON object per line: {"workload", "value", "unit", "device"}.
"""
import json, sys, time

import torch
import torch.nn as nn

torch.manual_seed(0)
dev = torch.device("cuda")


def emit(name, value, unit):
    print(json.dumps({"workload": name, "value": round(value, 3), "unit": unit, "device": torch.cuda.get_device_name(0)}), flush=True)


def best_of(fn, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        torch.cuda.synchronize(); t = time.perf_counter(); fn(); torch.cuda.synchronize()
        best = min(best, time.perf_counter() - t)
    return best


def mlp_ae(k=16):
    enc = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, k))
    dec = nn.Sequential(nn.Linear(k, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 784), nn.Sigmoid())
    return enc.to(dev), dec.to(dev)


def mlp_ae_train():
    enc, dec = mlp_ae()
    opt = torch.optim.AdamW(list(enc.parameters()) + list(dec.parameters()), lr=1e-3, weight_decay=1e-4)
    x = torch.rand(60000, 784, device=dev)
    def run(n):
        for i in range(0, n, 128):
            xb = x[i:i + 128]
            loss = ((dec(enc(xb)) - xb) ** 2).mean()
            opt.zero_grad(); loss.backward(); opt.step()
    run(6400)
    dt = best_of(lambda: run(60000), 1)
    emit("mlp-ae-train", 60000 / dt, "samples/s")


def latent_iterate():
    enc, dec = mlp_ae()
    z0 = torch.randn(10000, 16, device=dev)
    def run():
        with torch.no_grad():
            z = z0
            for _ in range(50): z = enc(dec(z))
    run()
    dt = best_of(run, 2)
    emit("latent-iterate", 10000 * 50 / dt, "point-steps/s")


WORKLOADS = {"mlp-ae-train": mlp_ae_train, "latent-iterate": latent_iterate}

if __name__ == "__main__":
    if not torch.cuda.is_available():
        sys.exit("torch_cuda_reference.py: torch.cuda.is_available() is False")
    for name in sys.argv[1:] or list(WORKLOADS):
        WORKLOADS[name]()
