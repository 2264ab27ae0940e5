"""Reading the fixture tree: which files exist and what each bad file expects."""

import io
import os
import re
import tokenize
from typing import Dict, List, Optional, Set, Tuple

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")
_EXPECT = re.compile(r"#\s*expect(?P<next>-next)?:\s*(?P<codes>TFL\d{3}(?:\s*,\s*TFL\d{3})*)")


ALL_FORMATS = (".py", ".ipynb", ".md", ".mdx", ".sh", ".yaml", ".yml")


def fixture_files(kind: str, formats: Tuple[str, ...] = (".py",)) -> List[str]:
    """Paths (relative to fixtures/) of ``bad`` or ``good`` fixtures of the given formats."""
    found = []
    for code in sorted(os.listdir(FIXTURES)):
        folder = os.path.join(FIXTURES, code)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            stem, ext = os.path.splitext(name)
            if name.startswith(kind + "_") and ext in formats and not stem.endswith(".fixed"):
                found.append(f"{code}/{name}")
    return found


def fixture_pairs(codes) -> List[Tuple[str, str, str]]:
    """(code, bad path, its ``.fixed.py`` path), absolute, for every bad Python fixture of ``codes``."""
    found = []
    for code in codes:
        folder = os.path.join(FIXTURES, code)
        for name in sorted(os.listdir(folder)):
            if name.startswith("bad_") and name.endswith(".py") and not name.endswith(".fixed.py"):
                found.append((code, os.path.join(folder, name), os.path.join(folder, name[:-3] + ".fixed.py")))
    return found


def fixed_path(path: str) -> str:
    stem, ext = os.path.splitext(path)
    return f"{stem}.fixed{ext}"


def expected_in_file(path: str) -> Set[Tuple[Optional[int], int, str]]:
    """(cell, row, code) for every ``# expect: CODE`` comment of any format, rows as tf-lint reports
    them (notebook rows within their cell, Markdown rows of the file)."""
    from tf_lint.diagnostics import Position
    from tf_lint.sources import read_source

    with open(path, "rb") as f:
        source = read_source(path, f.read())
    result = set()
    for document in source.documents:
        found = expected_findings(document.text) if document.language == "python" else _expected_in_lines(document.text)
        for row, code in found:
            cell, pos = document.locate(Position(row, 1))
            result.add((cell, pos.row, code))
    return result


def expected_findings(text: str) -> Set[Tuple[int, str]]:
    """(row, code) for each ``# expect: CODE`` comment, and for ``# expect-next: CODE`` on the row after
    it (for lines that cannot carry a comment, such as a notebook's ``%env`` magic)."""
    result = set()
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT:
            match = _EXPECT.search(tok.string)
            if match:
                row = tok.start[0] + (1 if match.group("next") else 0)
                for code in match.group("codes").split(","):
                    result.add((row, code.strip()))
    return result


def _expected_in_lines(text: str) -> Set[Tuple[int, str]]:
    """``# expect: CODE`` comments of a launch document (shell, YAML: not Python tokens), line by line."""
    result = set()
    for row, line in enumerate(text.splitlines(), 1):
        match = _EXPECT.search(line)
        if match:
            for code in match.group("codes").split(","):
                result.add((row + (1 if match.group("next") else 0), code.strip()))
    return result


def rule_dirs() -> Dict[str, str]:
    return {name: os.path.join(FIXTURES, name) for name in sorted(os.listdir(FIXTURES))
            if os.path.isdir(os.path.join(FIXTURES, name)) and name.startswith("TFL")}
