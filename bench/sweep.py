"""Corpus sweep: ``tf-lint --fix --unsafe-fixes`` on a copy of a large real codebase, then checks.

For issue 9 ("never crash, never lose a line"). On a temporary copy of the source tree:

1. a check run (JSON) counts the findings per rule before fixing;
2. the fix run (``--fix --unsafe-fixes --no-cache``), timed;
3. every changed file must still compile (``py_compile``; notebooks: every code cell parses; Markdown:
   no more code blocks fail to parse than before);
4. a second fix run with ``--diff`` must find nothing new to fix;
5. crashes: ``TFL002`` findings and tracebacks on stderr (target 0).

Usage::

    python bench/sweep.py                                    # transformers 5.24.0 sdist's src/
    python bench/sweep.py --source path/to/tree --jobs 4 --report sweep.json
    python bench/sweep.py --keep                             # keep the fixed copy to read the diffs
    python bench/sweep.py --source /tmp/corpus/trl-1.16.0 --source /tmp/corpus/hf --extend-include '*.md'

Default source: ``/tmp/corpus/transformers-5.24.0/src``; get it with
``pip download --no-deps --no-binary :all: transformers==5.24.0`` and extract the archive there.
Too slow for CI (minutes); its figures go in the issue note.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import time

DEFAULT_SOURCE = "/tmp/corpus/transformers-5.24.0/src"
FINDING = re.compile(r"^(?P<path>.+?):(?:cell \d+:)?\d+:\d+: (?P<code>TFL\d{3}) ")
SUMMARY = re.compile(r"Found (?P<found>\d+) errors? \((?P<fixed>\d+) fixed, (?P<left>\d+) remaining\)"
                     r"|Fixed (?P<only_fixed>\d+) errors?")


def tf_lint(args, cwd, extra_env=None):
    env = dict(os.environ, **(extra_env or {}))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tf_lint", *args], cwd=cwd, capture_output=True, text=True,
                          env=env)
    return proc, time.perf_counter() - start


def digests(root):
    out = {}
    for directory, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(directory, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, root)] = hashlib.sha256(f.read()).hexdigest()
    return out


def unparsable_blocks(path):
    """How many Python documents (Markdown code blocks) of ``path`` do not parse."""
    import ast
    import warnings

    from tf_lint.sources import SourceError, read_source

    with open(path, "rb") as f:
        try:
            documents = read_source(path, f.read()).documents
        except SourceError:
            return 1
    failing = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for document in documents:
            try:
                ast.parse(document.text)
            except (SyntaxError, ValueError):
                failing += 1
    return failing


def compiles(path, original):
    """None if the fixed file compiles (or parses no worse than ``original`` did), else why not."""
    if path.endswith((".md", ".mdx", ".ipynb")):  # code blocks and cells, magics masked as tf-lint reads them
        before, after = unparsable_blocks(original), unparsable_blocks(path)
        return None if after <= before else f"{after - before} more code blocks or cells do not parse"
    if not path.endswith((".py", ".pyi")):
        return None

    def error(file):
        with tempfile.NamedTemporaryFile(suffix=".pyc") as cfile:
            try:
                py_compile.compile(file, cfile=cfile.name, doraise=True)
            except py_compile.PyCompileError as exc:
                return str(exc)
        return None

    new_error = error(path)
    return new_error if new_error and not error(original) else None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", action="append", help=f"a tree to sweep (repeatable; default {DEFAULT_SOURCE})")
    parser.add_argument("--extend-include", help="also lint these files, e.g. '*.md,*.mdx'")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--target-transformers-version", default=None)
    parser.add_argument("--report", help="write the figures as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the fixed copy")
    opts = parser.parse_args(argv)
    sources = opts.source or [DEFAULT_SOURCE]
    for source in sources:
        if not os.path.isdir(source):
            parser.error(f"{source} does not exist: see this script's docstring")

    work = tempfile.mkdtemp(prefix="tf-lint-sweep-")
    tree = os.path.join(work, "src")
    if len(sources) == 1:
        shutil.copytree(sources[0], tree, symlinks=True)
    else:
        for source in sources:
            shutil.copytree(source, os.path.join(tree, os.path.basename(source.rstrip("/"))), symlinks=True)
    common = ["--no-cache"]
    if opts.extend_include:
        common += ["--extend-include", opts.extend_include]
    if opts.jobs:
        common += ["--jobs", str(opts.jobs)]
    if opts.target_transformers_version:
        common += ["--target-transformers-version", opts.target_transformers_version]
    env = {"TF_LINT_CACHE_DIR": os.path.join(work, "user-cache")}  # knowledge parsed afresh, not timed below
    with open(os.path.join(work, "warm.py"), "w") as f:
        f.write("import transformers\n")
    tf_lint([*common, "warm.py"], work, env)  # parse the knowledge into the cache: not timed below

    original = os.path.join(work, "original")
    shutil.copytree(tree, original, symlinks=True)
    before = digests(tree)
    suffixes = (".py", ".pyi", ".ipynb") + ((".md", ".mdx") if opts.extend_include else ())
    files = sum(1 for name in before if name.endswith(suffixes))

    check, check_s = tf_lint(["--format", "json", *common, "src"], work, env)
    found = json.loads(check.stdout or "[]")
    before_codes = collections.Counter(d["code"] for d in found)
    fixable_codes = collections.Counter(d["code"] for d in found if d.get("fix"))

    fix, fix_s = tf_lint(["--fix", "--unsafe-fixes", *common, "src"], work, env)
    after = digests(tree)
    changed = sorted(name for name in before if after.get(name) != before[name])
    remaining = collections.Counter(m.group("code") for m in map(FINDING.match, fix.stdout.splitlines()) if m)
    summary = SUMMARY.search(fix.stdout)
    fixed = int(summary.group("fixed") or summary.group("only_fixed")) if summary else 0
    failures = {name: error for name in changed
                for error in [compiles(os.path.join(tree, name), os.path.join(original, name))] if error}
    new_files = sorted(set(after) - set(before))

    rerun, rerun_s = tf_lint(["--fix", "--unsafe-fixes", "--diff", *common, "src"], work, env)

    crashes = [f"{d['filename']}:{d['location']['row']}: {d['message']}" for d in found if d["code"] == "TFL002"]
    crashes += [line for line in fix.stdout.splitlines() if " TFL002 " in line]
    tracebacks = sum(out.count("Traceback") for out in (check.stderr, fix.stderr, rerun.stderr))
    report = {
        "sources": sources,
        "files": files,
        "check_wall_s": round(check_s, 1),
        "fix_wall_s": round(fix_s, 1),
        "findings_before": dict(sorted(before_codes.items())),
        "fixable_before": dict(sorted(fixable_codes.items())),
        "fixes_applied": fixed,
        "files_changed": len(changed),
        "remaining_after_fix": dict(sorted(remaining.items())),
        "crashes_TFL002": len(crashes),  # check run and fix run together
        "crash_lines": crashes[:20],
        "tracebacks": tracebacks,
        "compile_failures": failures,
        "new_files": new_files,
        "rerun_exit": rerun.returncode,
        "rerun_would_fix": rerun.stderr.strip().splitlines()[-1:] if rerun.stderr.strip() else [],
        "rerun_diff_lines": len(rerun.stdout.splitlines()),
        "rerun_wall_s": round(rerun_s, 1),
        "exit_codes": {"check": check.returncode, "fix": fix.returncode, "rerun": rerun.returncode},
        "changed": changed,
        "work": work if opts.keep else None,
    }
    text = json.dumps(report, indent=2)
    if opts.report:
        with open(opts.report, "w") as f:
            f.write(text + "\n")
    print(text)
    if fix.stderr.strip():
        print("--- fix run stderr (last 40 lines) ---\n" + "\n".join(fix.stderr.splitlines()[-40:]))
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)
    ok = not failures and not crashes and not tracebacks and rerun.returncode == 0 and not new_files
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
