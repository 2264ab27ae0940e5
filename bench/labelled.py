"""Recall and precision of tf-lint's semantic rules on the labelled sets of real snippets (issues 15, 25).

Three sets, scored separately: the curated set under ``tests/labelled/<family>/`` (files chosen for
their shapes, issue 15), the random set under ``tests/labelled_random/<family>/`` (the hits of the
code index's ``find_string`` for each family's entry points, taken in the index's order and labelled
blind, issue 25) and the reported-bug set under ``tests/labelled_reported/<family>/`` (the programs of
GitHub issue threads found by the bug's run-time symptom, labelled blind, issue 25; each snippet also
says its ``# thread:``, and its provenance may be that thread's code block). Each file is an excerpt
of a real public file with a header (provenance, label, note; optionally ``# target: X.Y`` and
``# device-memory: SIZE``; in the random and reported sets also ``# query:`` and ``# rank:``, the
query and the hit's 1-based position in its answer) and a
``# expect: CODE`` comment on each line where tf-lint must report. For every file, tf-lint runs with
the file's target version (5.24 by default) and device memory (the default when absent), and its
findings of the family's codes are compared with the expectations:

- TP: an expected (cell, line, code) that tf-lint reports;
- FN: an expected one that it does not report;
- FP: a reported finding of the family's codes that is not expected.

Usage::

    python bench/labelled.py                      # every family, the table and the misses
    python bench/labelled.py --family padding     # one family
    python bench/labelled.py --set random         # the random set (default: curated)
    python bench/labelled.py --set reported       # the reported-bug set
    python bench/labelled.py --verbose            # also every finding, expected or not

Exit status 2 when a snippet is malformed (a header missing, a label that contradicts its expects).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELLED = os.path.join(ROOT, "tests", "labelled")
LABELLED_RANDOM = os.path.join(ROOT, "tests", "labelled_random")
LABELLED_REPORTED = os.path.join(ROOT, "tests", "labelled_reported")
SETS = ("curated", "random", "reported")
sys.path.insert(0, os.path.join(ROOT, "tests"))  # fixture_files: the one parser of `# expect:` comments

from fixture_files import expected_in_file  # noqa: E402

DEFAULT_TARGET = "5.24"
FAMILIES: Dict[str, Tuple[str, ...]] = {
    "padding": ("TFL101", "TFL102", "TFL103", "TFL104"),
    "tf_save": ("TFL201", "TFL202"),
    "task_checkpoint": ("TFL301", "TFL302", "TFL303", "TFL304"),
    "memory": ("TFL401", "TFL402"),
    "env": ("TFL601", "TFL602"),
    "added_tokens": ("TFL701",),
    "num_labels": ("TFL702",),
}
FORMATS = (".py", ".ipynb", ".md")
_HEADER = re.compile(r"^\s*#\s*(?P<key>provenance|label|note|target|device-memory|query|rank|thread):"
                     r"\s*(?P<value>.*?)\s*$")
# "owner/repo path commit-or-index-id [lines A-B]"; or the index id alone where the search index does not
# name the file's repository (its find_string answers give none): read_file(id=N) fetches the same text.
_PROVENANCE = re.compile(r"^(?:[\w.-]+/[\w.-]+ \S+ (?:[0-9a-f]{40}|search index id \d+)|search index id \d+)"
                         r"(?: lines \d+-\d+| \[[^\]]*\])?$")  # an optional note in brackets: lines, excerpt
# The reported-bug set: a code block of an issue or pull-request thread, named by the thread's address.
_THREAD = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+/(?:issues|pull)/\d+$")
_THREAD_PROVENANCE = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+/(?:issues|pull)/\d+ \[[^\]]+\]$")

Finding = Tuple[Optional[int], int, str]  # (cell, row, code) as the engine holds them (cell 0-based)


def folder_of(set_name: str) -> str:
    """The folder of a set (read at call time, so that tests can point a set elsewhere)."""
    if set_name not in SETS:
        raise ValueError(f"unknown set {set_name!r}; one of {', '.join(SETS)}")
    return {"curated": LABELLED, "random": LABELLED_RANDOM, "reported": LABELLED_REPORTED}[set_name]


@dataclass
class Snippet:
    path: str  # relative to the set's folder (tests/labelled or tests/labelled_random)
    family: str
    header: Dict[str, str]
    expected: Set[Finding]
    problems: List[str] = field(default_factory=list)
    set_name: str = "curated"

    @property
    def label(self) -> str:
        return self.header.get("label", "")


@dataclass
class Scored:
    snippet: Snippet
    found: Set[Finding]  # the family's codes only
    all_found: List[Tuple[Optional[int], int, str, str]]  # every finding, with its message

    @property
    def tp(self) -> Set[Finding]:
        return self.snippet.expected & self.found

    @property
    def fn(self) -> Set[Finding]:
        return self.snippet.expected - self.found

    @property
    def fp(self) -> Set[Finding]:
        return self.found - self.snippet.expected


@dataclass
class Totals:
    positives: int = 0  # snippets labelled positive
    negatives: int = 0
    tp: int = 0  # counted per expected finding
    fn: int = 0
    fp: int = 0

    def add(self, scored: Scored) -> None:
        if scored.snippet.label == "positive":
            self.positives += 1
        else:
            self.negatives += 1
        self.tp += len(scored.tp)
        self.fn += len(scored.fn)
        self.fp += len(scored.fp)

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None


def header_lines(path: str) -> List[str]:
    """The lines that may carry the header: a notebook's first cell, else the file's first 15 lines
    (a Markdown file keeps its header in an HTML comment)."""
    with open(path, encoding="utf-8") as f:
        if path.endswith(".ipynb"):
            cells = json.load(f).get("cells", [])
            source = cells[0].get("source", "") if cells else ""
            text = "".join(source) if isinstance(source, list) else source
        else:
            text = f.read()
    return text.splitlines()[:15]


def read_snippet(family: str, path: str, set_name: str = "curated") -> Snippet:
    header: Dict[str, str] = {}
    for line in header_lines(path):
        match = _HEADER.match(line)
        if match and match.group("key") not in header:
            header[match.group("key")] = match.group("value")
    rel = os.path.relpath(path, folder_of(set_name))
    problems = []
    try:
        expected = expected_in_file(path)
    except Exception as exc:  # a file tokenize cannot read
        expected, problems = set(), [f"cannot read its expectations: {exc}"]
    problems += validate(header, expected, FAMILIES[family], sampled=set_name in ("random", "reported"),
                         reported=set_name == "reported")
    return Snippet(rel, family, header, expected, problems, set_name)


def validate(header: Dict[str, str], expected: Set[Finding], codes: Tuple[str, ...],
             sampled: bool = False, reported: bool = False) -> List[str]:
    """The header's problems; ``sampled``: a random- or reported-set snippet, which must also say the
    query that returned it and its rank in that answer; ``reported``: a reported-set snippet, which must
    also say its thread, and whose provenance may be a code block of that thread."""
    problems = []
    required = (("provenance", "label", "note") + (("query", "rank") if sampled else ())
                + (("thread",) if reported else ()))
    for key in required:
        if not header.get(key):
            problems.append(f"no `# {key}:` header")
    if sampled and header.get("rank") and not re.match(r"^[1-9]\d*$", header["rank"]):
        problems.append(f"rank {header['rank']!r} is not a 1-based position")
    if reported and header.get("thread") and not _THREAD.match(header["thread"]):
        problems.append(f"thread {header['thread']!r} is not `https://github.com/owner/repo/issues|pull/N`")
    provenance = header.get("provenance", "")
    in_thread = reported and bool(_THREAD_PROVENANCE.match(provenance))
    if in_thread and provenance.split(" [")[0] != header.get("thread"):
        problems.append("provenance names a thread other than the snippet's `# thread:`")
    if provenance and not in_thread and not _PROVENANCE.match(provenance):
        problems.append(f"provenance {provenance!r} is not `owner/repo path <40-hex commit | search index id N>"
                        " [lines A-B]` nor `search index id N [lines A-B]`")
    label = header.get("label")
    if label and label not in ("positive", "negative"):
        problems.append(f"label {label!r} is neither positive nor negative")
    if label == "positive" and not expected:
        problems.append("a positive with no `# expect:` comment")
    if label == "negative" and expected:
        problems.append("a negative with `# expect:` comments")
    foreign = sorted({code for _, _, code in expected if code not in codes})
    if foreign:
        problems.append(f"expects {', '.join(foreign)}, outside the family's codes {', '.join(codes)}")
    if "target" in header and not re.match(r"^\d+\.\d+(\.\d+)?$", header["target"]):
        problems.append(f"target {header['target']!r} is not a version like 4.57")
    if "device-memory" in header:
        from tf_lint.config import ConfigError, parse_memory

        try:
            parse_memory("header", "device-memory", header["device-memory"])
        except ConfigError as exc:
            problems.append(str(exc))
    return problems


def snippets(families: Optional[List[str]] = None, set_name: str = "curated") -> List[Snippet]:
    found = []
    for family in families or sorted(FAMILIES):
        folder = os.path.join(folder_of(set_name), family)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(FORMATS):
                found.append(read_snippet(family, os.path.join(folder, name), set_name))
    return found


def lint(snippet: Snippet) -> Scored:
    from tf_lint.config import Settings, parse_memory, parse_version
    from tf_lint.engine import Linter
    from tf_lint.sources import read_source

    root = folder_of(snippet.set_name)
    path = os.path.join(root, snippet.path)
    options = {"target_transformers_version": parse_version("header", "target",
                                                            snippet.header.get("target", DEFAULT_TARGET))}
    if "device-memory" in snippet.header:
        options["device_memory_gib"] = parse_memory("header", "device-memory", snippet.header["device-memory"])
    settings = Settings(root=root, **options)
    with open(path, "rb") as f:
        result = Linter(settings).process_source(read_source(path, f.read()))
    codes = FAMILIES[snippet.family]
    every = [(d.cell, d.start.row, d.code, d.message) for d in result.diagnostics]
    return Scored(snippet, {(cell, row, code) for cell, row, code, _ in every if code in codes}, every)


def where(snippet: Snippet, finding: Finding) -> str:
    cell, row, code = finding
    place = f"cell {cell + 1}:{row}" if cell is not None else str(row)  # cells are 0-based inside
    return f"{display(snippet)}:{place} {code}"


def display(snippet: Snippet) -> str:
    return os.path.relpath(os.path.join(folder_of(snippet.set_name), snippet.path), ROOT)


def score(families: Optional[List[str]] = None, set_name: str = "curated") -> Tuple[List[Scored], Dict[str, Totals]]:
    """Lint every valid snippet of a set; totals per family and under "overall"."""
    results = [lint(s) for s in snippets(families, set_name) if not s.problems]
    totals: Dict[str, Totals] = {}
    for scored in results:
        totals.setdefault(scored.snippet.family, Totals()).add(scored)
        totals.setdefault("overall", Totals()).add(scored)
    return results, totals


def _ratio(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(totals: Dict[str, Totals]) -> str:
    rows = ["| family | positives | negatives | TP | FN | FP | recall | precision |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name in [f for f in sorted(totals) if f != "overall"] + ["overall"]:
        t = totals.get(name)
        if t is not None:
            rows.append(f"| {name} | {t.positives} | {t.negatives} | {t.tp} | {t.fn} | {t.fp} | "
                        f"{_ratio(t.recall)} | {_ratio(t.precision)} |")
    return "\n".join(rows)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES),
                        help="score only this family (repeatable)")
    parser.add_argument("--set", dest="set_name", choices=SETS, default="curated",
                        help="the curated set (tests/labelled, default), the random sample (tests/labelled_random) "
                             "or the reported-bug set (tests/labelled_reported)")
    parser.add_argument("--verbose", action="store_true", help="print every finding of every snippet")
    opts = parser.parse_args(argv)

    malformed = [s for s in snippets(opts.family, opts.set_name) if s.problems]
    for s in malformed:
        for problem in s.problems:
            print(f"malformed: {display(s)}: {problem}")
    results, totals = score(opts.family, opts.set_name)
    print(table(totals))
    misses = [(r.snippet, f) for r in results for f in sorted(r.fn, key=str)]
    alarms = [(r, f) for r in results for f in sorted(r.fp, key=str)]
    print(f"\nmisses ({len(misses)}):")
    for snippet, finding in misses:
        print(f"  {where(snippet, finding)}  [{snippet.header.get('note', '')}]")
    print(f"\nfalse alarms ({len(alarms)}):")
    for scored, finding in alarms:
        message = next((m for c, r, k, m in scored.all_found if (c, r, k) == finding), "")
        print(f"  {where(scored.snippet, finding)}  {message}")
    if opts.verbose:
        print("\nall findings:")
        for scored in results:
            for cell, row, code, message in scored.all_found:
                mark = "expected" if (cell, row, code) in scored.snippet.expected else (
                    "FP" if code in FAMILIES[scored.snippet.family] else "other family")
                print(f"  {where(scored.snippet, (cell, row, code))} [{mark}] {message}")
    return 2 if malformed else 0


if __name__ == "__main__":
    sys.exit(main())
