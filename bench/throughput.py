"""Throughput, scale, cache and fix-path benchmark of tf-lint against its peers.

    python bench/throughput.py                  # full run: installs peers, downloads corpora
    python bench/throughput.py --smoke          # a handful of files, tools of this environment only

The full run makes scratch virtual environments under $TF_LINT_BENCH_DIR (default: a folder in the
temporary directory, outside the repository, whose .gitignore tf-lint would honour) — flake8 alone, flake8 with
TorchFix, and this checkout of tf-lint with ruff (flake8 runs every installed plugin whatever
``--select`` says, so the peers must not share one) — downloads the sdists of trl, peft and transformers from the package
registry (into the same folder), then runs each tool several times *in alternation* and prints medians
and ratios. Compare ratios, not seconds: they are what transfers between machines.

Peers, as the issue defines them:
- flake8 with pyflakes alone: ``flake8 --isolated --select F`` (no other plugin codes selected);
- TorchFix as a flake8 plugin: ``flake8 --isolated --select TOR``;
- ruff: ``ruff check --isolated --select F`` (no cache, then warm cache).
It is a benchmark, not a test: CI only runs ``--smoke`` to see that it still works.
"""

from __future__ import annotations

import argparse
import glob
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Outside the repository: tf-lint honours .gitignore, and bench/.work is ignored there.
WORK = os.environ.get("TF_LINT_BENCH_DIR") or os.path.join(tempfile.gettempdir(), "tf-lint-bench")
CORPORA = {"trl+peft": ["trl==1.16.0", "peft==0.21.2"], "transformers": ["transformers==5.24.0"]}


# Every tool runs from compiled bytecode, as after `pip install`: an environment that forbids writing
# it (PYTHONDONTWRITEBYTECODE) would make the editable checkout compile its modules on every run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: Sequence[str], cwd: Optional[str] = None, env=None) -> Tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (KiB, largest child) of one command."""
    env = ENV if env is None else env
    start = time.perf_counter()
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    import resource

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, proc.returncode, peak


def median_times(commands: Dict[str, List[str]], runs: int, cwd: str, before=None) -> Dict[str, float]:
    """Run each command ``runs`` times, in alternation; ``before(name)`` runs untimed before each."""
    times: Dict[str, List[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            if before:
                before(name)
            times[name].append(run(cmd, cwd)[0])
    return {name: statistics.median(values) for name, values in times.items()}


def prepare_venvs(names: Sequence[str] = ("flake8", "torchfix", "tf-lint")) -> Dict[str, str]:
    """One environment per tool: flake8 runs every installed plugin whatever ``--select`` says, so
    flake8-with-pyflakes must not see TorchFix's plugin, nor tf-lint's (it registers one too)."""
    wanted = {"flake8": ["flake8"], "torchfix": ["flake8", "torchfix"], "tf-lint": ["-e", ROOT, "ruff"]}
    bins = {}
    for name, packages in wanted.items():
        if name not in names:
            continue
        venv = os.path.join(WORK, f"venv-{name}")
        python = os.path.join(venv, "bin", "python")
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            subprocess.run([python, "-m", "pip", "install", "-q", *packages], check=True)
        bins[name] = os.path.join(venv, "bin")
    subprocess.run([os.path.join(bins["tf-lint"], "python"), "-m", "compileall", "-q",
                    os.path.join(ROOT, "tf_lint")], check=True)
    return bins


def prepare_corpus(name: str) -> str:
    target = os.path.join(WORK, "corpus", name)
    if os.path.isdir(target):
        return target
    downloads = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary",
                    ":all:", "-d", downloads, *CORPORA[name]], check=True)
    os.makedirs(target)
    for archive in glob.glob(os.path.join(downloads, "*.tar.gz")):
        with tarfile.open(archive) as tar:
            members = [m for m in tar.getmembers() if m.name.endswith(".py") and m.isfile()]
            if name == "transformers":  # the corpus: the package source only
                members = [m for m in members if "/src/" in m.name]
            tar.extractall(target, members=members)
    shutil.rmtree(downloads)
    return target


