"""The project's own launch commands: which of its scripts they run, and with which options.

A script's command-line options are unknown at lint time (:mod:`tf_lint.analysis.runtime`): their
defaults are placeholders. A launch command of the same project tells what really runs: ``python
train.py --model_name_or_path t5-base`` gives the option its value, and a launch that leaves an option
out leaves its default in force. This module finds those commands, read, never run:

- shell scripts (``.sh``, ``.bash``): every line, backslash continuations joined;
- Markdown and MDX pages: the command lines of their shell blocks (``bash``, ``sh``, ``shell``,
  ``console``, untagged) and the ``!`` lines of blocks written as notebook cells;
- notebooks: ``!`` lines and ``%%bash``/``%%sh`` cells.

The commands understood: ``python[3] [-u] script.py ARGS``, ``python -m package.module ARGS``,
``accelerate launch [OPTIONS] script.py ARGS``, ``torchrun [OPTIONS] script.py ARGS``, ``deepspeed
[OPTIONS] script.py ARGS`` and ``python -m torch.distributed.run|launch`` likewise (the script is the
first word ending in ``.py``). ``cd DIR && ...`` on the same line is followed. The script is resolved
against the launching file's folder and the project root, and must be the linted file exactly.

The project is the nearest folder above the script holding a ``.git`` or a project file (the same
roots as the transformers requirement, :mod:`tf_lint.target`); its launch files are read once per
process, bounded in number and size, and each one read is noted for the result cache (:mod:`tf_lint.deps`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from tf_lint import deps
from tf_lint.installs import joined_lines, shell_commands

LAUNCH_SUFFIXES = (".sh", ".bash", ".md", ".mdx", ".ipynb")
MAX_FILES = 4000
MAX_BYTES = 2 * 1024 * 1024
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox",
                        "build", "dist", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tf_lint_cache"})
_PYTHON = re.compile(r"python[\d.]*")
_DISTRIBUTED = frozenset({"torch.distributed.run", "torch.distributed.launch", "accelerate.commands.launch"})
# Arguments that hand the parser a file of options (HfArgumentParser's one .json/.yaml argument,
# TrlParser's --config): the options then come from that file, not from the command line.
_OPTION_FILES = (".json", ".yaml", ".yml")
_CONFIG_OPTIONS = frozenset({"config", "config_file", "config_path", "args_file"})


@dataclass(frozen=True)
class Launch:
    """A command of the project that runs ``script`` (an absolute path) with ``words`` as its arguments;
    ``where`` is the command's place (``scripts/train.sh:3``, ``README.md:40``, ``nb.ipynb:cell 2``)."""

    script: str
    words: Tuple[str, ...]
    where: str


@dataclass(frozen=True)
class Given:
    """What the project's launch commands give one option: ``default`` when every launch of the script
    leaves it out (``value`` None), else the one ``value`` all of them write for it; ``launch`` cites one."""

    default: bool
    value: Optional[str]
    launch: Launch

    def because(self, option: str) -> str:
        if self.default:
            return f"run by `{self.launch.where}` without `{option}`"
        return f"run by `{self.launch.where}` with `{option} {self.value}`"


def launches_of(script: str) -> Tuple[Launch, ...]:
    """Every launch command of ``script``'s project that runs ``script``."""
    script = os.path.abspath(script)
    from tf_lint.target import project_root

    root = project_root(os.path.dirname(script))
    index = _INDEX.get(root)
    if index is None:
        index = _INDEX[root] = _build_index(root)
    files, by_script = index
    deps.note(*files)
    return tuple(by_script.get(script, ()))


def option_given(script: str, spellings: Sequence[str], short: Sequence[str] = ()) -> Optional[Given]:
    """What the project's launches of ``script`` give the option spelled ``spellings`` (``--model_name``;
    underscores and dashes are alike, as HfArgumentParser and fire accept both) or ``short`` (``-m``);
    None when there is no launch, when the launches disagree, or when one of them cannot be read for
    it (an abbreviation that may be it, a shell variable that may expand to it, a file of options)."""
    launches = launches_of(script)
    if not launches:
        return None
    names = {_normal(s) for s in spellings if s.startswith("--")}
    if not names:
        return None
    answers = set()
    for launch in launches:
        answer = _given_in(launch.words, names, set(short))
        if answer is None:
            return None
        answers.add(answer)
    if len(answers) != 1:
        return None
    (kind, value), = answers
    return Given(kind == "default", value, launches[0])


def _given_in(words: Sequence[str], names: set, short: set) -> Optional[Tuple[str, Optional[str]]]:
    found: Optional[Tuple[str, Optional[str]]] = ("default", None)
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if "$" in word or "`" in word:
            return None  # may expand to anything, this option included
        if not word.startswith("-") or word == "-":
            if word.endswith(_OPTION_FILES) and len(words) == 1:
                return None  # HfArgumentParser reads its options from the one file
            continue
        if word in short:
            return None  # a short spelling of the option: its value form is not known here
        if not word.startswith("--"):
            continue
        name, _, inline = word[2:].partition("=")
        key = _normal(name)
        if key in _CONFIG_OPTIONS and not names & {key}:
            return None  # options from a file (TrlParser's --config)
        if key in names:
            if inline or "=" in word:
                value = inline
            elif i < len(words) and not words[i].startswith("-"):
                value = words[i]
                i += 1
            else:
                value = ""  # a flag (store_true): given, with no written value
            if "$" in value or "`" in value:
                return None
            if found[0] == "value" and found[1] != value:
                return None
            found = ("value", value)
        elif any(n.startswith(key) for n in names):
            return None  # argparse accepts an unambiguous prefix: it may be this option
    return found


