"""Markdown and MDX: fenced Python code blocks, doctest examples included.

Blocks tagged ``py``, ``python``, ``python3``, ``pycon``, ``ipython`` (or untagged but written as a
doctest, ``>>>``) are linted; everything else in the file — prose, other languages, doc-builder syntax
such as ``<Tip>``, ``[[anchors]]`` or MDX components around the blocks — is left alone. ``>>>`` and
``...`` prompts are stripped and output lines dropped; positions point at the file's own lines and
columns. A block written as a notebook cell (``!pip install``, ``%pip``, ``%env``) has its IPython
lines masked as in notebooks (and restored on write). The blocks of a file form one program in order
(docs build on earlier blocks); a block that does not parse on its own is left out of the program and
is, by default, silent: docs hold pseudo-code written to be read (``load_adapter(<path-to-adapter>)``,
``Trainer(model=model, ...)``), so its syntax error is reported (TFL001) only when TFL001 is selected
by its full code (``--select TFL001``, ``extend-select = ["TFL001"]``). A block holding Jinja
placeholders (``{{ model_id }}``, ``{% if %}``: a template such as a model card's, not code yet) is
skipped even then. A block whose info string marks it as output (```python out``, ```python output``:
the HF doc-builder's output blocks) is not code. Fixes are written back into their block, prompts and
indentation restored. A shell block that may launch a program (``python``, ``accelerate``, ``torchrun``,
``deepspeed``, ``trl``) is a launch document of its own (``language`` "shell"), checked by the rules that
read launch commands, its fixes written back into the block the same way.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

from tf_lint.sources import mapped
from tf_lint.sources.document import Document, SourceError, SourceFile, parse_quietly, split_lines

PYTHON_TAGS = frozenset({"py", "python", "python3", "pycon", "ipython", "ipython3", "py3"})
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*)$")
# Attributes after the language that mark a block as a program's output, not code: the HF
# doc-builder's ```python out (course, accelerate) and ```python output (smol-course).
OUTPUT_ATTRIBUTES = frozenset({"out", "output"})
_PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


class _Block:
    def __init__(self, indent: str, rows: List[int], lines: List[str]) -> None:
        self.indent = indent
        self.rows = rows  # file rows of the block's body lines (1-based)
        self.lines = lines  # body lines, indentation stripped, no line endings


def _fenced(lines: List[str]) -> List[Tuple[str, List[str], _Block]]:
    """Every fenced block of the file: (language, attributes, block)."""
    blocks: List[Tuple[str, List[str], _Block]] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i].rstrip("\r\n"))
        if not match:
            i += 1
            continue
        fence, indent = match.group("fence"), match.group("indent")
        tag, attributes = info_string(match.group("info"))
        body_rows, body = [], []
        j = i + 1
        while j < len(lines):
            stripped = lines[j].rstrip("\r\n")
            if stripped.strip().startswith(fence[0] * len(fence)) and not stripped.strip().strip(fence[0]):
                break
            body_rows.append(j + 1)
            text = stripped[len(indent):] if stripped.startswith(indent) else stripped.lstrip()
            body.append(text)
            j += 1
        blocks.append((tag, attributes, _Block(indent, body_rows, body)))
        i = j + 1
    return blocks


def _blocks(fenced: List[Tuple[str, List[str], _Block]]) -> List[_Block]:
    """The Python blocks: tagged as Python, or untagged doctests; not output."""
    blocks: List[_Block] = []
    for tag, attributes, block in fenced:
        is_doctest = any(line.startswith(">>>") for line in block.lines)
        is_output = bool(OUTPUT_ATTRIBUTES & set(attributes))
        if (tag in PYTHON_TAGS or (not tag and is_doctest)) and not is_output:
            blocks.append(block)
    return blocks


SHELL_TAGS = frozenset({"bash", "sh", "shell", "console", "zsh", "shell-session", "terminal", ""})
# A shell block's line that runs a command tf-lint reads: an install, or a program launch.
_SHELL_COMMAND = re.compile(r"^\s*(?:\$\s+)?(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:sudo\s+)?"
                            r"(?:pip|python|uv|conda|mamba|accelerate|torchrun|deepspeed|trl\s|cd\b)")


def _installs(fenced: List[Tuple[str, List[str], _Block]]) -> Tuple[Any, ...]:
    """What the page's blocks install, in order (:mod:`tf_lint.installs`)."""
    from tf_lint.installs import installs_in_line

    return tuple(found for line, where in _shell_lines(fenced, "install") for found in installs_in_line(line, where))


