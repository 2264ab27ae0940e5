"""Check and fix documents: one ``ast`` parse, one traversal for every rule, noqa, fixes to a fixpoint.

The engine never lets one file stop the run: a document that does not parse gives ``TFL001`` (or
``TFL003`` when it is valid code for the newer Python its project declares: tf_lint/grammar.py), an
exception inside a rule gives ``TFL002`` (and exit status 2), and every other file is still checked.
"""

from __future__ import annotations

import ast
import gc
import os
import stat
import time
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Type

from tf_lint import deps
from tf_lint.config import Settings
from tf_lint.context import RuleContext
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Position
from tf_lint.noqa import parse_suppressions
from tf_lint.registry import Rule, rules_for
from tf_lint.results import RESOURCE_LIMIT, RULE_ERROR, SYNTAX_ERROR, FileResult
from tf_lint.sources import Document, SourceError, SourceFile, parse_quietly, read_source
from tf_lint.tree import TreeIndex

MAX_FIX_PASSES = 10
# Per-file bounds (see TFL003's docs): bigger files are reported, not read; analysis of one document
# stops after this long.
MAX_FILE_BYTES = 8 * 1024 * 1024
TIME_LIMIT_S = 30.0


@dataclass
class DocumentResult:
    diagnostics: List[Diagnostic]
    text: str  # after fixes, if fixing
    fixed: int = 0
    refused: Optional[str] = None  # why a fix result was thrown away


def _selected_rules(settings: Settings, document: Document) -> List[Type[Rule]]:
    """The enabled rules that can concern ``document`` (only their modules are imported)."""
    return [r for r in rules_for(document.text) if r.node_types and settings.is_enabled(r.code, document.path)]


def check_tree(document: Document, tree: ast.Module, settings: Settings,
               rules: Sequence[Type[Rule]], deadline: Optional[float] = None) -> List[Diagnostic]:
    """Run ``rules`` over ``tree`` in one traversal; no filtering. Stops at ``deadline``
    (``time.monotonic()``; default ``TIME_LIMIT_S`` from now) with a TFL003 finding."""
    text = document.text
    active = [r for r in rules if not r.triggers or any(t in text for t in r.triggers)]
    if not active:
        return []
    index = TreeIndex(tree)
    ctx = RuleContext(document, tree, settings, index=index)
    dispatch: Dict[type, List[Rule]] = {}
    for rule_class in active:
        rule = rule_class(ctx)
        for node_type in rule.node_types_here():
            dispatch.setdefault(node_type, []).append(rule)
    diagnostics: List[Diagnostic] = []
    broken: set = set()
    if deadline is None:
        deadline = time.monotonic() + TIME_LIMIT_S
    # The nodes some rule wants, in source order (the index holds them by class: no walk over the rest).
    for count, node in enumerate(index.in_source_order(tuple(dispatch))):
        if count % 64 == 63 and time.monotonic() > deadline:
            diagnostics.append(Diagnostic(
                RESOURCE_LIMIT, f"analysis stopped after {TIME_LIMIT_S:.0f} s; the rest of this file was not "
                "checked", document.start_of(node) if hasattr(node, "lineno") else Position(1, 1),
                document.start_of(node) if hasattr(node, "lineno") else Position(1, 1)))
            break
        for rule in dispatch.get(type(node), ()):
            if rule.code in broken:
                continue
            try:
                diagnostics.extend(rule.visit(node))
            except RecursionError:  # absurdly deep code: a limit, not a bug
                broken.add(rule.code)
                diagnostics.append(Diagnostic(
                    RESOURCE_LIMIT, f"code nested too deeply for rule {rule.code} to analyse; it was skipped",
                    document.start_of(node) if hasattr(node, "lineno") else Position(1, 1),
                    document.start_of(node) if hasattr(node, "lineno") else Position(1, 1)))
            except Exception as exc:  # a bug in one rule must not stop the run
                broken.add(rule.code)
                import traceback

                frame = traceback.extract_tb(exc.__traceback__)[-1]
                diagnostics.append(Diagnostic(
                    RULE_ERROR,
                    f"internal error in rule {rule.code} ({rule.name}): {type(exc).__name__}: {exc} "
                    f"[{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}]; please report it",
                    document.start_of(node) if hasattr(node, "lineno") else Position(1, 1),
                    document.end_of(node) if hasattr(node, "end_lineno") else Position(1, 1),
                ))
    if diagnostics:
        _attach_statements(tree, diagnostics)
    return diagnostics


