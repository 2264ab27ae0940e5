"""Start-up and small-run benchmark: tf-lint against flake8 (pyflakes only) on the same files.

Whole-process wall time, the tools run in alternation several times, medians and ratios printed.
It is a benchmark, not a test: numbers depend on the machine, so compare ratios.

    python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SMALL_FILE = '''\
"""A 50-line training script, the size of a typical pre-commit run's file."""
import argparse

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default="google-bert/bert-base-uncased")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=3e-5)
    return parser.parse_args()


def batches(tokenizer, texts, labels, size=8):
    for start in range(0, len(texts), size):
        enc = tokenizer(texts[start:start + size], padding=True, truncation=True, return_tensors="pt")
        yield enc, torch.tensor(labels[start:start + size])


def train(args):
    tokenizer = AutoTokenizer.from_pretrained(args.checkpoint)
    model = AutoModelForSequenceClassification.from_pretrained(args.checkpoint, num_labels=2)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    texts = ["good", "bad", "great film", "awful plot"] * 8
    labels = [1, 0, 1, 0] * 8
    model.train()
    for _ in range(args.epochs):
        for enc, target in batches(tokenizer, texts, labels):
            out = model(**enc, labels=target)
            out.loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    return model, tokenizer


def main():
    args = parse_args()
    model, tokenizer = train(args)
    model.save_pretrained("out")
    tokenizer.save_pretrained("out")


if __name__ == "__main__":
    main()
'''


def _time(cmd, cwd) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    opts = parser.parse_args()
    if shutil.which("flake8") is None and subprocess.run([sys.executable, "-m", "flake8", "--version"],
                                                         capture_output=True).returncode:
        print("flake8 is not installed in this environment", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="tf-lint-bench-")
    small = os.path.join(work, "train.py")
    with open(small, "w") as f:
        f.write(SMALL_FILE)
    examples = os.path.join(ROOT, "examples")
    # flake8 with pyflakes alone: no config, no other plugin codes selected.
    flake8 = [sys.executable, "-m", "flake8", "--isolated", "--select", "F"]
    tflint = [sys.executable, "-m", "tf_lint", "--quiet"]
    cases = {
        "one 50-line file": (small, work),
        "examples/": (examples, ROOT),
    }
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"{'case':<18} {'tf-lint (s)':>12} {'flake8 -F (s)':>14} {'ratio':>7}")
    for label, (target, cwd) in cases.items():
        ours, theirs = [], []
        _time(tflint + [target], cwd), _time(flake8 + [target], cwd)  # warm the OS caches
        for _ in range(opts.runs):
            ours.append(_time(tflint + [target], cwd))
            theirs.append(_time(flake8 + [target], cwd))
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"{label:<18} {a:>12.3f} {b:>14.3f} {a / b:>7.2f}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
