"""Rule documentation rendered from the registry: docs/rules/<CODE>.md and the README's rule table.

    python -m tf_lint.docs [ROOT]            # rewrite both (ROOT: the repository, default: the current directory)
    python -m tf_lint.docs --check [ROOT]    # write nothing; exit 1 listing what is out of date, 0 when current

A test keeps both equal to the registry.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Dict, List, Optional, Sequence

from tf_lint.registry import Rule, all_rules

TABLE_START = "<!-- rules-table:start -->"
TABLE_END = "<!-- rules-table:end -->"
_FIX = {"always": "Fix is always available.", "sometimes": "Fix is sometimes available.",
        "none": "Fix is not available."}
_PAGE_RE = re.compile(r"^TFL\d{3}\.md$")


def rule_markdown(rule: type[Rule]) -> str:
    return (f"# {rule.name} ({rule.code})\n\n{rule.summary}\n\n{_FIX[rule.fix_availability]}\n\n"
            f"{rule.documentation()}\n")


def rules_table() -> str:
    lines: List[str] = ["| Code | Name | What it finds | Fix |", "| --- | --- | --- | --- |"]
    for rule in all_rules():
        fix = {"always": "yes", "sometimes": "sometimes", "none": ""}[rule.fix_availability]
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| [{rule.code}](docs/rules/{rule.code}.md) | `{rule.name}` | {summary} | {fix} |")
    return "\n".join(lines)


def replace_table(readme: str) -> str:
    pattern = re.compile(re.escape(TABLE_START) + r".*?" + re.escape(TABLE_END), re.S)
    return pattern.sub(lambda _: f"{TABLE_START}\n{rules_table()}\n{TABLE_END}", readme)


def expected_files(root: str) -> Dict[str, Optional[str]]:
    """Every generated file under ``root`` and the content it must have (``None``: a page of a rule
    that no longer exists, to be removed)."""
    folder = os.path.join(root, "docs", "rules")
    wanted: Dict[str, Optional[str]] = {os.path.join(folder, f"{rule.code}.md"): rule_markdown(rule)
                                        for rule in all_rules()}
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            path = os.path.join(folder, name)
            if _PAGE_RE.match(name) and path not in wanted:
                wanted[path] = None
    readme = os.path.join(root, "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    if TABLE_START not in text or TABLE_END not in text:
        raise ValueError(f"{readme}: no {TABLE_START} ... {TABLE_END} markers for the rule table")
    wanted[readme] = replace_table(text)
    return wanted


def out_of_date(root: str) -> List[str]:
    """The generated files under ``root`` whose content differs from the registry's, sorted."""
    stale = []
    for path, content in expected_files(root).items():
        try:
            with open(path, encoding="utf-8", newline="") as f:
                current: Optional[str] = f.read()
        except FileNotFoundError:
            current = None
        if current != content:
            stale.append(path)
    return sorted(stale)


def write_all(root: str) -> List[str]:
    """Bring every generated file under ``root`` up to date; return the paths changed."""
    os.makedirs(os.path.join(root, "docs", "rules"), exist_ok=True)
    expected = expected_files(root)
    changed = out_of_date(root)
    for path in changed:
        content = expected[path]
        if content is None:
            os.remove(path)
        else:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(content)
    return changed


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tf_lint.docs",
                                     description="Render docs/rules/*.md and the README's rule table from the registry.")
    parser.add_argument("root", nargs="?", default=os.getcwd(),
                        help="the repository holding README.md and docs/ (default: the current directory)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and list the files that are out of date, 0 when all are current")
    opts = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(opts.root, "README.md")):
        parser.error(f"{opts.root}: no README.md there (ROOT is the repository)")
    try:
        expected = expected_files(opts.root)
        stale = out_of_date(opts.root) if opts.check else write_all(opts.root)
    except ValueError as exc:
        parser.error(str(exc))
    for path in stale:
        relative = os.path.relpath(path, opts.root)
        if not opts.check:
            print(f"{'removed' if expected[path] is None else 'updated'} {relative}")
        elif expected[path] is None:
            print(f"out of date: {relative} (no such rule: remove it)")
        else:
            print(f"out of date: {relative}" + ("" if os.path.exists(path) else " (missing)"))
    if opts.check and stale:
        print("run `python -m tf_lint.docs` to bring them up to date", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