def shell_lines(text: str, word: str = "") -> Iterator[Tuple[str, str]]:
    """(line, "line N") for each shell command line of a page: the lines of its shell blocks (``bash``,
    ``sh``, ``shell``, ``console``, untagged) that run a command, and the ``!``/``%pip`` lines of blocks
    written as notebook cells. ``word``: only blocks holding it."""
    return _shell_lines(_fenced(split_lines(text)), word)


def _shell_lines(fenced: List[Tuple[str, List[str], _Block]], word: str) -> Iterator[Tuple[str, str]]:
    from tf_lint.installs import joined_lines

    for tag, attributes, block in fenced:
        if OUTPUT_ATTRIBUTES & set(attributes) or not any(word in line for line in block.lines):
            continue
        shell = tag in SHELL_TAGS
        for index, line in joined_lines(block.lines):
            row = block.rows[index]
            if (shell and _SHELL_COMMAND.match(line)) or re.match(r"\s*(?:!|%(?:pip|conda|uv)\b)", line):
                yield line, f"line {row}"


_LAUNCH_WORD = re.compile(r"\b(?:python[\d.]*|accelerate|torchrun|deepspeed|trl)\s")


def _launch_blocks(fenced: List[Tuple[str, List[str], _Block]]) -> Iterator[Tuple[mapped.Piece, _Block]]:
    """The shell blocks (``bash``, ``sh``, ``shell``, ``console``, untagged) that may launch a program: each
    one launch document (:mod:`tf_lint.sources.launch`), its rows the file's."""
    for tag, attributes, block in fenced:
        if (tag not in SHELL_TAGS or OUTPUT_ATTRIBUTES & set(attributes) or not block.rows
                or any(line.startswith(">>>") for line in block.lines)
                or not any(_LAUNCH_WORD.search(line) for line in block.lines)):
            continue
        yield mapped.Piece(lines=list(block.lines), row=block.rows[0], col=len(block.indent)), block


def info_string(info: str) -> Tuple[str, List[str]]:
    """A fence's info string as (language, attributes), lower case: the language is its first word
    (``python`` in ```python out``, ```py title="x.py"``, ```{python}``, ```{.python .numberLines}``,
    ```python,``), the attributes the words after it (``out``, ``title="x.py"``)."""
    words = [word.strip("{},").lower() for word in info.replace("{", " { ").split()]
    words = [word for word in words if word]
    if not words:
        return "", []
    return words[0].lstrip("."), words[1:]


def _pieces(block: _Block, key: int) -> List[mapped.Piece]:
    """A plain block is one piece; a doctest block is one piece per example (outputs dropped)."""
    col = len(block.indent)
    if not any(line.startswith(">>>") for line in block.lines):
        return [mapped.Piece(lines=list(block.lines), row=block.rows[0], col=col, key=key)] if block.rows else []
    pieces: List[mapped.Piece] = []
    current: Optional[mapped.Piece] = None
    for row, line in zip(block.rows, block.lines):
        prompt = _PROMPT.match(line)
        if prompt and (prompt.group(1) == ">>>" or current is not None):
            if prompt.group(1) == ">>>":
                current = mapped.Piece(lines=[], row=row, col=col + 4, key=key)
                pieces.append(current)
            current.lines.append(line[4:])
        else:
            current = None  # an output line ends the example
    return pieces


def _parses(lines: List[str]) -> bool:
    try:
        parse_quietly("\n".join(lines) + "\n")
        return True
    except (SyntaxError, ValueError, MemoryError, RecursionError):  # MemoryError: absurd nesting
        return False