def check_launch_document(document: Document, settings: Settings) -> List[Diagnostic]:
    """A launch document (a shell script, a page's shell block, a notebook's ``!`` lines, a YAML recipe):
    a recipe that is not YAML gives TFL001; the rules that read launch commands check the rest."""
    from tf_lint.registry import launch_rules

    if document.language == "recipe":
        from tf_lint.launches import recipe_launches
        from tf_lint.sources.launch import RecipeError, recipe_keys

        if not settings.includes(document.path) and not recipe_launches(document.path):
            return []  # not a recipe (a CI workflow, a compose file, a config): nothing to check, nothing said
        try:
            recipe_keys(document.text)
        except RecipeError as exc:
            at = Position(exc.row, exc.column)
            return [Diagnostic(SYNTAX_ERROR, str(exc), at, at, statement_rows=(exc.row, exc.row), noqa_row=exc.row)]
    ctx = RuleContext(document, None, settings)  # type: ignore[arg-type]  (no Python tree)
    diagnostics: List[Diagnostic] = []
    for rule_class in launch_rules():
        if not settings.is_enabled(rule_class.code, document.path):
            continue
        try:
            diagnostics.extend(rule_class(ctx).visit_launch())
        except Exception as exc:  # a bug in one rule must not stop the run
            diagnostics.append(Diagnostic(
                RULE_ERROR, f"internal error in rule {rule_class.code} ({rule_class.name}): {type(exc).__name__}: "
                f"{exc}; please report it", Position(1, 1), Position(1, 1)))
    for diag in diagnostics:  # a launch line is its own statement (a rule may say a command's rows)
        if diag.statement_rows == (0, 0):
            diag.statement_rows = (diag.start.row, diag.start.row)
        diag.noqa_row = diag.statement_rows[1]  # after a command's last line: never inside a continuation
    return diagnostics


def _still_readable(document: Document, text: str) -> Optional[str]:
    """Why a fixed text cannot be written (it does not parse as its language), or None."""
    if document.language == "python":
        try:
            parse_quietly(text)
        except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
            return str(exc)
    elif document.language == "recipe":
        from tf_lint.sources.launch import RecipeError, recipe_keys

        try:
            recipe_keys(text)
        except RecipeError as exc:
            return str(exc)
    return None


def _syntax_error(document: Document, exc: SyntaxError) -> Diagnostic:
    row = max(1, min(exc.lineno or 1, max(1, len(document.lines))))
    column = max(1, exc.offset or 1)
    message = f"cannot parse: {exc.msg}"
    return Diagnostic(SYNTAX_ERROR, message, Position(row, column), Position(row, column),
                      statement_rows=(row, row), noqa_row=row)


def parse(document: Document) -> Tuple[Optional[ast.Module], Optional[Diagnostic]]:
    try:
        return parse_quietly(document.text, document.path), None
    except SyntaxError as exc:
        from tf_lint.grammar import newer_python_notice

        return None, newer_python_notice(document, exc) or _syntax_error(document, exc)
    except (MemoryError, RecursionError) as exc:  # absurd nesting: Python cannot compile it either
        return None, Diagnostic(SYNTAX_ERROR, f"cannot parse: code nested too deeply for Python's parser "
                                f"({type(exc).__name__})",
                                Position(1, 1), Position(1, 1), statement_rows=(1, 1), noqa_row=1)
    except ValueError as exc:  # null bytes
        return None, Diagnostic(SYNTAX_ERROR, f"cannot parse: {exc}",
                                Position(1, 1), Position(1, 1), statement_rows=(1, 1), noqa_row=1)


