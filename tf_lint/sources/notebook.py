"""Jupyter notebooks: the code cells of a Python notebook, as one program in cell order.

Each cell is read as IPython reads it. A cell indented as a whole is dedented (IPython removes the
lines' common indentation). IPython syntax is masked so the rest parses, keeping every row where it
was: line magics, shell escapes (``!pip install``, continued with ``\\``), ``x = !ls``, ``?`` help,
and the first line of Python cell magics (``%%time``). A cell magic that makes the cell something else
(``%%bash``, ``%%writefile``) leaves the cell out. ``%env NAME=value`` becomes the ``os.environ``
assignment it performs, so the rules about environment variables see it. A one-line cell that is
not Python but starts with the name of a line magic or shell alias (``pip install x``, ``cd dir``,
``ls``) is what IPython's automagic runs (unless an earlier cell bound that name, or the line assigns
to it), and is masked too.

A cell pasted from a Python console or a doctest, whose first (or second) line starts with a ``>>>``
prompt, has its ``>>> `` and ``... `` prompts removed from every line, as IPython's classic-prompt
transform does before it runs the cell (lines without a prompt, such as pasted output, are kept as
IPython keeps them); positions still point at the cell's own columns, and fixes are written back with
the prompts.
A notebook is Python when its kernel is: see ``_is_python``.

A cell that still does not parse is reported alone (TFL001, at its own cell) and left out of the
program; the other cells remain one program in order, so one broken cell hides nothing else.

Fixes are written back into the affected cells' ``source`` only, and the notebook is re-serialised
with the layout detected from the file (indentation, key order, escaping, trailing newline); if that
layout cannot be reproduced exactly, the fix is refused rather than reformat the file.
"""

from __future__ import annotations

import ast
import json
import os
import re
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

from tf_lint.sources import mapped
from tf_lint.sources.document import Document, SourceError, SourceFile, parse_quietly

# Cell magics whose body is not Python.
NON_PYTHON_CELL_MAGICS = frozenset({
    "bash", "sh", "script", "writefile", "file", "html", "javascript", "js", "latex", "markdown", "perl",
    "ruby", "svg", "sx", "system", "sql", "cmd", "powershell", "python2", "pypy", "R", "julia",
})
_ENV_MAGIC = re.compile(r"^(\s*)%env\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*|\s+)(.*?)\s*$")
_MAGIC_LINE = re.compile(r"^\s*(%|!)")
_MAGIC_ASSIGN = re.compile(r"^\s*[A-Za-z_][\w.,\s]*=\s*[!%]")
# IPython's help syntax: a line that is only ``obj?``, ``obj.attr??``, ``?obj``, ``%magic?`` or a
# wildcard search (``*int*?``). Not any line ending in "?": ``x = f(y)  # why?`` is Python (the "?" is
# in a comment, where IPython's tokens do not see it).
_HELP = re.compile(r"^\s*(?:\?\??\s*(?:%{0,2}[\w*]+(?:\.[\w*]+)*)?\??|%{0,2}[\w*]+(?:\.[\w*]+)*\?\??)\s*$")
# What IPython 9's automagic runs without a ``%``: its line magics (IPython.core.magics, ipykernel's
# terminal ones) and the shell aliases it defines on POSIX (IPython.core.alias.default_aliases).
AUTOMAGIC_NAMES = frozenset({
    "alias", "alias_magic", "autoawait", "autocall", "automagic", "bookmark", "cd", "code_wrap", "colors",
    "conda", "config", "debug", "dhist", "dirs", "doctest_mode", "edit", "env", "gui", "history",
    "killbgscripts", "load", "load_ext", "loadpy", "logoff", "logon", "logstart", "logstate", "logstop",
    "lsmagic", "macro", "magic", "mamba", "matplotlib", "micromamba", "notebook", "page", "pastebin", "pdb",
    "pdef", "pdoc", "pfile", "pinfo", "pinfo2", "pip", "popd", "pprint", "precision", "prun", "psearch",
    "psource", "pushd", "pwd", "pycat", "quickref", "recall", "rehashx", "reload_ext", "rerun", "reset",
    "reset_selective", "run", "save", "sc", "set_env", "sx", "t2", "tb", "time", "timeit", "unalias",
    "unload_ext", "uv", "who", "who_ls", "whos", "xdel", "xmode",
    "clear", "less", "more", "man", "autosave", "connect_info", "qtconsole",
    "mkdir", "rmdir", "mv", "rm", "cp", "cat", "ls", "ll", "lf", "lk", "ldir", "lx",
})
_IFUN = re.compile(r"^\s*([\w.*]*)(.*)$")  # IPython's split of a line: the "function part" and the rest