def corpus_size(path: str) -> Tuple[int, float]:
    files = [f for f in glob.glob(os.path.join(path, "**", "*.py"), recursive=True)]
    return len(files), sum(os.path.getsize(f) for f in files) / 1e6


def report(title: str, results: Dict[str, float], baseline: str, extra: str = "") -> None:
    print(f"\n{title}{extra}")
    for name, seconds in results.items():
        ratio = seconds / results[baseline]
        print(f"  {name:<34} {seconds:>8.3f} s   {ratio:>6.2f}x {baseline}")


def full(runs: int, sections=frozenset("12345")) -> None:
    bins = prepare_venvs(("flake8", "tf-lint") + (("torchfix",) if "1" in sections else ()))
    flake8 = os.path.join(bins["flake8"], "flake8")
    torchfix = os.path.join(bins["torchfix"], "flake8") if "torchfix" in bins else ""
    tflint, ruff = os.path.join(bins["tf-lint"], "tf-lint"), os.path.join(bins["tf-lint"], "ruff")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")

    if sections & set("145"):
        corpus = prepare_corpus("trl+peft")
        n, mb = corpus_size(corpus)
    if "1" in sections:
        _throughput(runs, corpus, n, mb, flake8, torchfix, tflint, ruff)
    if "2" in sections:
        _startup(runs, flake8, tflint)
    if "3" in sections:
        _scale(runs, flake8, tflint)
    if "4" in sections:
        _cache(runs, corpus, tflint, ruff)
    if "5" in sections:
        _fix_path(runs, corpus, tflint)


def _throughput(runs, corpus, n, mb, flake8, torchfix, tflint, ruff) -> None:
    results = median_times({
        "tf-lint (1 process, no cache)": [tflint, "-q", "--exit-zero", "--no-cache", "-j1", "."],
        "flake8 pyflakes only (-j1)": [flake8, "--isolated", "--select", "F", "-j1", "."],
        "ruff (no cache)": [ruff, "check", "--isolated", "--no-cache", "--select", "F", "--exit-zero", "."],
    }, runs, corpus)
    # TorchFix takes minutes per run on this corpus: once, between two tf-lint runs.
    results.update(median_times({
        "TorchFix via flake8 (-j1)": [torchfix, "--isolated", "--select", "TOR", "-j1", "."]}, 1, corpus))
    report("1. Throughput", results, "flake8 pyflakes only (-j1)", f" on trl+peft: {n} files, {mb:.1f} MB")
    for name, seconds in results.items():
        print(f"  {name:<34} {mb / seconds:>8.3f} MB/s")


def _startup(runs, flake8, tflint) -> None:
    """The whole process on what pre-commit hands over: one 25-line file with one finding, and the 6
    files of examples/. ``runs * 3`` runs of each, in alternation; the ratio is the issue's target
    (at most 1.0x ``flake8 --select F``)."""
    small = os.path.join(WORK, "small.py")
    shutil.copy(os.path.join(ROOT, "examples", "batch_embeddings.py"), small)  # 25 lines, one TFL101
    examples = os.path.join(ROOT, "examples")
    results = median_times({
        "tf-lint, one small file": [tflint, "-q", "--exit-zero", "--no-cache", small],
        "flake8 pyflakes only, one file": [flake8, "--isolated", "--select", "F", small],
        "tf-lint, examples/": [tflint, "-q", "--exit-zero", "--no-cache", examples],
        "flake8 pyflakes only, examples/": [flake8, "--isolated", "--select", "F", examples],
    }, runs * 3, WORK)
    report("2. Start-up (whole process)", results, "flake8 pyflakes only, one file")
    one = results["tf-lint, one small file"] / results["flake8 pyflakes only, one file"]
    many = results["tf-lint, examples/"] / results["flake8 pyflakes only, examples/"]
    print(f"  start-up ratio, tf-lint / flake8 --select F: one file {one:.2f}x, examples/ {many:.2f}x "
          f"(medians of {runs * 3} alternating runs; target: at most 1.00x)")