def _attach_statements(tree: ast.Module, diagnostics: List[Diagnostic]) -> None:
    """Give each diagnostic the rows of its statement (a noqa on any of them counts, as in flake8) and
    the row where ``--add-noqa`` puts its comment (the statement's last row, always a safe place)."""
    spans: List[Tuple[int, int, int]] = []  # (first row, last row, depth) of statements / headers
    stack: List[Tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                body = getattr(child, "body", None)
                if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                    spans.append((child.lineno, _header_end(child, body[0].lineno), depth))
                else:
                    spans.append((child.lineno, child.end_lineno or child.lineno, depth))
                stack.append((child, depth + 1))
    for diag in diagnostics:
        row = diag.start.row
        best = None
        for first, last, depth in spans:
            if first <= row <= last and (best is None or depth > best[2]):
                best = (first, last, depth)
        first, last = (best[0], best[1]) if best else (row, row)
        diag.statement_rows = (first, last)
        diag.noqa_row = last


def _header_end(stmt: ast.stmt, first_body_row: int) -> int:
    """The last row of a compound statement's header (the line with its colon)."""
    rows = [stmt.lineno]
    for name in ("test", "iter", "target", "items", "subject", "args", "returns", "bases", "keywords"):
        value = getattr(stmt, name, None)
        nodes = value if isinstance(value, list) else [value]
        for n in nodes:
            end = getattr(n, "end_lineno", None) or getattr(getattr(n, "context_expr", None), "end_lineno", None)
            if end:
                rows.append(end)
    return min(max(rows), max(stmt.lineno, first_body_row - 1))


class Linter:
    """Checks and fixes documents and files under one set of settings."""

    def __init__(self, settings: Settings, *, fix: bool = False, unsafe_fixes: bool = False,
                 apply_noqa: bool = True) -> None:
        self.settings = settings
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.apply_noqa = apply_noqa

    def fix_allowed(self, applicability: Applicability) -> bool:
        return applicability is Applicability.SAFE or self.unsafe_fixes

    def check_document(self, document: Document, tree: Optional[ast.Module] = None,
                       deadline: Optional[float] = None) -> List[Diagnostic]:
        """Parse (unless a tree is given), run the selected rules, drop what is ignored or noqa'd."""
        if document.language != "python":
            found, tree = check_launch_document(document, self.settings), None
        elif tree is None:
            tree, error = parse(document)
            if error is not None:
                found = [error]
                if document.illustrative and SYNTAX_ERROR not in self.settings.selected:
                    found = []  # pseudo-code in docs: reported only when TFL001 is asked for by name
        if tree is not None:
            found = check_tree(document, tree, self.settings, _selected_rules(self.settings, document),
                               deadline)
        kept = [d for d in found if self.settings.is_enabled(d.code, document.path)]
        if kept and self.apply_noqa:
            suppressions = parse_suppressions(document.text)
            kept = [d for d in kept if not suppressions.suppresses(d.code, range(d.statement_rows[0],
                                                                                 d.statement_rows[1] + 1))]
        for diag in kept:
            diag.path = document.path
            diag.source_line = document.display_line(diag.start.row)
            diag.locate = document.locate
            diag.doc_noqa_row = diag.noqa_row
            diag.cell, diag.start = document.locate(diag.start)
            diag.end = document.locate(diag.end)[1]
            if diag.noqa_row is not None:
                diag.noqa_row = document.locate(Position(diag.noqa_row, 1))[1].row
        return kept

    def process_document(self, document: Document) -> DocumentResult:
        # The cycle collector waits while one document is analysed: its tree, index and facts stay alive
        # until the end, so each collection on the way would only traverse them again (a tenth of a large
        # tree's run); the document's cycles are collected once it is done.
        pause = gc.isenabled()
        if pause:
            gc.disable()
        try:
            return self._process_document(document)
        finally:
            if pause:
                gc.enable()

    def _process_document(self, document: Document) -> DocumentResult:
        # One time limit for the document, fix passes included: each re-check must not start its own.
        deadline = time.monotonic() + TIME_LIMIT_S
        diagnostics = self.check_document(document, deadline=deadline)
        if not self.fix:
            return DocumentResult(diagnostics, document.text)
        text, fixed, refused = document.text, 0, None
        for _ in range(MAX_FIX_PASSES):
            if time.monotonic() > deadline:
                break
            fixes = [d.fix for d in diagnostics if d.fix is not None and self.fix_allowed(d.fix.applicability)]
            if not fixes:
                break
            edits: List[Edit] = []
            applied = 0
            for fix in fixes:
                try:
                    candidate = sorted(fix.edits, key=lambda e: (e.start, e.end))
                except Exception as exc:  # a bug computing one fix (libcst) leaves that finding unfixed
                    refused = f"a fix ({fix.message}) failed: {type(exc).__name__}: {exc}; not applied"
                    continue
                if candidate and not any(_overlaps(e, other) for e in candidate for other in edits):
                    edits.extend(candidate)
                    applied += 1
            if not edits:
                break
            new_text = apply_edits(document.with_text(text), edits)
            if new_text == text:
                break
            broken = _still_readable(document, new_text)
            if broken is not None:
                refused = f"a fix produced code that does not parse ({broken}); the document was left unchanged"
                text, fixed = document.text, 0
                diagnostics = self.check_document(document, deadline=max(deadline, time.monotonic() + 1))
                break
            text, fixed = new_text, fixed + applied
            diagnostics = self.check_document(document.with_text(text), deadline=deadline)
        return DocumentResult(diagnostics, text, fixed, refused)

    def process_source(self, source: SourceFile) -> FileResult:
        if source.installs:  # a notebook or page that installs its own transformers is judged by it
            from tf_lint.target import for_source

            settings = for_source(self.settings, source)
            if settings is not self.settings:
                return Linter(settings, fix=self.fix, unsafe_fixes=self.unsafe_fixes,
                              apply_noqa=self.apply_noqa).process_source(source)
        result = FileResult(source.path, original=source.original)
        new_texts: Dict[int, str] = {}
        for index, document in enumerate(source.documents):
            outcome = self.process_document(document)
            for diag in outcome.diagnostics:
                diag.doc_index = index
            result.diagnostics.extend(outcome.diagnostics)
            result.fixed += outcome.fixed
            if outcome.refused:
                result.messages.append(f"{document.path}: {outcome.refused}")
            if outcome.text != document.text:
                new_texts[index] = outcome.text
        if new_texts:
            try:
                content = source.rebuild(new_texts)
            except SourceError as exc:
                result.messages.append(f"{source.path}: {exc}")
            else:
                if content != source.original:
                    result.new_content = content
        return result

    def process_file(self, path: str) -> FileResult:
        with deps.recording() as noted:
            result = self._process_file(path)
        result.deps = deps.stamp(noted)
        return result

    def _process_file(self, path: str) -> FileResult:
        try:
            return self._read_and_process(path)
        except Exception as exc:  # last line of defence: one file must never stop the run
            limit = isinstance(exc, (RecursionError, MemoryError))
            what = ("code nested too deeply or too large to analyse" if limit else
                    f"internal error: {type(exc).__name__}: {exc}; please report it")
            diag = Diagnostic(RESOURCE_LIMIT if limit else RULE_ERROR, f"{what}; the file was not checked",
                              Position(1, 1), Position(1, 1), path=path, statement_rows=(1, 1), noqa_row=1)
            return FileResult(path, diagnostics=[diag])

    def _read_and_process(self, path: str) -> FileResult:
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):
                return FileResult(path, error=f"{path}: not a regular file")
            if info.st_size > MAX_FILE_BYTES:
                if not self.settings.is_enabled(RESOURCE_LIMIT, path):
                    return FileResult(path)
                diag = Diagnostic(RESOURCE_LIMIT, f"file is {info.st_size / 2**20:.1f} MiB, over the "
                                  f"{MAX_FILE_BYTES // 2**20} MiB limit: not checked", Position(1, 1),
                                  Position(1, 1), path=path, statement_rows=(1, 1), noqa_row=1)
                return FileResult(path, diagnostics=[diag])
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            return FileResult(path, error=f"{path}: cannot read: {exc.strerror or exc}")
        try:
            source = read_source(path, data)
        except SourceError as exc:
            if not self.settings.is_enabled(SYNTAX_ERROR, path):
                return FileResult(path, original=data)
            diag = Diagnostic(SYNTAX_ERROR, str(exc), Position(1, 1), Position(1, 1), path=path,
                              statement_rows=(1, 1), noqa_row=1)
            return FileResult(path, diagnostics=[diag], original=data)
        return self.process_source(source)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    return a.start < b.end and b.start < a.end


def apply_edits(document: Document, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (positions in ``document``'s coordinates)."""
    text = document.text
    pieces: List[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start, end = document.offset(edit.start), document.offset(edit.end)
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        pieces.append(edit.content)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