def _mask(line: str, index: int, masked: Dict[int, str], indent: Optional[str] = None,
          automagic: bool = False) -> str:
    """Python standing in for an IPython line, at the line's own indentation (or ``indent``: a
    continuation line of a shell command stands at its first line's); ``automagic``: the line is a
    magic written without its ``%``."""
    masked[index] = line
    env = _ENV_MAGIC.match("%" + line.lstrip() if automagic else line)
    if indent is None:
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
    continuing: Optional[str] = None  # indentation of the IPython line a ``\\`` continues
    for i, line in enumerate(lines):
        is_cell_magic = i == 0 and line.strip().startswith("%%")
        if continuing is not None or is_cell_magic or _MAGIC_LINE.match(line) or _MAGIC_ASSIGN.match(line) or (
                _HELP.match(line)):
            indent = continuing if continuing is not None else line[: len(line) - len(line.lstrip())]
            result.append(_mask(line, len(masked), masked, indent))
            continuing = indent if line.rstrip().endswith("\\") and not is_cell_magic else None
        else:
            result.append(line)
    return result


def _dedented(source: str) -> Tuple[str, str]:
    """The cell as IPython runs it, with the common indentation of its lines removed, and that
    indentation (``textwrap.dedent``'s rule; lines of only whitespace are left as they are)."""
    lines = source.split("\n")
    margins = [re.match(r"[ \t]*", line).group() for line in lines if line.strip()]
    indent = os.path.commonprefix(margins) if margins else ""
    if not indent:
        return source, ""
    return "\n".join(line[len(indent):] if line.strip() else line for line in lines), indent


# IPython's classic prompts (``IPython.core.inputtransformer2.classic_prompt``): a cell whose first line
# starts with ``>>>`` has ``>>> ``, ``... `` (or a bare ``>>>``, ``...``) removed from the start of each line.
# IPython up to 9.9 strips them when the first line has ``>>>`` or the second line a prompt; 9.10 and
# later when any line has ``>>>`` (indented too, then dedenting). Read here: the cells on which both agree,
# a ``>>>`` on the first or second line (IPython drops leading blank lines first).
_FIRST_PROMPT = re.compile(r"^>>>( |$)")
_PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)")
PROMPT_WIDTH = 4  # every prompted line is shifted by 4 (a bare ``>>>`` line holds no code to point at)


def _without_prompts(source: str) -> Tuple[str, Optional[List[str]]]:
    """The cell as IPython runs it after its classic-prompt transform, and each line's prompt ("" for a
    line without one), or None when the cell has no prompts."""
    lines = source.split("\n")
    body = lines[next((i for i, line in enumerate(lines) if line.strip()), len(lines)):]
    if not any(_FIRST_PROMPT.match(line) for line in body[:2]):
        return source, None
    prompts = [m.group() if m else "" for m in map(_PROMPT.match, lines)]
    return "\n".join(line[len(prompt):] for line, prompt in zip(lines, prompts)), prompts


def _with_prompts(old_lines: List[str], prompts: List[str], new_lines: List[str]) -> List[str]:
    """A fixed prompted cell written back: a line the fix left alone keeps its own prompt (or none, for
    output); a changed line keeps the prompt of the line it replaces; a new line gets ``>>> `` where a
    statement starts and ``... `` inside one."""
    import difflib

    starts: Set[int] = {0}
    try:
        starts |= {stmt.lineno - 1 for stmt in parse_quietly("\n".join(new_lines) + "\n").body}
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        pass

    def prompted(prompt: str, line: str) -> str:
        return prompt.rstrip() if not line else prompt.rstrip() + " " + line if prompt else line

    result: List[str] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        for offset, j in enumerate(range(b0, b1)):
            if tag in ("equal", "replace") and a0 + offset < a1:
                prompt = prompts[a0 + offset]
            else:
                prompt = ">>>" if j in starts else "..."
            result.append(prompted(prompt, new_lines[j]))
    return result


