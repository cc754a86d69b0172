#!/usr/bin/env python3
"""The PyTorch trainer a user would write instead of Contrastream, run on the bench's own batches.

`./contrastream bench` writes the batches its bare loop trained on, the encoder's initial
weights and the step's settings to one file, and runs this script on it. The step is the
service's step, written the plain PyTorch way (eager mode, torch.optim, no statistics):

  queries  = encoder(view 1)                          training mode
  keys     = momentum encoder(view 2), no gradient    inference mode (batch norm frozen)
  logits   = [queries . in-batch keys | queries . queue] / tau
  loss     = cross-entropy with the positive on the diagonal (InfoNCE)
  backward, optimiser step, momentum pull of every weight and batch-norm statistic,
  the keys enqueued (FIFO, the filled part of the queue used as negatives)

It prints one JSON line: the median pairs/s over report intervals (the bench's warm-up
intervals left out, as for the Java runs) and the losses of every step, which the bench compares with its own.

File layout (all little-endian): the 8 bytes "CSBENCH1", a uint32 n, n bytes of a UTF-8 JSON
header, then float32 data: every parameter named in the header (shape as given, in order), then
per batch view 1 and view 2 as (batch, channels, size, size) in [0, 1].
"""
import argparse
import json
import statistics
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MAGIC = b"CSBENCH1"


class Residual(nn.Module):
    """A basic residual block: conv-bn-relu-conv-bn plus a shortcut (1x1 conv-bn when it projects)."""

    def __init__(self, cin, cout, stride, project):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = (
            nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
            if project
            else nn.Identity()
        )

    def forward(self, x):
        body = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(body + self.shortcut(x))


class Encoder(nn.Module):
    """Encoders.residualCnn, layer for layer: stem, three residual stages, pool, linear, L2 norm."""

    def __init__(self, channels, width, dim):
        super().__init__()
        w = width
        self.stem = nn.Conv2d(channels, w, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(w)
        self.stage1 = Residual(w, w, 1, False)
        self.stage2 = Residual(w, 2 * w, 2, True)
        self.stage3 = Residual(2 * w, 4 * w, 2, True)
        self.head = nn.Linear(4 * w, dim)

    def forward(self, x):
        x = F.relu(self.bn(self.stem(x)))
        x = self.stage3(self.stage2(self.stage1(x)))
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return F.normalize(self.head(x), dim=1, eps=1e-12)

    def tensors_in_java_order(self):
        """Weights and batch-norm statistics in the order DJL lists the same block's parameters."""

        def bn(b):
            return [b.weight, b.bias, b.running_mean, b.running_var]

        def residual(r):
            out = [r.conv1.weight, *bn(r.bn1), r.conv2.weight, *bn(r.bn2)]
            if isinstance(r.shortcut, nn.Sequential):
                out += [r.shortcut[0].weight, *bn(r.shortcut[1])]
            return out

        return [
            self.stem.weight,
            *bn(self.bn),
            *residual(self.stage1),
            *residual(self.stage2),
            *residual(self.stage3),
            self.head.weight,
            self.head.bias,
        ]


def read_bench_file(path):
    with open(path, "rb") as f:
        if f.read(8) != MAGIC:
            sys.exit(f"{path}: not a Contrastream bench file")
        (n,) = struct.unpack("<I", f.read(4))
        header = json.loads(f.read(n).decode("utf-8"))
        data = np.frombuffer(f.read(), dtype="<f4")
    return header, data


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_file")
    parser.add_argument(
        "--bf16",
        action="store_true",
        help="forward passes under CPU autocast to bfloat16 (weights, optimiser and queue stay float32)",
    )
    args = parser.parse_args()
    h, data = read_bench_file(args.bench_file)
    torch.set_num_threads(h["threads"])
    torch.manual_seed(0)
    # Where the Java step ran: "cpu()" or "gpu(0)", as DJL names devices.
    device = torch.device("cuda" if h["device"].startswith("gpu") else "cpu")

    model = Encoder(h["channels"], h["width"], h["embedding_dim"])
    offset = 0
    tensors = model.tensors_in_java_order()
    if len(tensors) != len(h["parameters"]):
        sys.exit(f"{len(h['parameters'])} parameters in the file, {len(tensors)} in the model")
    with torch.no_grad():
        for t, p in zip(tensors, h["parameters"]):
            if list(t.shape) != p["shape"]:
                sys.exit(f"parameter {p['name']}: shape {p['shape']} in the file, {list(t.shape)} here")
            size = t.numel()
            t.copy_(torch.from_numpy(data[offset : offset + size].copy()).view(t.shape))
            offset += size
    model.to(device)
    key_model = Encoder(h["channels"], h["width"], h["embedding_dim"]).to(device)
    key_model.load_state_dict(model.state_dict())
    key_model.eval()
    for p in key_model.parameters():
        p.requires_grad_(False)

    b, c, s = h["batch_size"], h["channels"], h["image_size"]
    per_view = b * c * s * s
    # On the device before the clock starts, as the Java bare loop's batches are on the heap.
    views = torch.from_numpy(data[offset:].copy()).view(h["batches"], 2, b, c, s, s).to(device)

    if h["optimizer"] == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=h["learning_rate"], weight_decay=h["weight_decay"])
    else:
        opt = torch.optim.SGD(
            model.parameters(), lr=h["learning_rate"], momentum=0.9, weight_decay=h["weight_decay"]
        )
    tau, m, capacity = h["tau"], h["key_momentum"], h["queue_size"]
    queue = torch.zeros(capacity, h["embedding_dim"], device=device)
    filled, head = 0, 0
    # Every tensor the momentum pull touches: parameters and batch-norm statistics, in step.
    pairs = list(zip(key_model.state_dict().values(), model.state_dict().values()))
    pairs = [(k, q) for k, q in pairs if k.dtype.is_floating_point]
    targets = torch.arange(b, device=device)

    losses, rates = [], []
    every = h["report_every"]
    interval = 0.0
    model.train()
    for i in range(h["batches"]):
        t0 = time.perf_counter()
        x1 = views[i, 0] * 2 - 1
        x2 = views[i, 1] * 2 - 1
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16):
            with torch.no_grad():
                k = key_model(x2).float()
            q = model(x1).float()
        logits = q @ k.T
        if filled:
            logits = torch.cat([logits, q @ queue[:filled].T], dim=1)
        loss = F.cross_entropy(logits / tau, targets)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            for kt, qt in pairs:
                kt.mul_(m).add_(qt, alpha=1 - m)
            n = min(b, capacity)
            idx = (torch.arange(n, device=device) + head) % capacity
            queue[idx] = k[:n]
            head = (head + n) % capacity
            filled = min(capacity, filled + n)
        losses.append(loss.item())  # waits for the device, as the Java step's host copies do
        interval += time.perf_counter() - t0
        if (i + 1) % every == 0:
            rates.append(every * b / interval)
            interval = 0.0

    measured = rates[h["warmup_intervals"] :] or rates
    print(
        json.dumps(
            {
                "pairs_per_second": statistics.median(measured),
                "intervals": len(measured),
                "losses": losses,
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "bf16": args.bf16,
                "device": str(device),
            }
        )
    )


if __name__ == "__main__":
    main()
