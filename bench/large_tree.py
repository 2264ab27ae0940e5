"""tf-lint on a large tree against the ``ast.parse`` floor of the same files, in one run.

    python bench/large_tree.py                       # transformers' installed sources + the synthetic case
    python bench/large_tree.py --runs 3 --checkout ../other-worktree   # also time another checkout
    python bench/large_tree.py --profile 150         # and cProfile tf-lint on 150 modeling_*.py files

Two trees:
- **transformers**: every ``.py`` file of the installed transformers package (located with
  ``importlib.util.find_spec``, never imported), or ``--tree PATH``;
- **synthetic**: the server benchmark's worst case (``bench/server_latency.py``: 1,000 lines of the
  bundled examples, where nearly every line is something the rules look at), written ``--copies``
  times into a temporary folder, so that it weighs as much as a small project.

For each tree, in alternation, ``--runs`` times: the floor (every file read into memory first, then
``ast.parse`` of all of them in this process, one after the other) and tf-lint (one process:
``python -m tf_lint --no-cache -j1 --exit-zero`` on the same files, named on the command line: site-packages
is excluded from directory walks). Both are reported in wall seconds and in CPU seconds (user +
system; tf-lint's from the child's resource usage), and the ratio tf-lint / floor of the medians. On a
shared machine the CPU ratio is the one to read: wall time counts the other jobs too.

It is a benchmark, not a test: compare ratios taken in one run, never assert them.
"""

from __future__ import annotations

import argparse
import ast
import glob
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from typing import Dict, List, Sequence, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))


def installed_transformers() -> str:
    spec = importlib.util.find_spec("transformers")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("transformers is not installed here: give --tree PATH")
    return list(spec.submodule_search_locations)[0]


def python_files(tree: str) -> List[str]:
    return sorted(f for f in glob.glob(os.path.join(tree, "**", "*.py"), recursive=True)
                  if "__pycache__" not in f)


def synthetic_tree(folder: str, copies: int) -> List[str]:
    from server_latency import synthetic

    text = synthetic()
    paths = []
    for i in range(copies):
        path = os.path.join(folder, f"synthetic_{i:04d}.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(path)
    return paths


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def parse_floor(texts: Sequence[Tuple[str, str]]) -> Tuple[float, float]:
    """Wall and CPU seconds to ``ast.parse`` every text (already in memory), one after the other."""
    wall, cpu = time.perf_counter(), _cpu()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path, text in texts:
            try:
                ast.parse(text, filename=path)
            except (SyntaxError, ValueError):
                pass
    return time.perf_counter() - wall, _cpu() - cpu


def lint_once(checkout: str, paths: Sequence[str]) -> Tuple[float, float]:
    """Wall and CPU seconds of one tf-lint process (from ``checkout``) on ``paths``."""
    env = dict(os.environ, PYTHONPATH=checkout)
    cmd = [sys.executable, "-m", "tf_lint", "--no-cache", "-j", "1", "--exit-zero", "--format", "concise",
           *paths]
    wall, cpu = time.perf_counter(), _child_cpu()
    # From an empty folder: no configuration file of this repository or of the tree applies.
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall, cpu = time.perf_counter() - wall, _child_cpu() - cpu
    if proc.returncode != 0:
        raise SystemExit(f"tf-lint failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return wall, cpu


def read_texts(paths: Sequence[str]) -> List[Tuple[str, str]]:
    texts = []
    for path in paths:
        with open(path, "rb") as f:
            texts.append((path, f.read().decode("utf-8", "replace")))
    return texts


def measure(name: str, paths: Sequence[str], checkouts: Sequence[str], runs: int) -> None:
    texts = read_texts(paths)
    megabytes = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6
    print(f"\n{name}: {len(paths)} files, {megabytes:.1f} MB; {runs} runs in alternation, medians")
    floors: List[Tuple[float, float]] = []
    lints: Dict[str, List[Tuple[float, float]]] = {c: [] for c in checkouts}
    for _ in range(runs):
        floors.append(parse_floor(texts))
        for checkout in checkouts:
            lints[checkout].append(lint_once(checkout, paths))
    floor_wall = statistics.median(w for w, _ in floors)
    floor_cpu = statistics.median(c for _, c in floors)
    print(f"  {'ast.parse floor':<34} wall {floor_wall:8.2f} s   cpu {floor_cpu:8.2f} s")
    for checkout, timings in lints.items():
        wall = statistics.median(w for w, _ in timings)
        cpu = statistics.median(c for _, c in timings)
        label = "tf-lint" if checkout == ROOT else f"tf-lint ({checkout})"
        print(f"  {label:<34} wall {wall:8.2f} s   cpu {cpu:8.2f} s   "
              f"ratio wall {wall / floor_wall:5.2f}x   cpu {cpu / floor_cpu:5.2f}x   "
              f"(per run, cpu: {', '.join(f'{c / f:.2f}x' for (_, c), (_, f) in zip(timings, floors))})")


def profile(tree: str, count: int, top: int) -> None:
    """cProfile of tf-lint in this process on ``count`` of the tree's ``modeling_*.py`` files (spread
    over the alphabet), knowledge loaded before: the entries with the most time of their own."""
    import cProfile
    import pstats

    sys.path.insert(0, ROOT)
    from tf_lint.config import Settings
    from tf_lint.engine import Linter

    files = sorted(glob.glob(os.path.join(tree, "models", "*", "modeling_*.py")))
    files = files[:: max(1, len(files) // count)][:count]
    linter = Linter(Settings())
    linter.process_file(files[0])
    prof = cProfile.Profile()
    prof.enable()
    for path in files:
        linter.process_file(path)
    prof.disable()
    print(f"\ncProfile of {len(files)} modeling_*.py files (one process), by own time:")
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", help="a source tree instead of the installed transformers")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=100, help="copies of the synthetic 1,000-line file")
    parser.add_argument("--checkout", action="append", default=[],
                        help="another tf-lint checkout to time in the same run (repeatable)")
    parser.add_argument("--only", choices=("transformers", "synthetic"))
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also cProfile tf-lint on N modeling_*.py files of the tree")
    parser.add_argument("--top", type=int, default=20)
    opts = parser.parse_args()
    checkouts = [ROOT] + [os.path.abspath(c) for c in opts.checkout]
    tree = opts.tree or installed_transformers()
    if opts.only != "synthetic":
        measure(f"transformers ({tree})", python_files(tree), checkouts, opts.runs)
    if opts.only != "transformers":
        with tempfile.TemporaryDirectory() as folder:
            measure("synthetic worst case (bench/server_latency.py's 1,000 lines)",
                    synthetic_tree(folder, opts.copies), checkouts, opts.runs)
    if opts.profile:
        profile(tree, opts.profile, opts.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
