"""Write fixed files atomically: a temporary file in the same directory, fsync, rename.

The file keeps its permission bits (and a symlink stays a symlink, its target rewritten); on any
error the original stays byte for byte, and an interrupted run leaves each file either old or new,
never partial.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat

_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held():
    """Hold SIGINT and SIGTERM while a file is replaced: Python raises the exception of a signal
    handler between any two bytecodes, also between ``mkstemp`` creating the temporary file and the
    ``try`` that would remove it. Held signals arrive when the write is complete."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_atomic(path: str, content: bytes) -> None:
    with _signals_held():
        _write_atomic(path, content)


def _write_atomic(path: str, content: bytes) -> None:
    # Write to what a symlink points at: renaming onto the link itself would replace it with a file.
    path = os.path.realpath(path)
    directory = os.path.dirname(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".tf-lint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
