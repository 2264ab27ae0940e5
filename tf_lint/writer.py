"""Write fixed files atomically: a temporary file in the same directory, fsync, rename.

The file keeps its permission bits; on any error the original stays byte for byte, and an
interrupted run leaves each file either old or new, never partial.
"""

from __future__ import annotations

import os
import stat
import tempfile


def write_atomic(path: str, content: bytes) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
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
