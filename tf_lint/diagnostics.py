"""The data every layer passes along: positions, edits, fixes and diagnostics.

Positions are 1-based rows and 1-based character columns (not UTF-8 byte offsets, which is what
``ast`` reports), in the coordinates of the *document* they were found in. The engine maps them to
the file (notebook cell, Markdown block) before reporting.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence, Tuple


@dataclass(frozen=True, order=True)
class Position:
    row: int  # 1-based
    column: int  # 1-based, in characters


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace the text between ``start`` and ``end`` (exclusive) with ``content``."""

    start: Position
    end: Position
    content: str


class Fix:
    """A set of edits with an applicability. Edits may be computed lazily: some need libcst, and a
    check-only run should not pay for them."""

    def __init__(
        self,
        applicability: Applicability,
        message: str,
        edits: Sequence[Edit] | Callable[[], Sequence[Edit]],
    ) -> None:
        self.applicability = applicability
        self.message = message
        self._edits = edits

    @property
    def edits(self) -> Tuple[Edit, ...]:
        if callable(self._edits):
            self._edits = tuple(self._edits())
        return tuple(self._edits)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Fix({self.applicability.value!r}, {self.message!r})"


@dataclass
class Diagnostic:
    code: str
    message: str
    start: Position
    end: Position
    fix: Optional[Fix] = None
    # Filled in by the engine:
    path: str = ""
    cell: Optional[int] = None  # 0-based notebook cell index, None for plain files
    doc_index: int = 0  # which document of its file
    # start/end/noqa_row are file (or cell) positions; ``locate`` maps the document positions of the
    # fix's edits the same way, and ``doc_noqa_row`` is the noqa row in the document.
    locate: Optional[Callable[[Position], Tuple[Optional[int], Position]]] = field(default=None, repr=False)
    doc_noqa_row: Optional[int] = None
    noqa_row: Optional[int] = None
    # Rows (document coordinates) of the statement holding the finding; a noqa on any of them counts.
    statement_rows: Tuple[int, int] = (0, 0)
    source_line: str = field(default="", repr=False)

    def freeze(self) -> None:
        """Compute the fix's edits now, in file coordinates, and drop the document mapper, so that the
        diagnostic can be pickled (process pool) or stored (cache)."""
        if self.fix is not None:
            locate = self.locate or (lambda pos: (None, pos))
            edits = [Edit(locate(e.start)[1], locate(e.end)[1], e.content) for e in self.fix.edits]
            self.fix = Fix(self.fix.applicability, self.fix.message, edits)
        self.locate = None

    def sort_key(self) -> tuple:
        return (self.path, self.cell if self.cell is not None else -1, self.start, self.code)
