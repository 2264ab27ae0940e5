"""A document: one Python program text read from a file, and how its positions map back to the file.

Below every reader (:mod:`tf_lint.sources.python`, ``notebook``, ``markdown``), which build documents;
:mod:`tf_lint.sources` chooses the reader for a file.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Tuple

from tf_lint.diagnostics import Position

if TYPE_CHECKING:
    from tf_lint.installs import Install

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def parse_quietly(text: str, filename: str = "<unknown>") -> ast.Module:
    """``ast.parse`` without the compiler's warnings about the code (``invalid escape sequence``,
    ``"is" with a literal``): they would be printed as if tf-lint itself had a problem."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=filename, type_comments=False)


def split_lines(text: str) -> List[str]:
    """Split ``text`` the way Python's tokenizer does (only ``\\r\\n``, ``\\r`` and ``\\n`` end a line),
    keeping the line endings. ``str.splitlines`` also splits on form feeds and ``\\u2028``, which
    would shift every row after them."""
    return _LINE_RE.findall(text)


class SourceError(Exception):
    """A file that cannot be turned into documents (undecodable, broken notebook JSON)."""


@dataclass
class Document:
    """One Python program text, and how its positions map back to the file."""

    text: str
    path: str
    cell: Optional[int] = None  # 0-based notebook cell index, when the whole document is one cell
    # Document row r is file row r + row_offset.
    row_offset: int = 0
    # Pieces of a file joined with ``#tf-lint-map`` markers (notebook cells, Markdown blocks): positions
    # map back through the markers; masked lines are restored from ``masked``.
    mapped: bool = False
    masked: Dict[int, str] = field(default_factory=dict, repr=False)
    # A Markdown block that does not parse (pseudo-code written to be read): its syntax error is
    # reported only when TFL001 is selected by its full code.
    illustrative: bool = False
    # What the text is: "python" (parsed with ``ast``, every rule), or a launch document (:mod:`tf_lint.sources.
    # launch`): "shell" (command lines: a ``.sh`` file, a page's shell block, a notebook's ``!`` lines) or
    # "recipe" (a YAML file of options read by HfArgumentParser / TrlParser), checked by the rules that read
    # launch commands (``Rule.checks_launches``).
    language: str = "python"
    _lines: Optional[List[str]] = field(default=None, repr=False)
    _locations: Optional[list] = field(default=None, repr=False)
    _starts: Optional[List[int]] = field(default=None, repr=False)  # offset of each line's start

    @property
    def lines(self) -> List[str]:
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines

    def line(self, row: int) -> str:
        """The text of 1-based ``row`` without its line ending ('' past the end)."""
        if 1 <= row <= len(self.lines):
            return self.lines[row - 1].rstrip("\r\n")
        return ""

    def position(self, lineno: int, byte_col: int) -> Position:
        """Turn an ``ast`` position (1-based line, UTF-8 byte offset) into a character position."""
        line = self.line(lineno)
        if line.isascii():
            return Position(lineno, byte_col + 1)
        return Position(lineno, len(line.encode("utf-8")[:byte_col].decode("utf-8", "replace")) + 1)

    def start_of(self, node) -> Position:
        return self.position(node.lineno, node.col_offset)

    def end_of(self, node) -> Position:
        return self.position(node.end_lineno, node.end_col_offset)

    def offset(self, pos: Position) -> int:
        """Character offset in ``text`` of a position."""
        if self._starts is None:
            starts, total = [0], 0
            for line in self.lines:
                total += len(line)
                starts.append(total)
            self._starts = starts
        row = min(max(pos.row - 1, 0), len(self._starts) - 1)
        return self._starts[row] + pos.column - 1

    def segment(self, start: Position, end: Position) -> str:
        return self.text[self.offset(start) : self.offset(end)]

    def to_file(self, pos: Position) -> Position:
        return self.locate(pos)[1]

    def locate(self, pos: Position) -> Tuple[Optional[int], Position]:
        """(cell, position in the file or cell) of a document position."""
        if not self.mapped:
            return self.cell, Position(pos.row + self.row_offset, pos.column)
        from tf_lint.sources import mapped  # only for notebooks and Markdown

        if self._locations is None:
            self._locations = mapped.locate_rows(self.lines)
        return mapped.to_file(self._locations, pos)

    def where(self, row: int) -> str:
        """How a message names a document row: "line 4", or "cell 2, line 4" in a notebook."""
        cell, pos = self.locate(Position(row, 1))
        return f"line {pos.row}" if cell is None else f"cell {cell + 1}, line {pos.row}"

    def display_line(self, row: int) -> str:
        """The file's own text of a document row (a masked magic shows as written)."""
        line = self.line(row)
        if self.mapped and "#tf-lint-masked:" in line:
            from tf_lint.sources import mapped

            return mapped.restore([line], self.masked)[0]
        return line

    def with_text(self, text: str) -> "Document":
        """The same document after an edit: same file, same mapping rules."""
        return Document(text=text, path=self.path, cell=self.cell, row_offset=self.row_offset,
                        mapped=self.mapped, masked=self.masked, illustrative=self.illustrative,
                        language=self.language)


@dataclass
class SourceFile:
    """A file on disk and the documents read from it."""

    path: str
    documents: List[Document]
    # Rebuilds the file's bytes from new document texts (by document index).
    rebuild: Callable[[Dict[int, str]], bytes]
    original: bytes = b""
    # What the file installs itself (a notebook's install cells, a page's install blocks), in order, and
    # what to call the file in messages ("notebook", "page"): tf_lint.target reads its requirement.
    installs: Tuple["Install", ...] = ()
    kind: str = "file"
