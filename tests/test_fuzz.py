"""Property tests: generated programs through lint and fix.

For every generated program: no exception escapes and no rule crashes (TFL002); every fix, alone and
all together, gives code that parses (the engine never has to refuse one); fixing twice equals fixing
once; no fix changes or removes a line outside its finding's statement (it may insert whole lines,
e.g. ``tokenizer.pad_token = ...`` after the tokenizer, or an environment assignment moved above the
imports), edit an import (to import the class it puts in place), or edit the statement that made a
value the finding's statement uses (TFL103 pads the tokenizer call on the left); the BOM and CRLF
line endings survive.

Programs come from ``fuzz_programs`` (Transformers-flavoured statements composed so that the rules fire)
and from hypothesmith (any program the Python grammar allows; ``from_node`` gives programs that also
compile).

CI runs a fixed, derandomized set of examples (well under a minute). For a longer fuzz run, with
fresh random examples each time::

    TF_LINT_FUZZ_EXAMPLES=5000 python -m pytest -q tests/test_fuzz.py
    python bench/fuzz.py --examples 20000        # the same checks, outside pytest, with progress

A failure prints the program hypothesis shrank it to; add it to ``tests/test_robustness.py``.
"""

from __future__ import annotations

import ast
import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import fuzz_programs  # noqa: E402
from tf_lint.config import Settings  # noqa: E402
from tf_lint.engine import RULE_ERROR, Linter, apply_edits  # noqa: E402
from tf_lint.sources import read_source  # noqa: E402
from tf_lint.sources.python import decode_python  # noqa: E402

LONG_RUN = int(os.environ.get("TF_LINT_FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(ci_examples: int):
    """CI: a fixed set (derandomized, no example database). Long runs: fresh random examples."""
    return settings(max_examples=LONG_RUN or ci_examples, deadline=None, derandomize=not LONG_RUN,
                    database=None, suppress_health_check=list(HealthCheck), print_blob=True)


TARGETS = ("4.57", "5.24")  # TensorFlow code exists in 4.x only; 5.x is the installed knowledge
_LINTERS = {}


def linters(target: str):
    if target not in _LINTERS:
        config = Settings(target_transformers_version=target)
        _LINTERS[target] = (Linter(config), Linter(config, fix=True, unsafe_fixes=True))
    return _LINTERS[target]


def changed_rows(document, edits):
    """Rows (1-based, document coordinates) whose existing text ``edits`` replace or delete. Inserting
    whole lines (at the start of a line, ending with a line break; or after a line's end, starting
    with one) changes no existing row."""
    rows = set()
    for edit in edits:
        start, end = edit.start, edit.end
        if start == end:
            line = document.line(start.row)
            if (start.column == 1 and edit.content.endswith(("\n", "\r"))) or (
                    start.column == len(line) + 1 and edit.content.startswith(("\n", "\r"))):
                continue
            rows.add(start.row)
            continue
        last = end.row - 1 if end.column == 1 and end.row > start.row else end.row
        rows.update(range(start.row, last + 1))
    return sorted(rows)


def _statements(tree):
    """Every statement with its rows: a compound statement's header only (its body holds statements)."""
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt):
            body = getattr(node, "body", None)
            last = body[0].lineno - 1 if isinstance(body, list) and body and isinstance(body[0], ast.stmt) \
                else node.end_lineno
            spans.append((node.lineno, max(node.lineno, last), node))
    return spans


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id] + parts[::-1])
    return None


def _reads(statement):
    return {name for node in ast.walk(statement) for name in [_dotted(node)] if name}


def _binds(statement):
    targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
    return {_dotted(t) for t in targets if t is not None} - {None}


def foreign_rows(tree, rows, first, last):
    """The changed rows that belong neither to the finding's statement (rows ``first..last``), nor to an
    import statement, nor to a statement that binds a name the finding's statement reads (the
    tokenizer call whose encoding a ``generate`` call receives: TFL103 pads it on the left). A changed
    row outside every statement (a comment, a blank line) is foreign too."""
    spans = _statements(tree)
    own = [node for a, b, node in spans if (a, b) == (first, last)] or \
        [node for a, b, node in spans if a <= first <= b]
    reads = set().union(*(_reads(node) for node in own)) if own else set()
    bad = []
    for row in rows:
        if first <= row <= last:
            continue
        holders = [(b - a, node) for a, b, node in spans if a <= row <= b]
        holder = min(holders, key=lambda h: h[0])[1] if holders else None
        if isinstance(holder, (ast.Import, ast.ImportFrom)):
            continue  # a fix may import what it uses (TFL303 puts the Auto class in the import)
        if holder is None or not (_binds(holder) & reads):
            bad.append(row)
    return bad


