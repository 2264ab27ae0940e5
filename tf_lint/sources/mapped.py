"""One Python program made of pieces of another file (notebook cells, Markdown code blocks).

The pieces are joined into one document text, each preceded by a marker comment saying where its
next line lives in the file:

    #tf-lint-map cell=2 row=1 col=0

(cell -1 for files without cells; ``col`` is how many characters the file has before the code on each
line, e.g. 4 for a ``>>> `` prompt). Markers are comments, so they change nothing for ``ast``; and
because they travel with the text, positions still map back after fixes have added or removed lines,
and the fixed text splits back into its pieces. Lines that are not Python (IPython magics, shell
escapes) are *masked*: replaced by Python (``pass``, or an equivalent statement) ending in
``#tf-lint-masked:N``, and restored from the original when written back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from tf_lint.diagnostics import Position

MARKER = "#tf-lint-map"
_MARKER_RE = re.compile(r"^#tf-lint-map cell=(-?\d+) row=(\d+) col=(\d+)\s*$")
_MASKED_RE = re.compile(r"#tf-lint-masked:(\d+)\s*$")


@dataclass
class Piece:
    """Lines of Python (without line endings) and where the first one lives in the file."""

    lines: List[str]
    row: int  # 1-based file row (or cell row) of lines[0]
    cell: int = -1
    col: int = 0
    key: int = 0  # which piece of the file this is (cell index, block index)
    # rows (file coordinates) of each line, when they are not consecutive (doctest outputs dropped)
    rows: Optional[List[int]] = None
    # the column shift of each line, when not all lines share ``col`` (a notebook cell pasted from a
    # doctest: its ``>>> `` lines shift by 4, its output lines by 0)
    cols: Optional[List[int]] = None


@dataclass
class Mapping:
    """What a mapped document needs to report positions and to write pieces back."""

    masked: Dict[int, str] = field(default_factory=dict)  # N -> original line


def join(pieces: List[Piece], newline: str = "\n") -> str:
    out: List[str] = []
    for piece in pieces:
        rows = piece.rows or list(range(piece.row, piece.row + len(piece.lines)))
        cols = piece.cols or [piece.col] * len(piece.lines)
        previous = None
        for line, row, col in zip(piece.lines, rows, cols):
            if previous is None or row != previous[0] + 1 or col != previous[1]:
                out.append(f"{MARKER} cell={piece.cell} row={row} col={col}")
            out.append(line)
            previous = (row, col)
        if not piece.lines:
            out.append(f"{MARKER} cell={piece.cell} row={piece.row} col={piece.col}")
    return newline.join(out) + newline


def locate_rows(text_lines: List[str]) -> List[Tuple[int, int, int]]:
    """For each document row (index 0 = row 1): (cell, file row, column shift); markers map to the row
    of the line they precede."""
    result: List[Tuple[int, int, int]] = []
    cell, row, col = -1, 1, 0
    pending: List[int] = []
    for line in text_lines:
        match = _MARKER_RE.match(line.rstrip("\r\n"))
        if match:
            cell, row, col = int(match.group(1)), int(match.group(2)), int(match.group(3))
            pending.append(len(result))
            result.append((cell, row, col))
            continue
        for index in pending:
            result[index] = (cell, row, col)
        pending = []
        result.append((cell, row, col))
        row += 1
    return result


def split(text: str) -> List[Tuple[int, int, List[str]]]:
    """The document text back into pieces: (cell, first row, lines), one per marker."""
    pieces: List[Tuple[int, int, List[str]]] = []
    raws = text.split("\n")
    if raws and raws[-1] == "":
        raws.pop()
    for raw in raws:
        match = _MARKER_RE.match(raw)
        if match:
            cell, row = int(match.group(1)), int(match.group(2))
            if pieces and pieces[-1][0] == cell and cell >= 0:
                continue  # a jump inside one cell (never made for cells, kept for safety)
            pieces.append((cell, row, []))
        elif pieces:
            pieces[-1][2].append(raw)
        else:  # text a fix put before the first marker belongs to the first piece
            pieces.append((-2, 1, [raw]))
    # Merge a leading orphan piece into the next one.
    if len(pieces) > 1 and pieces[0][0] == -2:
        orphan = pieces.pop(0)
        cell, row, lines = pieces[0]
        pieces[0] = (cell, row, orphan[2] + lines)
    return pieces


def restore(lines: List[str], masked: Dict[int, str]) -> List[str]:
    """Put masked lines back as they were in the file."""
    result = []
    for line in lines:
        match = _MASKED_RE.search(line)
        result.append(masked.get(int(match.group(1)), line) if match else line)
    return result


def to_file(locations: List[Tuple[int, int, int]], pos: Position) -> Tuple[Optional[int], Position]:
    if not locations:
        return None, pos
    cell, row, col = locations[min(max(pos.row, 1), len(locations)) - 1]
    return (cell if cell >= 0 else None), Position(row, pos.column + col)
