"""Progress of a long run: one updating line on stderr (files done of total, seconds elapsed), cleared
at the end, so that a run over thousands of files does not look hung.

Shown only to a person watching: stderr is a terminal, the output is text or concise (a machine reads
the other formats), not ``--quiet``, not in CI (``$CI`` set, as CI services do), and the run has at
least ``MIN_FILES`` files. Nothing of it ever reaches a pipe or a log.
"""

from __future__ import annotations

import os
import time
from typing import Callable, Mapping, Optional, TextIO

MIN_FILES = 50  # fewer files take about a second or less: a line that flashes and vanishes helps nobody
_EVERY_S = 0.1  # at most ten redraws a second
_CLEAR = "\r\x1b[K"


def wanted(stream: TextIO, fmt: str, quiet: bool, files: int, environ: Mapping[str, str] = os.environ) -> bool:
    if quiet or fmt not in ("text", "concise") or files < MIN_FILES:
        return False
    if environ.get("CI", "").strip().lower() not in ("", "0", "false"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


class Progress:
    """``update(done)`` redraws ``tf-lint: 120 of 3000 files, 4 s`` (the first and the last update always,
    others at most every ``_EVERY_S``); ``clear()`` erases the line."""

    def __init__(self, stream: TextIO, total: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.total = total
        self.clock = clock
        self.start = clock()
        self.drawn: Optional[float] = None

    def update(self, done: int) -> None:
        now = self.clock()
        if self.drawn is not None and done < self.total and now - self.drawn < _EVERY_S:
            return
        self.drawn = now
        self.stream.write(f"{_CLEAR}tf-lint: {done} of {self.total} files, {now - self.start:.0f} s")
        self.stream.flush()

    def clear(self) -> None:
        if self.drawn is not None:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self.drawn = None
