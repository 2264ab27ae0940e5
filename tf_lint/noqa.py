"""Suppression comments: ``# noqa``, ``# noqa: TFL201,TFL101`` and file-level ``# tf-lint: noqa``.

Comments are found with ``tokenize`` (a ``# noqa`` inside a string is not a comment), and only in
documents that mention "noqa" at all.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, List, Optional

_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
_FILE_NOQA = re.compile(r"#\s*tf-lint\s*:\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?",
                        re.IGNORECASE)
_SPLIT = re.compile(r"[,\s]+")

ALL = None  # a bare noqa: every code


def _codes(match: "re.Match[str]") -> Optional[FrozenSet[str]]:
    codes = match.group("codes")
    return frozenset(c.upper() for c in _SPLIT.split(codes.strip()) if c) if codes else ALL


@dataclass
class Suppressions:
    by_row: Dict[int, Optional[FrozenSet[str]]] = field(default_factory=dict)
    file_all: bool = False
    file_codes: FrozenSet[str] = frozenset()

    def suppresses(self, code: str, rows: Iterable[int]) -> bool:
        if self.file_all or any(code.startswith(c) for c in self.file_codes):
            return True
        for row in rows:
            if row in self.by_row:
                codes = self.by_row[row]
                if codes is ALL or any(code.startswith(c) for c in codes):
                    return True
        return False


def comments(text: str) -> Dict[int, str]:
    """Row -> the comment on that row. Falls back to a line scan if the text does not tokenize."""
    found: Dict[int, str] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                found[tok.start[0]] = tok.string
    except (tokenize.TokenError, SyntaxError, IndentationError):
        for row, line in enumerate(text.splitlines(), 1):
            if "#" in line:
                found.setdefault(row, line[line.index("#"):])
    return found


def parse_suppressions(text: str) -> Suppressions:
    result = Suppressions()
    if "noqa" not in text and "NOQA" not in text:
        return result
    file_codes: set = set()
    for row, comment in comments(text).items():
        file_match = _FILE_NOQA.search(comment)
        if file_match:
            codes = _codes(file_match)
            if codes is ALL:
                result.file_all = True
            else:
                file_codes |= codes
            continue
        match = _NOQA.search(comment)
        if match:
            result.by_row[row] = _codes(match)
    result.file_codes = frozenset(file_codes)
    return result


def add_noqa(text: str, codes_by_row: Dict[int, List[str]]) -> tuple[str, int]:
    """Add ``# noqa: CODES`` to the given rows, merging with an existing noqa comment there.
    Returns the new text and how many directives were added or extended."""
    from tf_lint.sources import split_lines

    lines = split_lines(text)
    existing = comments(text)
    changed = 0
    for row, codes in sorted(codes_by_row.items()):
        if not 1 <= row <= len(lines):
            continue
        line = lines[row - 1]
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        comment = existing.get(row, "")
        match = _NOQA.search(comment)
        if match and _codes(match) is ALL:
            continue
        if match:
            have = set(_codes(match) or ())
            new = sorted(have | set(codes))
            if set(new) == have:
                continue
            start = body.rindex(comment) + match.start()
            body = body[:start] + "# noqa: " + ", ".join(new) + body[start + match.end():]
        else:
            body = body.rstrip() + "  # noqa: " + ", ".join(sorted(set(codes)))
        lines[row - 1] = body + ending
        changed += 1
    return "".join(lines), changed
