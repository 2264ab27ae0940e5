"""Jupyter notebooks: the code cells of a Python notebook, as one program in cell order.

IPython syntax is masked so the rest parses, keeping every row where it was: line magics, shell
escapes (``!pip install``), ``x = !ls``, ``?`` help, and the first line of Python cell magics
(``%%time``). A cell magic that makes the cell something else (``%%bash``, ``%%writefile``) leaves
the cell out. ``%env NAME=value`` becomes the ``os.environ`` assignment it performs, so the rules
about environment variables see it.

Fixes are written back into the affected cells' ``source`` only, and the notebook is re-serialised
with the layout detected from the file (indentation, key order, escaping, trailing newline); if that
layout cannot be reproduced exactly, the fix is refused rather than reformat the file.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional

from tf_lint.sources import Document, SourceError, SourceFile, mapped, register_reader

# Cell magics whose body is not Python.
NON_PYTHON_CELL_MAGICS = frozenset({
    "bash", "sh", "script", "writefile", "file", "html", "javascript", "js", "latex", "markdown", "perl",
    "ruby", "svg", "sx", "system", "sql", "cmd", "powershell", "python2", "pypy", "R", "julia",
})
_ENV_MAGIC = re.compile(r"^(\s*)%env\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*|\s+)(.*?)\s*$")
_MAGIC_LINE = re.compile(r"^\s*(%|!)")
_MAGIC_ASSIGN = re.compile(r"^\s*[A-Za-z_][\w.,\s]*=\s*[!%]")
_HELP = re.compile(r"^\s*\?|\?\??\s*$")


def _mask(line: str, index: int, masked: Dict[int, str]) -> str:
    """Python with the same indentation standing in for an IPython line."""
    masked[index] = line
    env = _ENV_MAGIC.match(line)
    indent = line[: len(line) - len(line.lstrip())]
    if env:
        name, value = env.group(2), env.group(3)
        return f'{indent}__import__("os").environ[{name!r}] = {value!r}  #tf-lint-masked:{index}'
    return f"{indent}pass  #tf-lint-masked:{index}"


def python_lines(source: str, masked: Dict[int, str]) -> Optional[List[str]]:
    """The cell's lines with IPython syntax masked, or None for a cell that is not Python."""
    lines = source.split("\n")
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        magic = first[2:].split()[0] if first[2:].split() else ""
        if magic in NON_PYTHON_CELL_MAGICS:
            return None
    result = []
    continuing = False
    for i, line in enumerate(lines):
        is_cell_magic = i == 0 and line.strip().startswith("%%")
        if continuing or is_cell_magic or _MAGIC_LINE.match(line) or _MAGIC_ASSIGN.match(line) or (
                _HELP.search(line) and not line.lstrip().startswith("#")):
            result.append(_mask(line, len(masked), masked))
            continuing = line.rstrip().endswith("\\") and not is_cell_magic
        else:
            result.append(line)
            continuing = False
    return result


def _cell_text(cell: Dict[str, Any]) -> Optional[str]:
    """The cell's source, or None when it is neither a string nor a list of strings (not nbformat)."""
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    return source if isinstance(source, str) else None


def _is_python(nb: Dict[str, Any]) -> bool:
    def table(value: Any) -> Dict[str, Any]:  # hand-edited notebooks hold anything
        return value if isinstance(value, dict) else {}

    meta = table(nb.get("metadata"))
    language = table(meta.get("kernelspec")).get("language") or table(meta.get("language_info")).get("name")
    return language is None or str(language).lower() in ("python", "python3", "ipython", "ipython3")


def _layout(text: str, nb: Any) -> Optional[Dict[str, Any]]:
    """json.dumps arguments that reproduce ``text`` exactly from ``nb``, if any do."""
    for indent in (1, 2, 4, None, "\t", 3):
        for ensure_ascii in (False, True):
            options = {"indent": indent, "ensure_ascii": ensure_ascii}
            if indent is None:
                options["separators"] = (", ", ": ")
            dumped = json.dumps(nb, **options)
            for ending in ("\n", "", "\r\n"):
                candidate = dumped + ending
                if candidate == text or candidate.replace("\n", "\r\n") == text:
                    return dict(options, ending=ending, crlf=candidate != text)
    return None


@register_reader(".ipynb")
def read_notebook(path: str, data: bytes) -> SourceFile:
    try:
        text = data.decode("utf-8-sig")
        nb = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"not a readable notebook: {exc}") from None
    except RecursionError:
        raise SourceError("not a readable notebook: JSON nested too deeply") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise SourceError("not a notebook: no list of cells")
    if not _is_python(nb):
        return SourceFile(path=path, documents=[], rebuild=lambda new: data, original=data)
    masked: Dict[int, str] = {}
    pieces: List[mapped.Piece] = []
    for index, cell in enumerate(nb["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        cell_text = _cell_text(cell)
        lines = None if cell_text is None else python_lines(cell_text, masked)
        if lines is None:
            continue
        pieces.append(mapped.Piece(lines=lines, row=1, cell=index, key=index))
    if not pieces:
        return SourceFile(path=path, documents=[], rebuild=lambda new: data, original=data)
    document = Document(text=mapped.join(pieces), path=path, mapped=True, masked=masked)

    def rebuild(new_texts: Dict[int, str]) -> bytes:
        if 0 not in new_texts:
            return data
        layout = _layout(text, nb)
        if layout is None:
            raise SourceError("the notebook's JSON layout could not be reproduced; fix not written")
        cells = nb["cells"]
        for cell_index, _row, lines in mapped.split(new_texts[0]):
            if not 0 <= cell_index < len(cells):
                continue
            new_source = "\n".join(mapped.restore(lines, masked))
            old_source = _cell_text(cells[cell_index])
            if old_source.endswith("\n") and not new_source.endswith("\n"):
                new_source += "\n"
            if new_source != old_source:
                cells[cell_index]["source"] = _source_like(cells[cell_index].get("source"), new_source)
        options = {k: v for k, v in layout.items() if k not in ("ending", "crlf")}
        out = json.dumps(nb, **options) + layout["ending"]
        if layout["crlf"]:
            out = out.replace("\n", "\r\n")
        prefix = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        return prefix + out.encode("utf-8")

    return SourceFile(path=path, documents=[document], rebuild=rebuild, original=data)


def _source_like(old: Any, new: str) -> Any:
    """Keep the cell's ``source`` form: a list of lines (the usual) or one string."""
    if isinstance(old, list):  # split at "\n" only, as nbformat does (not at form feeds or U+2028)
        return re.findall(r"[^\n]*\n|[^\n]+\Z", new)
    return new
