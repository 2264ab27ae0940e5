"""Files outside the linted file that a result depends on (a checkpoint's cached ``config.json``...).

Knowledge code that reads such a file calls ``note(path)`` — for files that do not exist too, since
their appearing later changes the answer. The engine records what was noted while it linted a file,
and the result cache reuses that result only while every noted file is unchanged.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator, List, Optional, Set

_noted: Optional[Set[str]] = None


def note(*paths: str) -> None:
    if _noted is not None:
        _noted.update(os.path.abspath(p) for p in paths)


@contextmanager
def recording() -> Iterator[Set[str]]:
    """Collect the paths noted inside the block (nested blocks see their own paths only)."""
    global _noted
    outer, _noted = _noted, set()
    try:
        yield _noted
    finally:
        inner, _noted = _noted, outer
        if outer is not None:
            outer.update(inner)


def stamp(paths) -> List[list]:
    """[path, mtime_ns, size] for each path; None, None for a path that does not exist."""
    result = []
    for path in sorted(paths):
        try:
            st = os.stat(path)
            result.append([path, st.st_mtime_ns, st.st_size])
        except OSError:
            result.append([path, None, None])
    return result


def unchanged(stamps) -> bool:
    return all(stamp([path])[0] == [path, mtime, size] for path, mtime, size in stamps)
