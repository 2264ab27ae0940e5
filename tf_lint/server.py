"""``tf-lint server``: the Language Server Protocol over stdio, on pygls (``pip install tf-lint[server]``).

The same engine as the CLI, in one long-lived process: knowledge is loaded once, results are kept per
document version.

- Diagnostics on open, change and save, cleared on close. Changes are coalesced: while a document is
  being linted, newer versions only mark it dirty, and when the lint ends the latest text is linted
  again; a result for a text that has since changed is never published. Documents are linted in a
  thread pool, so one slow document does not hold up another.
- Code actions: each fix as a quickfix (unsafe ones say so), ``source.fixAll.tf-lint`` (the safe fixes
  of ``tf-lint --fix``), and "add ``# noqa: CODE``". Their edits are computed by the CLI's own machinery
  (the fix applied to its document, the file rebuilt by its reader), so a Markdown block keeps its
  prompts and a notebook cell its neighbours.
- Hover on a finding shows its rule's documentation.
- Settings: the workspace's ``pyproject.toml`` ``[tool.tf-lint]``, found as the CLI finds it and read
  again when it changes; initialization options and ``workspace/didChangeConfiguration``
  (``targetTransformersVersion``, ``deviceMemory``) override it.
- Notebooks through LSP 3.17 notebook document sync: the code cells form one program, as in the CLI.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from tf_lint import __version__
from tf_lint.config import ConfigError, ConfigResolver, Settings
from tf_lint.diagnostics import Applicability, Diagnostic
from tf_lint.results import FileResult, RESOURCE_LIMIT, RULE_ERROR, SYNTAX_ERROR
from tf_lint.sources import SourceError, SourceFile, read_source, split_lines, supported_suffixes

log = logging.getLogger("tf_lint.server")

DOCS_URL = "https://github.com/tf-lint/tf-lint/blob/main/docs/rules/{code}.md"
FIX_ALL = "source.fixAll.tf-lint"
SOURCE = "tf-lint"
_SEVERITY = {SYNTAX_ERROR: types.DiagnosticSeverity.Error, RULE_ERROR: types.DiagnosticSeverity.Error,
             RESOURCE_LIMIT: types.DiagnosticSeverity.Information}
# Settings a client may give (initialization options, workspace/didChangeConfiguration): LSP name ->
# the Settings field the CLI's option of the same meaning sets.
_CLIENT_SETTINGS = {"targetTransformersVersion": "target_transformers_version", "deviceMemory": "device_memory_gib"}


@dataclass
class Snapshot:
    """What one lint reads: a document (or a notebook) at one version."""

    key: str  # the text document's uri, or the notebook's
    path: str  # a file path, for settings, the reader (by suffix) and messages
    data: bytes
    version: Optional[int]
    cells: List[Tuple[Optional[str], str]] = field(default_factory=list)  # notebook: (cell uri, text)


@dataclass
class Analysis:
    snapshot: Snapshot
    settings: Optional[Settings]
    source: Optional[SourceFile]
    result: FileResult
    _lines: Dict[Optional[int], List[str]] = field(default_factory=dict, repr=False)

    @property
    def diagnostics(self) -> List[Diagnostic]:
        return self.result.diagnostics

    def lines_of(self, cell: Optional[int]) -> List[str]:
        """``text_of(cell)`` split into lines, once per analysis (every finding's range needs them)."""
        lines = self._lines.get(cell)
        if lines is None:
            lines = self._lines[cell] = split_lines(self.text_of(cell))
        return lines

    def text_of(self, cell: Optional[int]) -> str:
        """The text the diagnostics of ``cell`` (None: the whole file) are positioned in."""
        if cell is None:
            return self.snapshot.data.decode("utf-8")
        return self.snapshot.cells[cell][1]

    def uri_of(self, cell: Optional[int]) -> Optional[str]:
        return self.snapshot.key if cell is None else self.snapshot.cells[cell][0]


def uri_to_path(uri: str) -> str:
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    # untitled:Untitled-1, vscode-notebook-cell:..., etc.: a name only, for the reader's suffix
    return unquote(parsed.path or uri)


def notebook_json(cells: Sequence[Tuple[Optional[str], str, bool]]) -> bytes:
    """A minimal nbformat 4 document of (uri, text, is_code) cells, for the CLI's notebook reader."""
    nb = {"cells": [{"cell_type": "code" if code else "markdown", "metadata": {}, "source": text,
                     **({"outputs": [], "execution_count": None} if code else {})}
                    for _, text, code in cells],
          "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    return (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode("utf-8")  # as nbformat writes


class Settled:
    """Settings per file, as the CLI resolves them, rebuilt when a ``pyproject.toml`` on the way up
    from the file changes (edited in the editor or outside it)."""

    def __init__(self) -> None:
        self.overrides: Dict[str, Any] = {}
        self._resolver: Optional[ConfigResolver] = None
        self._stamps: Dict[str, Tuple] = {}

    def set_client_settings(self, options: Any) -> None:
        if not isinstance(options, dict):
            return
        options = options.get("tf-lint", options) if isinstance(options.get("tf-lint"), dict) else options
        overrides = {name: options[key] for key, name in _CLIENT_SETTINGS.items() if options.get(key) is not None}
        self.overrides = overrides
        self._resolver = None

    def invalidate(self) -> None:
        self._resolver = None

    def for_path(self, path: str) -> Settings:
        stamp = _config_stamp(path)
        directory = os.path.dirname(os.path.abspath(path))
        if self._resolver is None or self._stamps.get(directory) != stamp:
            if self._resolver is not None:
                self._stamps.clear()
            self._resolver = ConfigResolver(None, dict(self.overrides))
            self._stamps[directory] = stamp
        return self._resolver.for_path(path)


def _config_stamp(path: str) -> Tuple:
    """(path, mtime, size) of every pyproject.toml from the file's folder up to the root."""
    stamp = []
    directory = os.path.dirname(os.path.abspath(path))
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        try:
            info = os.stat(candidate)
            stamp.append((candidate, info.st_mtime_ns, info.st_size))
        except OSError:
            pass
        parent = os.path.dirname(directory)
        if parent == directory:
            return tuple(stamp)
        directory = parent


def analyse(snapshot: Snapshot, settings: Optional[Settings], error: Optional[str] = None) -> Analysis:
    """Lint one snapshot (in a worker thread)."""
    from tf_lint.engine import Linter

    if settings is None:
        return Analysis(snapshot, None, None, FileResult(snapshot.path, error=error))
    try:
        source = read_source(snapshot.path, snapshot.data)
    except SourceError as exc:
        diag = Diagnostic(SYNTAX_ERROR, str(exc), _first(), _first(), path=snapshot.path)
        return Analysis(snapshot, settings, None, FileResult(snapshot.path, diagnostics=[diag]))
    result = Linter(settings).process_source(source)
    return Analysis(snapshot, settings, source, result)


def _first():
    from tf_lint.diagnostics import Position

    return Position(1, 1)


class TfLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "tf-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=types.NotebookDocumentSyncOptions(notebook_selector=[
                types.NotebookDocumentFilterWithCells(
                    notebook="jupyter-notebook", cells=[types.NotebookCellLanguage(language="python")])]))
        self.settings = Settled()
        self.analyses: Dict[str, Analysis] = {}  # key (document or notebook uri) -> latest published
        self.running: Set[str] = set()
        self.dirty: Set[str] = set()
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tf-lint")
        self.suffixes = tuple(supported_suffixes())

    # --- documents -------------------------------------------------------------------------------
    def key_of(self, uri: str) -> str:
        """A cell's uri -> its notebook's uri; any other document's uri is its own key."""
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        return notebook.uri if notebook is not None else uri

    def snapshot(self, key: str) -> Optional[Snapshot]:
        notebook = self.workspace.get_notebook_document(notebook_uri=key)
        if notebook is not None:
            cells: List[Tuple[Optional[str], str, bool]] = []
            for cell in notebook.cells:
                code = cell.kind == types.NotebookCellKind.Code
                try:
                    text = self.workspace.get_text_document(cell.document).source
                except KeyError:
                    text = ""
                cells.append((cell.document, text, code))
            path = uri_to_path(key)
            if not path.endswith(".ipynb"):
                path += ".ipynb"
            return Snapshot(key, path, notebook_json(cells), notebook.version,
                            [(uri, text) for uri, text, _ in cells])
        if key not in self.workspace.text_documents:
            return None
        document = self.workspace.get_text_document(key)
        path = uri_to_path(key)
        if not path.endswith(self.suffixes) and document.language_id == "python":
            path += ".py"
        return Snapshot(key, path, document.source.encode("utf-8"), document.version)

    def current_version(self, key: str) -> Optional[int]:
        snapshot = self.snapshot(key)
        return snapshot.version if snapshot is not None else None

    def request_lint(self, key: str) -> None:
        if key in self.running:
            self.dirty.add(key)
            return
        self.running.add(key)
        asyncio.ensure_future(self._lint_until_current(key))

    async def _lint_until_current(self, key: str) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                self.dirty.discard(key)
                snapshot = self.snapshot(key)
                if snapshot is None or not snapshot.path.endswith(self.suffixes):
                    return
                try:
                    settings, error = self.settings.for_path(snapshot.path), None
                except ConfigError as exc:
                    settings, error = None, str(exc)
                    self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"tf-lint: {exc}"))
                analysis = await loop.run_in_executor(self.pool, analyse, snapshot, settings, error)
                if key in self.dirty or self.current_version(key) != snapshot.version:
                    continue  # the text changed meanwhile: lint the latest, publish nothing stale
                self.analyses[key] = analysis
                self.publish(analysis)
                return
        except Exception:  # pragma: no cover - logged, never kills the server
            log.exception("tf-lint: linting %s failed", key)
        finally:
            self.running.discard(key)

    def publish(self, analysis: Analysis) -> None:
        snapshot = analysis.snapshot
        by_cell: Dict[Optional[int], List[types.Diagnostic]] = {}
        for diag in analysis.diagnostics:
            by_cell.setdefault(diag.cell if snapshot.cells else None, []).append(self.to_lsp(analysis, diag))
        if snapshot.cells:
            for index, (uri, _) in enumerate(snapshot.cells):
                if uri is not None:
                    self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                        uri=uri, diagnostics=by_cell.get(index, [])))
        else:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=snapshot.key, version=snapshot.version, diagnostics=by_cell.get(None, [])))

    def clear(self, key: str) -> None:
        analysis = self.analyses.pop(key, None)
        uris = [key] if analysis is None or not analysis.snapshot.cells else \
            [uri for uri, _ in analysis.snapshot.cells if uri is not None]
        for uri in uris:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def relint_all(self) -> None:
        self.settings.invalidate()
        keys = set(self.analyses) | {uri for uri in self.workspace.text_documents
                                      if self.workspace.get_notebook_document(cell_uri=uri) is None}
        keys |= set(self.workspace.notebook_documents)
        for key in keys:
            self.request_lint(key)

    # --- conversions -----------------------------------------------------------------------------
    def lsp_range(self, analysis: Analysis, diag: Diagnostic) -> types.Range:
        lines = analysis.lines_of(diag.cell if analysis.snapshot.cells else None)
        codec = self.workspace.position_codec
        start = codec.position_to_client_units(lines, types.Position(diag.start.row - 1, diag.start.column - 1))
        end = codec.position_to_client_units(lines, types.Position(diag.end.row - 1, diag.end.column - 1))
        if end.line < start.line or (end.line == start.line and end.character < start.character):
            end = start
        return types.Range(start, end)

    def to_lsp(self, analysis: Analysis, diag: Diagnostic) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.lsp_range(analysis, diag), message=diag.message,
            severity=_SEVERITY.get(diag.code, types.DiagnosticSeverity.Warning), code=diag.code,
            code_description=types.CodeDescription(href=DOCS_URL.format(code=diag.code)), source=SOURCE,
            data={"fix": diag.fix.applicability.value} if diag.fix is not None else None)

    def findings_at(self, uri: str, range_: types.Range) -> Tuple[Optional[Analysis], List[Diagnostic]]:
        """The current analysis of ``uri``'s document and its findings that touch ``range_``."""
        key = self.key_of(uri)
        analysis = self.analyses.get(key)
        if analysis is None or analysis.snapshot.version != self.current_version(key):
            return None, []
        cell = None
        if analysis.snapshot.cells:
            cell = next((i for i, (u, _) in enumerate(analysis.snapshot.cells) if u == uri), None)
            if cell is None:
                return None, []
        found = []
        for diag in analysis.diagnostics:
            if analysis.snapshot.cells and diag.cell != cell:
                continue
            r = self.lsp_range(analysis, diag)
            if (r.start.line, r.start.character) <= (range_.end.line, range_.end.character) and \
                    (range_.start.line, range_.start.character) <= (r.end.line, max(r.end.character, r.start.character + 1)):
                found.append(diag)
        return analysis, found

    # --- edits -----------------------------------------------------------------------------------
    def workspace_edit(self, analysis: Analysis, new_content: Optional[bytes]) -> Optional[types.WorkspaceEdit]:
        """The edits that turn the analysed text into ``new_content`` (the file as the CLI would write it):
        one minimal replacement per changed document or cell."""
        if new_content is None or new_content == analysis.snapshot.data:
            return None
        snapshot = analysis.snapshot
        if snapshot.cells:
            cells = json.loads(new_content.decode("utf-8"))["cells"]
            pairs = [(uri, old, "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
                     for (uri, old), cell in zip(snapshot.cells, cells)]
        else:
            pairs = [(snapshot.key, snapshot.data.decode("utf-8"), new_content.decode("utf-8"))]
        changes = []
        for uri, old, new in pairs:
            if uri is None or old == new:
                continue
            version = snapshot.version if not snapshot.cells else self._cell_version(uri)
            changes.append(types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=[self._minimal_edit(old, new)]))
        return types.WorkspaceEdit(document_changes=changes) if changes else None

    def _cell_version(self, uri: str) -> Optional[int]:
        try:
            return self.workspace.get_text_document(uri).version
        except KeyError:  # pragma: no cover
            return None

    def _minimal_edit(self, old: str, new: str) -> types.TextEdit:
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
            suffix += 1
        lines = split_lines(old)
        start = self._position_at(lines, prefix)
        end = self._position_at(lines, len(old) - suffix)
        return types.TextEdit(types.Range(start, end), new[prefix:len(new) - suffix])

    def _position_at(self, lines: List[str], offset: int) -> types.Position:
        """The client position of a character offset into the text made of ``lines``."""
        for row, line in enumerate(lines):
            if offset < len(line):
                return self.workspace.position_codec.position_to_client_units(lines, types.Position(row, offset))
            offset -= len(line)
        if lines and not lines[-1].endswith(("\n", "\r")):  # the end of a last line with no newline
            return self.workspace.position_codec.position_to_client_units(
                lines, types.Position(len(lines) - 1, len(lines[-1])))
        return types.Position(len(lines), 0)

    def fixed_by(self, analysis: Analysis, diag: Diagnostic) -> Optional[bytes]:
        from tf_lint.engine import apply_edits

        assert analysis.source is not None and diag.fix is not None
        document = analysis.source.documents[diag.doc_index]
        try:
            text = apply_edits(document, diag.fix.edits)
            return analysis.source.rebuild({diag.doc_index: text})
        except Exception as exc:  # a fix that cannot be computed or written back offers no action
            log.warning("tf-lint: fix for %s failed: %s", diag.code, exc)
            return None

    def noqa_added(self, analysis: Analysis, diag: Diagnostic) -> Optional[bytes]:
        from tf_lint.noqa import add_noqa

        if analysis.source is None or diag.doc_noqa_row is None:
            return None
        document = analysis.source.documents[diag.doc_index]
        text, count = add_noqa(document.text, {diag.doc_noqa_row: [diag.code]})
        try:
            return analysis.source.rebuild({diag.doc_index: text}) if count else None
        except SourceError:
            return None

    def fix_all(self, analysis: Analysis) -> Optional[bytes]:
        from tf_lint.engine import Linter

        if analysis.source is None or analysis.settings is None:
            return None
        source = read_source(analysis.snapshot.path, analysis.snapshot.data)
        return Linter(analysis.settings, fix=True).process_source(source).new_content