def _automagic(source: str, lines: List[str], bound: Set[str], masked: Dict[int, str]) -> Optional[List[str]]:
    """The cell with its line masked, when IPython's automagic runs it: a cell of one line (after
    leading blank lines; IPython applies automagic to single-line input only) whose first word is a
    line magic or shell alias that no earlier cell bound, and that does not assign to that name."""
    body = source.split("\n")
    while len(body) > 1 and not body[0].strip():  # IPython drops leading blank lines first
        body.pop(0)
    if len("\n".join(body).splitlines()) != 1:
        return None
    match = _IFUN.match(body[0])
    name, rest = match.group(1), match.group(2).lstrip()
    if name not in AUTOMAGIC_NAMES or name in bound or rest[:1] in ("=", ","):
        return None
    index = next(i for i, line in enumerate(lines) if line.strip())
    if "#tf-lint-masked:" in lines[index]:
        return None
    result = list(lines)
    result[index] = _mask(lines[index], len(masked), masked, automagic=True)
    return result


def bound_names(tree: ast.Module) -> Set[str]:
    """Names a cell binds at module level or below (assignments, imports, definitions, loop targets):
    IPython's automagic does not run a magic whose name the user's namespace holds."""
    names: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def _cell_text(cell: Dict[str, Any]) -> Optional[str]:
    """The cell's source, or None when it is neither a string nor a list of strings (not nbformat)."""
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    return source if isinstance(source, str) else None


_PYTHON_LANGUAGES = frozenset({"python", "python3", "ipython", "ipython3"})
# Kernels of other languages, by kernelspec name, for a notebook that states no language: IRkernel,
# IJulia, and the other common kernels' default names.
_OTHER_KERNEL = re.compile(r"^(ir|julia(-[\d.]+)?|scala\d*|almond|javascript|typescript|tslab|deno|bash|rust|"
                           r"evcxr_jupyter|gophernotes|go|xcpp\d*|sas|sql|powershell|matlab|imatlab|octave|"
                           r"wolframlanguage[\d.]*|haskell|ruby|java|kotlin|\.net-\w+|sparkkernel|sparkrkernel)$",
                           re.IGNORECASE)