def check_program(data: bytes, path: str = "program.py", targets=TARGETS) -> int:
    """Every property for one file's bytes; returns how many fixes were applied (for the report)."""
    applied = 0
    for target in targets:
        checker, fixer = linters(target)
        source = read_source(path, data)
        found = checker.process_source(source)
        assert not [d for d in found.diagnostics if d.code == RULE_ERROR], found.diagnostics

        # Each fix alone: parses, and touches only its own statement's lines (insertions aside).
        for document in source.documents:
            for diag in fixer.check_document(document):
                if diag.fix is None:
                    continue
                new_text = apply_edits(document, diag.fix.edits)
                try:
                    ast.parse(new_text)
                except SyntaxError as exc:  # pragma: no cover - reported with the program
                    raise AssertionError(f"{diag.code} fix does not parse: {exc}\n{new_text}") from None
                first, last = diag.statement_rows
                rows = changed_rows(document, diag.fix.edits)
                outside = foreign_rows(ast.parse(document.text), rows, first, last)
                assert not outside, (f"{diag.code} at {diag.start} (statement rows {first}-{last}) "
                                     f"changed rows {outside}")

        # All fixes together: nothing refused, the result parses, a second run changes nothing.
        result = fixer.process_source(read_source(path, data))
        assert not result.messages, result.messages
        assert not [d for d in result.diagnostics if d.code == RULE_ERROR], result.diagnostics
        fixed = result.new_content if result.new_content is not None else data
        if path.endswith(".py"):
            text, _encoding = decode_python(fixed)
            ast.parse(text)
            if data.startswith(b"\xef\xbb\xbf"):
                assert fixed.startswith(b"\xef\xbb\xbf")
            if b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""):
                assert b"\n" not in fixed.replace(b"\r\n", b""), "a fix broke the file's CRLF line endings"
        again = fixer.process_source(read_source(path, fixed))
        assert again.new_content is None, "fixing twice differs from fixing once"
        applied += result.fixed
    return applied


@fuzz_settings(150)
@given(fuzz_programs.program_files())
def test_transformers_programs_lint_and_fix_safely(data):
    check_program(data)


@fuzz_settings(60)
@given(fuzz_programs.scripts(), st.sampled_from(("notebook", "markdown")))
def test_transformers_programs_in_notebooks_and_markdown(program, container):
    """The same programs as a notebook's cells or a Markdown file's blocks: positions map back, fixes are
    written into the right cell or block, and everything else in the file stays as it was."""
    import json

    chunks = [c for c in program.split("\n\n") if c.strip()]
    if container == "notebook":
        cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                  "source": c.splitlines(keepends=True)} for c in chunks]
        cells.insert(1, {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n"]})
        nb = {"cells": cells, "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
              "nbformat": 4, "nbformat_minor": 5}
        data, path = (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode(), "nb.ipynb"
    else:
        # Top-level chunks only: a chunk that starts indented is not a program on its own.
        data = "# Guide\n\nSome prose.\n\n" + "".join(f"```python\n{c}\n```\n\nMore prose.\n\n" for c in chunks)
        data, path = data.encode(), "guide.md"
    checker, fixer = linters("4.57")
    found = checker.process_source(read_source(path, data))
    assert not [d for d in found.diagnostics if d.code == RULE_ERROR]
    result = fixer.process_source(read_source(path, data))
    assert not [d for d in result.diagnostics if d.code == RULE_ERROR]
    fixed = result.new_content if result.new_content is not None else data
    if container == "notebook":
        before, after = json.loads(data), json.loads(fixed)
        assert [c["cell_type"] for c in before["cells"]] == [c["cell_type"] for c in after["cells"]]
        assert before["cells"][1] == after["cells"][1]
        for cell in after["cells"]:
            if cell["cell_type"] == "code":
                ast.parse("".join(cell["source"]))
    else:
        prose = [line for line in data.decode().splitlines() if not line.startswith(("```",)) and "prose" in line]
        assert all(line in fixed.decode().splitlines() for line in prose)
    again = fixer.process_source(read_source(path, fixed))
    assert again.new_content is None


hypothesmith = pytest.importorskip("hypothesmith")


@fuzz_settings(60)
@given(hypothesmith.from_grammar())
def test_any_grammatical_program(source):
    check_program(source.encode("utf-8", "surrogatepass"), targets=("4.57",))


@fuzz_settings(20)
@given(hypothesmith.from_node())
def test_any_compilable_program(source):
    check_program(source.encode("utf-8", "surrogatepass"), targets=("5.24",))