def _normal(option: str) -> str:
    return option.lstrip("-").replace("-", "_").lower()


_INDEX: Dict[str, Tuple[List[str], Dict[str, List[Launch]]]] = {}


def clear_cache() -> None:
    _INDEX.clear()


def _build_index(root: str) -> Tuple[List[str], Dict[str, List[Launch]]]:
    files: List[str] = []
    by_script: Dict[str, List[Launch]] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(names):
            if not name.endswith(LAUNCH_SUFFIXES):
                continue
            path = os.path.join(folder, name)
            files.append(path)
            if len(files) > MAX_FILES:
                return files, by_script
            for launch in _launches_in(path, root):
                by_script.setdefault(launch.script, []).append(launch)
    return files, by_script


def _launches_in(path: str, root: str) -> List[Launch]:
    try:
        if os.path.getsize(path) > MAX_BYTES:
            return []
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return []
    if not any(word in data for word in (b"python", b"accelerate", b"torchrun", b"deepspeed")):
        return []
    shown = _relative(path)
    if path.endswith(".ipynb"):
        from tf_lint.sources.notebook import cells_of, shell_lines

        lines = [(line, f"{shown}:{where}") for line, where in shell_lines(cells_of(data))]
    elif path.endswith((".md", ".mdx")):
        from tf_lint.sources.markdown import shell_lines as page_lines

        lines = [(line, f"{shown}:{where[5:]}") for line, where in page_lines(data.decode("utf-8", "replace"))]
    else:
        lines = _script_lines(data.decode("utf-8", "replace"), shown)
    found: List[Launch] = []
    here = os.path.dirname(path)
    for line, where in lines:
        found.extend(_launches_in_line(line, where, here, root))
    return found


def _script_lines(text: str, shown: str) -> List[Tuple[str, str]]:
    return [(line, f"{shown}:{index + 1}") for index, line in joined_lines(text.splitlines())
            if line.strip() and not line.lstrip().startswith("#")]


def _launches_in_line(line: str, where: str, here: str, root: str) -> List[Launch]:
    line = re.sub(r"^\s*(?:[!%]+|\$\s+)", "", line)
    found: List[Launch] = []
    cwd: Optional[str] = None  # a ``cd`` earlier on the line
    for words in shell_commands(line):
        words = _command_words(words)
        if not words:
            continue
        if words[0] == "cd" and len(words) == 2 and "$" not in words[1]:
            cwd = words[1]
            continue
        launched = _script_and_arguments(words)
        if launched is None:
            continue
        script, arguments, module = launched
        for base in _bases(here, root, cwd):
            candidate = os.path.normpath(os.path.join(base, script.replace(".", os.sep) + ".py" if module else script))
            if os.path.isfile(candidate):
                found.append(Launch(os.path.abspath(candidate), tuple(arguments), where))
                break
    return found


def _bases(here: str, root: str, cwd: Optional[str]) -> List[str]:
    bases = [here, root]
    if cwd is not None:
        bases = [os.path.join(b, cwd) for b in bases] if not os.path.isabs(cwd) else [cwd]
    return bases


def _command_words(words: List[str]) -> List[str]:
    """The command without what runs it: environment assignments, ``sudo``, ``nohup``, ``time``, ``exec``."""
    while words and (re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0])
                     or words[0] in ("sudo", "nohup", "time", "exec", "env")):
        words = words[1:]
    return words


def _script_and_arguments(words: List[str]) -> Optional[Tuple[str, List[str], bool]]:
    """(script or module, its arguments, whether it is a module) of a launch command, else None."""
    first = os.path.basename(words[0])
    rest = words[1:]
    if _PYTHON.fullmatch(first):
        i = 0
        while i < len(rest) and rest[i].startswith("-") and rest[i] != "-m":
            i += 1  # interpreter flags: -u, -O, -B
        if i < len(rest) and rest[i] == "-m" and i + 1 < len(rest):
            module = rest[i + 1]
            if module in _DISTRIBUTED:
                return _first_script(rest[i + 2:])
            if re.fullmatch(r"[A-Za-z_][\w.]*", module):
                return module, rest[i + 2:], True
            return None
        if i < len(rest) and rest[i].endswith(".py"):
            return rest[i], rest[i + 1:], False
        return None
    if first == "accelerate" and rest[:1] == ["launch"]:
        return _first_script(rest[1:])
    if first in ("torchrun", "deepspeed"):
        return _first_script(rest)
    return None


def _first_script(words: List[str]) -> Optional[Tuple[str, List[str], bool]]:
    for i, word in enumerate(words):
        if word.endswith(".py") and not word.startswith("-"):
            return word, words[i + 1:], False
    return None


def _relative(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path
