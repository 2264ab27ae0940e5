"""Files become *documents*: Python programs, and launch documents (shell commands, YAML recipes).

A plain ``.py`` file is one document. Notebooks and Markdown (later) give one document per cell or code
block, each mapping its own rows back to the file, so that diagnostics point at the right place and
fixed documents are written back into the right spot, leaving the rest of the file byte for byte.
"""

from __future__ import annotations

from typing import Callable, Dict, Sequence

from tf_lint.sources import launch, markdown, notebook, python
from tf_lint.sources.document import Document, SourceError, SourceFile, parse_quietly, split_lines

__all__ = ["Document", "SourceError", "SourceFile", "parse_quietly", "read_source", "split_lines",
           "supported_suffixes"]

Reader = Callable[[str, bytes], SourceFile]
# Each reader by the file suffixes it reads; anything else is read as Python.
_READERS: Dict[str, Reader] = {
    ".py": python.read_python,
    ".pyi": python.read_python,
    ".ipynb": notebook.read_notebook,
    ".md": markdown.read_markdown,
    ".mdx": markdown.read_markdown,
    ".markdown": markdown.read_markdown,
    ".sh": launch.read_shell,
    ".bash": launch.read_shell,
    ".yaml": launch.read_recipe,
    ".yml": launch.read_recipe,
}


def supported_suffixes() -> Sequence[str]:
    return tuple(_READERS)


def read_source(path: str, data: bytes) -> SourceFile:
    """Build a ``SourceFile`` from a file's bytes, choosing the reader by suffix (Python by default)."""
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    reader = _READERS.get(suffix, _READERS[".py"])
    return reader(path, data)
