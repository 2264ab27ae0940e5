"""Reporting: text (with a code frame on a terminal), concise, JSON (ruff's schema), SARIF 2.1.0,
GitHub annotations, and ``--statistics``."""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Callable, Dict, List, Sequence, TextIO

from tf_lint import __version__
from tf_lint.diagnostics import Applicability, Diagnostic
from tf_lint.registry import get_rule

FORMATS = ("text", "concise", "json", "sarif", "github")


def display_path(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def _location(diag: Diagnostic) -> str:
    path = display_path(diag.path)
    if diag.cell is not None:
        return f"{path}:cell {diag.cell + 1}:{diag.start.row}:{diag.start.column}"
    return f"{path}:{diag.start.row}:{diag.start.column}"


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text


def write_text(diagnostics: Sequence[Diagnostic], out: TextIO, *, color: bool, frames: bool,
               fixable: Callable[[Diagnostic], bool]) -> None:
    style = _Style(color)
    for diag in diagnostics:
        marker = "[*] " if fixable(diag) else ""
        out.write(f"{style(_location(diag), '1')}: {style(diag.code, '1;31')} {style(marker, '36')}"
                  f"{diag.message}\n")
        if frames and diag.source_line:
            number = str(diag.start.row)
            gutter = " " * len(number)
            line = diag.source_line.expandtabs(4)
            prefix = diag.source_line[: diag.start.column - 1].expandtabs(4)
            if diag.end.row == diag.start.row and diag.end.column > diag.start.column:
                width = len(diag.source_line[diag.start.column - 1: diag.end.column - 1].expandtabs(4))
            else:
                width = max(1, len(line) - len(prefix))
            out.write(f"{style(gutter + ' |', '34')}\n")
            out.write(f"{style(number + ' |', '34')} {line}\n")
            out.write(f"{style(gutter + ' |', '34')} {' ' * len(prefix)}{style('^' * max(1, width), '1;31')}\n\n")


def write_json(diagnostics: Sequence[Diagnostic], out: TextIO) -> None:
    out.write(json.dumps([_json_record(d) for d in diagnostics], indent=2) + "\n")


def _json_record(diag: Diagnostic) -> Dict:
    rule = get_rule(diag.code)
    fix = None
    if diag.fix is not None:
        fix = {
            "applicability": diag.fix.applicability.value,
            "message": diag.fix.message,
            "edits": [_json_edit(diag, e) for e in diag.fix.edits],
        }
    return {
        "cell": diag.cell + 1 if diag.cell is not None else None,
        "code": diag.code,
        "end_location": {"row": diag.end.row, "column": diag.end.column},
        "filename": os.path.abspath(diag.path),
        "fix": fix,
        "location": {"row": diag.start.row, "column": diag.start.column},
        "message": diag.message,
        "noqa_row": diag.noqa_row,
        "url": rule.url() if rule else None,
    }


def _json_edit(diag: Diagnostic, edit) -> Dict:
    locate = diag.locate or (lambda pos: (None, pos))
    start, end = locate(edit.start)[1], locate(edit.end)[1]
    return {"content": edit.content, "location": {"row": start.row, "column": start.column},
            "end_location": {"row": end.row, "column": end.column}}


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def write_github(diagnostics: Sequence[Diagnostic], out: TextIO) -> None:
    for diag in diagnostics:
        props = [f"title={_github_escape(f'tf-lint ({diag.code})', True)}",
                 f"file={_github_escape(display_path(diag.path), True)}"]
        if diag.cell is None:  # a notebook's rows are cell rows: point at the file, not a wrong line
            props += [f"line={diag.start.row}", f"col={diag.start.column}",
                      f"endLine={diag.end.row}", f"endColumn={diag.end.column}"]
        where = f"cell {diag.cell + 1}:{diag.start.row}:{diag.start.column}: " if diag.cell is not None else ""
        out.write(f"::error {','.join(props)}::{_github_escape(where + diag.code + ' ' + diag.message)}\n")


def write_sarif(diagnostics: Sequence[Diagnostic], out: TextIO) -> None:
    import pathlib  # both import urllib: only SARIF needs them
    from urllib.parse import quote

    from tf_lint.registry import all_rules

    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for diag in diagnostics:
        region = {"startLine": diag.start.row, "startColumn": diag.start.column,
                  "endLine": diag.end.row, "endColumn": diag.end.column}
        if diag.cell is not None:
            region = {"startLine": 1}
        path = display_path(diag.path)
        # A URI, not a path: spaces, '#', '%' and the like are percent-encoded.
        artifact = ({"uri": quote(path.replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"} if not os.path.isabs(path)
                    else {"uri": pathlib.Path(path).as_uri()})
        message = diag.message if diag.cell is None else f"cell {diag.cell + 1}:{diag.start.row}: {diag.message}"
        result = {
            "ruleId": diag.code,
            "level": "error",
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        }
        if diag.code in index:
            result["ruleIndex"] = index[diag.code]
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tf-lint",
                "informationUri": "https://github.com/tf-lint/tf-lint",
                "version": __version__,
                "rules": [_sarif_rule(r) for r in rules],
            }},
            "results": results,
        }],
    }
    out.write(json.dumps(sarif, indent=2) + "\n")


def _sarif_rule(rule) -> Dict:
    sections = rule.doc_sections()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": sections.get("What it does", rule.summary)},
        "helpUri": rule.url(),
        "help": {"text": rule.documentation(), "markdown": rule.documentation()},
        "defaultConfiguration": {"level": "error"},
    }


def write_statistics(diagnostics: Sequence[Diagnostic], out: TextIO,
                     fixable: Callable[[Diagnostic], bool]) -> None:
    counts = Counter(d.code for d in diagnostics)
    can_fix = {d.code for d in diagnostics if fixable(d)}
    width = max((len(str(n)) for n in counts.values()), default=1)
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = get_rule(code)
        marker = "[*]" if code in can_fix else "[ ]"
        out.write(f"{count:>{width}}  {code}  {marker} {rule.name if rule else ''}\n")


def summary(remaining: Sequence[Diagnostic], fixed: int, unsafe_fixes: bool) -> List[str]:
    lines: List[str] = []
    safe = sum(1 for d in remaining if d.fix and d.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for d in remaining if d.fix and d.fix.applicability is Applicability.UNSAFE)
    total = len(remaining) + fixed
    noun = "error" if total == 1 else "errors"
    if total == 0:
        return ["All checks passed!"]
    if fixed:
        lines.append(f"Found {total} {noun} ({fixed} fixed, {len(remaining)} remaining).")
    else:
        fixable = safe + (unsafe if unsafe_fixes else 0)
        lines.append(f"Found {total} {noun}" + (f" ({fixable} fixable with --fix)." if fixable else "."))
    if unsafe and not unsafe_fixes:
        lines.append(f"No fixes available ({unsafe} hidden fixes can be enabled with the `--unsafe-fixes` option)."
                     if not safe else
                     f"{unsafe} hidden fixes can be enabled with the `--unsafe-fixes` option.")
    return lines
