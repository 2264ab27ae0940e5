"""Rule documentation rendered from the registry: docs/rules/<CODE>.md and the README's rule table.

``python -m tf_lint.docs`` rewrites both; a test keeps them equal to the registry.
"""

from __future__ import annotations

import os
import re
import sys
from typing import List

from tf_lint.registry import Rule, all_rules

TABLE_START = "<!-- rules-table:start -->"
TABLE_END = "<!-- rules-table:end -->"
_FIX = {"always": "Fix is always available.", "sometimes": "Fix is sometimes available.",
        "none": "Fix is not available."}


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


def write_all(root: str) -> None:
    folder = os.path.join(root, "docs", "rules")
    os.makedirs(folder, exist_ok=True)
    for rule in all_rules():
        with open(os.path.join(folder, f"{rule.code}.md"), "w", encoding="utf-8") as f:
            f.write(rule_markdown(rule))
    readme = os.path.join(root, "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    with open(readme, "w", encoding="utf-8") as f:
        f.write(replace_table(text))


if __name__ == "__main__":
    write_all(sys.argv[1] if len(sys.argv) > 1 else os.getcwd())