def _scale(runs, flake8, tflint) -> None:
    big = prepare_corpus("transformers")
    n, mb = corpus_size(big)
    results = median_times({
        "tf-lint -j2 (no cache)": [tflint, "-q", "--exit-zero", "--no-cache", "-j2", "."],
        "flake8 pyflakes only -j2": [flake8, "--isolated", "--select", "F", "-j2", "."],
    }, max(1, runs // 2), big)
    report("3. Scale", results, "flake8 pyflakes only -j2", f" on transformers src: {n} files, {mb:.1f} MB")
    peak = _peak_rss([tflint, "-q", "--exit-zero", "--no-cache", "-j2", "."], big)
    print(f"  peak memory of one tf-lint process: {peak / 1024:.0f} MiB")


def _cache(runs, corpus, tflint, ruff) -> None:
    cache_dir = os.path.join(WORK, "tf-cache")

    def cold(name):
        if name.startswith("tf-lint cold"):
            shutil.rmtree(cache_dir, ignore_errors=True)
    run([tflint, "-q", "--exit-zero", "--cache-dir", cache_dir, "."], corpus)
    run([ruff, "check", "--isolated", "--select", "F", "--exit-zero", "."], corpus)
    results = median_times({
        "tf-lint cold cache": [tflint, "-q", "--exit-zero", "--cache-dir", cache_dir, "."],
        "tf-lint warm cache": [tflint, "-q", "--exit-zero", "--cache-dir", cache_dir, "."],
        "ruff warm cache": [ruff, "check", "--isolated", "--select", "F", "--exit-zero", "."],
    }, runs, corpus, before=cold)
    report("4. Cache (trl+peft)", results, "tf-lint warm cache")


def _fix_path(runs, corpus, tflint) -> None:
    fix_tree = os.path.join(WORK, "fix-tree")
    results = {}
    for label, extra in (("check only", []), ("--fix, 5% of files fixable", ["--fix"])):
        samples = []
        for _ in range(runs):
            _make_fix_tree(corpus, fix_tree)
            samples.append(run([tflint, "-q", "--exit-zero", "--no-cache", "-j1", *extra, "."], fix_tree)[0])
        results[label] = statistics.median(samples)
    report("5. Fix path", results, "check only")


def _peak_rss(cmd: Sequence[str], cwd: str) -> int:
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    return int(proc.stderr.strip().splitlines()[-1])


_FIXABLE = '''
from transformers import TFAutoModel

model = TFAutoModel.from_pretrained("google-bert/bert-base-cased")
model.save("exported")
'''


def _make_fix_tree(corpus: str, target: str) -> None:
    """A copy of the corpus where 5% of the files end with a fixable TFL201 finding."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(corpus, target)
    with open(os.path.join(target, "pyproject.toml"), "w") as f:
        f.write('[tool.tf-lint]\ntarget-transformers-version = "4.57.6"\n')
    files = sorted(glob.glob(os.path.join(target, "**", "*.py"), recursive=True))
    for path in files[:: 20]:
        with open(path, "a") as f:
            f.write(_FIXABLE)


def smoke() -> None:
    """A few files, the tools of this environment, one run each: does the benchmark still work?"""
    files = sorted(glob.glob(os.path.join(ROOT, "examples", "*.py")))[:3]
    results = median_times({
        "tf-lint": [sys.executable, "-m", "tf_lint", "-q", "--exit-zero", "--no-cache", *files],
        "flake8 pyflakes only": [sys.executable, "-m", "flake8", "--isolated", "--select", "F", *files],
    }, 1, ROOT)
    report("smoke", results, "flake8 pyflakes only")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--sections", default="12345",
                        help="which measurements: 1 throughput, 2 start-up, 3 scale, 4 cache, 5 fix path")
    opts = parser.parse_args()
    smoke() if opts.smoke else full(opts.runs, frozenset(opts.sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
