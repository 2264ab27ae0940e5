"""Insert a statement after another one, at the same indentation (plain text: no libcst needed)."""

from __future__ import annotations

import ast

from tf_lint.diagnostics import Edit, Position


def insert_after(document, statement: ast.stmt, code: str) -> Edit:
    """An edit that puts ``code`` on its own line right after ``statement`` (after any comment that
    ends its last line), indented like ``statement``, with the document's line ending."""
    first = document.line(statement.lineno)
    indent = first[: len(first) - len(first.lstrip())]
    row = statement.end_lineno
    lines = document.lines
    raw = lines[row - 1] if row - 1 < len(lines) else ""
    ending = raw[len(raw.rstrip("\r\n")):] or _ending(lines)
    if raw.endswith(("\n", "\r")):
        return Edit(Position(row + 1, 1), Position(row + 1, 1), f"{indent}{code}{ending}")
    end = Position(row, len(raw) + 1)
    return Edit(end, end, f"{ending}{indent}{code}")


def _ending(lines) -> str:
    for line in lines:
        stripped = line.rstrip("\r\n")
        if stripped != line:
            return line[len(stripped):]
    return "\n"