def read_markdown(path: str, data: bytes) -> SourceFile:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"cannot decode as UTF-8: {exc}") from None
    lines = split_lines(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    program: List[mapped.Piece] = []
    alone: List[List[mapped.Piece]] = []
    masked: Dict[int, str] = {}  # IPython lines of blocks copied from notebooks, as in notebooks
    originals: Dict[int, Tuple[mapped.Piece, _Block]] = {}  # first row of a piece -> piece, its block
    standins: Set[int] = set()  # first rows of the stand-ins of blocks that do not parse
    fenced = _fenced(lines)
    for key, block in enumerate(_blocks(fenced)):
        pieces = _pieces(block, key)
        if not pieces:
            continue
        for piece in pieces:
            originals[piece.row] = (piece, block)
        body = [line for piece in pieces for line in piece.lines]
        if _parses(body) or (len(pieces) == 1 and _masked_ipython(pieces[0], masked)):
            program.extend(pieces)
        elif not _TEMPLATE.search("\n".join(body)):  # a Jinja template (model cards) is no Python yet
            alone.append(pieces)
            program.extend(_stand_in(piece, standins) for piece in pieces)
    documents = [Document(text=mapped.join(pieces), path=path, mapped=True, masked=masked, illustrative=index > 0)
                 for index, pieces in enumerate([program] + alone) if pieces]
    for piece, block in _launch_blocks(fenced):
        originals[piece.row] = (piece, block)
        documents.append(Document(text=mapped.join([piece]), path=path, mapped=True, language="shell"))

    def rebuild(new_texts: Dict[int, str]) -> bytes:
        out = list(lines)
        replacements: List[Tuple[int, int, List[str]]] = []
        for index, new_text in new_texts.items():
            for _cell, row, new_lines in mapped.split(new_text):
                if row in standins:
                    continue  # the stand-in of a block that does not parse: its text stays the author's
                if row not in originals:
                    raise SourceError(f"a fix lost track of its code block (row {row}); nothing written")
                piece, block = originals[row]
                is_doctest = piece.col == len(block.indent) + 4
                new_lines = mapped.restore(new_lines, masked)
                rendered = _with_prompts(new_lines) if is_doctest else new_lines
                body = [(block.indent + line if line else line) + newline for line in rendered]
                replacements.append((row, len(piece.lines), body))
        for row, count, body in sorted(replacements, reverse=True):
            if count and not out[row + count - 2].endswith(("\n", "\r")):
                body[-1] = body[-1].rstrip("\r\n")  # the file's last line had no line ending
            out[row - 1: row - 1 + count] = body
        return ("\ufeff" if data.startswith(b"\xef\xbb\xbf") else "").encode() + "".join(out).encode("utf-8")

    return SourceFile(path=path, documents=documents, rebuild=rebuild, original=data, installs=_installs(fenced),
                      kind="page")


# A line of a block that binds names at its top level: ``tokenizer = ...``, ``a, b = ...``, ``def f(``.
_BINDS = re.compile(r"^(?:(?:async\s+)?def\s+(\w+)|class\s+(\w+)|([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?::[^=]*)?=(?!=))")
UNPARSED = "__tf_lint_unparsed__"


def _stand_in(piece: mapped.Piece, standins: Set[int]) -> mapped.Piece:
    """What a block that does not parse leaves in the page's program: the names its lines bind, rebound
    to an unknown value (``tokenizer = AutoTokenizer.from_pretrained(<your model>)`` makes ``tokenizer``
    no longer the tokenizer of an earlier block), line for line so that positions still map. The block
    itself is reported alone (TFL001); fixes never write the stand-in back."""
    lines = []
    for line in piece.lines:
        match = _BINDS.match(line)
        names = [n.strip() for n in (match.group(1) or match.group(2) or match.group(3)).split(",")] if match else []
        lines.append(" = ".join(names + [UNPARSED]) if names else "")
    standins.add(piece.row)
    return mapped.Piece(lines=lines, row=piece.row, cell=piece.cell, col=piece.col, key=piece.key,
                        rows=piece.rows)


def _masked_ipython(piece: mapped.Piece, masked: Dict[int, str]) -> bool:
    """A block written as a notebook cell (``!pip install``, ``%pip``, ``%env``): mask its IPython
    lines as in notebooks (rows kept) when that is what stops it parsing; True when it then parses."""
    from tf_lint.sources.notebook import python_lines

    trial = dict(masked)
    lines = python_lines("\n".join(piece.lines), trial)
    if lines is None or len(trial) == len(masked) or not _parses(lines):
        return False
    masked.update(trial)
    piece.lines = lines
    return True


def _with_prompts(lines: List[str]) -> List[str]:
    """``>>> `` before each line that starts a statement, ``... `` before continuation lines."""
    starts = {0}
    try:
        tree = parse_quietly("\n".join(lines) + "\n")
        starts |= {stmt.lineno - 1 for stmt in tree.body}
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        pass
    result = []
    for i, line in enumerate(lines):
        prompt = ">>>" if i in starts else "..."
        result.append(f"{prompt} {line}" if line else prompt)
    return result