def _is_python(nb: Dict[str, Any]) -> bool:
    """Whether the notebook's kernel runs Python. A stated language decides (``kernelspec.language``,
    then ``language_info.name``); an empty one states nothing (editors write ``"name": ""`` before the
    kernel first runs). With no language stated, the kernelspec's name decides when it is another
    language's kernel (``ir``, ``julia-1.10``); a ``python3`` kernel, a virtual environment's own kernel
    name, or no kernelspec at all is Python, as Jupyter itself defaults."""
    def table(value: Any) -> Dict[str, Any]:  # hand-edited notebooks hold anything
        return value if isinstance(value, dict) else {}

    meta = table(nb.get("metadata"))
    kernel = table(meta.get("kernelspec"))
    for language in (kernel.get("language"), table(meta.get("language_info")).get("name")):
        if language is not None and str(language).strip():
            return str(language).strip().lower() in _PYTHON_LANGUAGES
    name = kernel.get("name")
    return not (isinstance(name, str) and _OTHER_KERNEL.match(name.strip()))


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
    cells: List[Tuple[mapped.Piece, str]] = []  # each Python cell's piece and its dedented source
    indents: Dict[int, str] = {}  # cell index -> the indentation IPython removes from it
    prompted: Dict[int, Tuple[List[str], List[str]]] = {}  # cell index -> its lines without prompts, prompts
    for index, cell in enumerate(nb["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        cell_text = _cell_text(cell)
        if cell_text is None:
            continue
        source, indent = _dedented(cell_text)
        source, prompts = _without_prompts(source)
        lines = python_lines(source, masked)
        if lines is None:
            continue
        if indent:
            indents[index] = indent
        cols = None
        if prompts is not None:
            prompted[index] = (source.split("\n"), prompts)
            cols = []
            for prompt, line in zip(prompts, prompted[index][0]):  # a blank line keeps its neighbour's
                cols.append(len(indent) + PROMPT_WIDTH if prompt else cols[-1] if cols and not line.strip()
                            else len(indent))
        cells.append((mapped.Piece(lines=lines, row=1, cell=index, key=index, col=len(indent), cols=cols), source))
    installs = _installs(nb["cells"])
    launches = [Document(text=mapped.join([piece]), path=path, mapped=True, language="shell")
                for piece in _launch_pieces(nb["cells"])]
    documents = [Document(text=mapped.join(pieces), path=path, mapped=True, masked=masked)
                 for pieces in _programs(cells, masked) if pieces] + launches

    def rebuild(new_texts: Dict[int, str]) -> bytes:
        if not new_texts:
            return data
        layout = _layout(text, nb)
        if layout is None:
            raise SourceError("the notebook's JSON layout could not be reproduced; fix not written")
        nb_cells = nb["cells"]
        for _document, new_text in sorted(new_texts.items()):
            if documents[_document].language != "python":
                continue  # launch documents are written after the Python ones, into the cells those left
            for cell_index, _row, lines in mapped.split(new_text):
                if not 0 <= cell_index < len(nb_cells):
                    continue
                indent = indents.get(cell_index, "")
                lines = mapped.restore(lines, masked)
                if cell_index in prompted:
                    lines = _with_prompts(*prompted[cell_index], lines)
                new_source = "\n".join(indent + line if indent and line.strip() else line for line in lines)
                old_source = _cell_text(nb_cells[cell_index])
                if old_source.endswith("\n") and not new_source.endswith("\n"):
                    new_source += "\n"
                if new_source != old_source:
                    nb_cells[cell_index]["source"] = _source_like(nb_cells[cell_index].get("source"), new_source)
        for _document, new_text in sorted(new_texts.items()):
            if documents[_document].language == "shell":
                _write_shell_lines(nb_cells, documents[_document].text, new_text)
        options = {k: v for k, v in layout.items() if k not in ("ending", "crlf")}
        out = json.dumps(nb, **options) + layout["ending"]
        if layout["crlf"]:
            out = out.replace("\n", "\r\n")
        prefix = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        return prefix + out.encode("utf-8")

    return SourceFile(path=path, documents=documents, rebuild=rebuild, original=data, installs=installs,
                      kind="notebook")


def _write_shell_lines(nb_cells: List[Any], old_text: str, new_text: str) -> None:
    """Write a launch document's changed lines (a fix of a ``!`` line or a ``%%bash`` line: edits inside
    the line) into its cell. The line is found at its own row, or, where a Python fix of the same cell moved
    the rows, as the one line of the cell with the old text; otherwise nothing is written."""
    old_pieces, new_pieces = mapped.split(old_text), mapped.split(new_text)
    if [(c, r, len(lines)) for c, r, lines in old_pieces] != [(c, r, len(lines)) for c, r, lines in new_pieces]:
        raise SourceError("a fix of a notebook's shell line changed its rows; fix not written")
    for (cell_index, _row, before), (_cell, _same, after) in zip(old_pieces, new_pieces):
        if before == after or not 0 <= cell_index < len(nb_cells):
            continue
        source = _cell_text(nb_cells[cell_index])
        if source is None:
            raise SourceError(f"cell {cell_index + 1} could not be read back; fix not written")
        lines = source.split("\n")
        for row, (old_line, new_line) in enumerate(zip(before, after)):
            if old_line == new_line:
                continue
            if row < len(lines) and lines[row] == old_line:
                lines[row] = new_line
            elif lines.count(old_line) == 1:
                lines[lines.index(old_line)] = new_line
            else:
                raise SourceError(f"a shell line of cell {cell_index + 1} could not be found again; fix not written")
        new_source = "\n".join(lines)
        if new_source != source:
            nb_cells[cell_index]["source"] = _source_like(nb_cells[cell_index].get("source"), new_source)


# Cell magics whose body is shell commands, and line magics that install packages.
_SHELL_CELL_MAGICS = frozenset({"bash", "sh", "system", "sx", "script"})
_INSTALL_MAGIC = re.compile(r"^\s*%(?:pip|conda|mamba|micromamba|uv)\b")
_INSTALL_WORD = re.compile(r"^\s*(?:pip\d*|conda|mamba|uv)\s+(?:pip\s+)?install\b")


def _installs(nb_cells: List[Any]) -> Tuple[Any, ...]:
    """What the notebook's cells install, in cell order (:mod:`tf_lint.installs`)."""
    from tf_lint.installs import installs_in_line

    return tuple(found for line, where in shell_lines(nb_cells, "install") for found in installs_in_line(line, where))


def shell_lines(nb_cells: List[Any], word: str = "") -> Iterator[Tuple[str, str]]:
    """(line, "cell N") for each shell command line of the notebook's code cells, in order: ``!`` lines
    and ``%pip``/``%conda`` magics, the lines of ``%%bash``/``%%sh`` cells, and a one-line cell that
    automagic runs (``pip install x``); backslash continuations joined. ``word``: only cells holding it
    (a cheap scan first: most cells have no such command)."""
    for index, cell in enumerate(nb_cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        text = _cell_text(cell)
        if not text or word not in text:
            continue
        from tf_lint.installs import joined_lines

        lines = [line for _index, line in joined_lines(text.split("\n"))]
        first = lines[0].strip() if lines else ""
        shell = first.startswith("%%") and (first[2:].split() or [""])[0] in _SHELL_CELL_MAGICS
        single = len([line for line in lines if line.strip()]) == 1
        for number, line in enumerate(lines):
            if shell and number > 0 or line.lstrip().startswith("!") or _INSTALL_MAGIC.match(line) or (
                    single and _INSTALL_WORD.match(line)):
                yield line, f"cell {index + 1}"


_LAUNCH_WORD = re.compile(r"\b(?:python[\d.]*|accelerate|torchrun|deepspeed|trl)\s")


def _launch_pieces(nb_cells: List[Any]) -> Iterator[mapped.Piece]:
    """A launch document's piece for each code cell with a shell line that may launch a program (``!python
    train.py ...``, a ``%%bash`` cell): the cell's rows, its other lines left blank so that rows stay the
    cell's. A fix edits inside a line; :func:`_write_shell_lines` writes it back into the cell."""
    for index, cell in enumerate(nb_cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        text = _cell_text(cell)
        if not text or not _LAUNCH_WORD.search(text):
            continue
        lines = text.split("\n")
        first = lines[0].strip()
        shell = first.startswith("%%") and (first[2:].split() or [""])[0] in _SHELL_CELL_MAGICS
        kept, carry = [], False
        for number, line in enumerate(lines):
            keep = (shell and number > 0) or line.lstrip().startswith("!") or carry
            kept.append(line if keep else "")
            carry = keep and line.rstrip().endswith("\\")
        if any(_LAUNCH_WORD.search(line) for line in kept):
            yield mapped.Piece(lines=kept, row=1, cell=index, key=index)


def cells_of(data: bytes) -> List[Any]:
    """The cells of a notebook file's bytes ([] when it is not a readable notebook)."""
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return []
    cells = nb.get("cells") if isinstance(nb, dict) else None
    return cells if isinstance(cells, list) else []


def _parse(lines: List[str]) -> Optional[ast.Module]:
    try:
        return parse_quietly("\n".join(lines) + "\n")
    except (SyntaxError, ValueError, MemoryError, RecursionError):  # MemoryError: absurd nesting
        return None


def _programs(cells: List[Tuple[mapped.Piece, str]], masked: Dict[int, str]) -> List[List[mapped.Piece]]:
    """The cells that parse, as one program in order, then each cell that does not, alone. The whole
    notebook is tried first (the usual case: one parse); only when it fails is each cell parsed."""
    pieces = [piece for piece, _source in cells]
    if _parse(mapped.join(pieces).split("\n")) is not None:
        return [pieces]
    program: List[mapped.Piece] = []
    alone: List[List[mapped.Piece]] = []
    bound: Set[str] = set()
    for piece, source in cells:
        tree = _parse(piece.lines)
        if tree is None:
            lines = _automagic(source, piece.lines, bound, masked)
            if lines is not None and _parse(lines) is not None:
                piece.lines = lines
                program.append(piece)
            else:
                alone.append([piece])
            continue
        bound |= bound_names(tree)
        program.append(piece)
    return [program] + alone


def _source_like(old: Any, new: str) -> Any:
    """Keep the cell's ``source`` form: a list of lines (the usual) or one string."""
    if isinstance(old, list):  # split at "\n" only, as nbformat does (not at form feeds or U+2028)
        return re.findall(r"[^\n]*\n|[^\n]+\Z", new)
    return new