server = None  # the running server, for tests that drive it in this process


def _kinds_wanted(only: Optional[Sequence[str]], kind: str) -> bool:
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def build() -> TfLintServer:
    ls = TfLintServer()

    @ls.feature(types.INITIALIZE)
    def initialize(ls: TfLintServer, params: types.InitializeParams) -> None:
        ls.settings.set_client_settings(params.initialization_options)

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TfLintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.request_lint(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TfLintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.request_lint(ls.key_of(params.text_document.uri))

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TfLintServer, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri.endswith("pyproject.toml"):
            ls.relint_all()
        else:
            ls.request_lint(ls.key_of(params.text_document.uri))

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TfLintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.clear(params.text_document.uri)

    @ls.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def nb_open(ls: TfLintServer, params: types.DidOpenNotebookDocumentParams) -> None:
        ls.request_lint(params.notebook_document.uri)

    @ls.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def nb_change(ls: TfLintServer, params: types.DidChangeNotebookDocumentParams) -> None:
        ls.request_lint(params.notebook_document.uri)

    @ls.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    def nb_save(ls: TfLintServer, params: types.DidSaveNotebookDocumentParams) -> None:
        ls.request_lint(params.notebook_document.uri)

    @ls.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def nb_close(ls: TfLintServer, params: types.DidCloseNotebookDocumentParams) -> None:
        ls.clear(params.notebook_document.uri)

    @ls.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: TfLintServer, params: types.DidChangeConfigurationParams) -> None:
        ls.settings.set_client_settings(params.settings)
        ls.relint_all()

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: TfLintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith("pyproject.toml") for change in params.changes):
            ls.relint_all()

    @ls.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL]))
    def code_action(ls: TfLintServer, params: types.CodeActionParams) -> List[types.CodeAction]:
        only = params.context.only
        analysis, findings = ls.findings_at(params.text_document.uri, params.range)
        if analysis is None:
            analysis = ls.analyses.get(ls.key_of(params.text_document.uri))
            if analysis is None or analysis.snapshot.version != ls.current_version(analysis.snapshot.key):
                return []
        actions: List[types.CodeAction] = []
        if _kinds_wanted(only, types.CodeActionKind.QuickFix):
            for diag in findings:
                lsp_diag = ls.to_lsp(analysis, diag)
                if diag.fix is not None:
                    edit = ls.workspace_edit(analysis, ls.fixed_by(analysis, diag))
                    if edit is not None:
                        unsafe = diag.fix.applicability is Applicability.UNSAFE
                        actions.append(types.CodeAction(
                            title=f"{diag.code}: {diag.fix.message}" + (" (unsafe fix)" if unsafe else ""),
                            kind=types.CodeActionKind.QuickFix, diagnostics=[lsp_diag], edit=edit,
                            is_preferred=not unsafe))
                edit = ls.workspace_edit(analysis, ls.noqa_added(analysis, diag))
                if edit is not None:
                    actions.append(types.CodeAction(title=f"{diag.code}: add `# noqa: {diag.code}`",
                                                    kind=types.CodeActionKind.QuickFix, diagnostics=[lsp_diag],
                                                    edit=edit))
        if _kinds_wanted(only, FIX_ALL) and any(d.fix is not None and d.fix.applicability is Applicability.SAFE
                                                for d in analysis.diagnostics):
            edit = ls.workspace_edit(analysis, ls.fix_all(analysis))
            if edit is not None:
                actions.append(types.CodeAction(title="tf-lint: fix all safe findings", kind=FIX_ALL, edit=edit))
        return actions

    # Findings whose truth depends on the target transformers release: hover says which one, and why.
    VERSIONED = ("TFL3", "TFL5")

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: TfLintServer, params: types.HoverParams) -> Optional[types.Hover]:
        from tf_lint.docs import rule_markdown
        from tf_lint.registry import get_rule

        at = types.Range(params.position, params.position)
        analysis, findings = ls.findings_at(params.text_document.uri, at)
        pages = []
        if analysis is not None and analysis.source is not None and any(
                d.code.startswith(VERSIONED) for d in findings):
            from tf_lint.target import describe, for_source

            pages.append(f"Checked against transformers {describe(for_source(analysis.settings, analysis.source))}")
        for code in dict.fromkeys(d.code for d in findings):
            rule = get_rule(code)
            if rule is not None:
                pages.append(rule_markdown(rule))
        if not pages:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(pages)))

    return ls


def main(args: Sequence[str] = ()) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="tf-lint server",
                                     description="Run the tf-lint language server over stdio.")
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only way)")
    parser.add_argument("--log-file", help="write the server's log to this file")
    opts = parser.parse_args(list(args))
    if opts.log_file:
        logging.basicConfig(filename=opts.log_file, level=logging.INFO)
    global server
    server = build()
    server.start_io()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
