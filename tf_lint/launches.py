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
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

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
# TRL's command line (``trl sft --config recipe.yaml``): the commands that train with one of TRL's
# configs; a launch of one names the pseudo-script ``trl sft`` (:func:`tf_lint.analysis.parsers`).
TRL_CLI = "trl "
TRL_COMMANDS = frozenset({"sft", "dpo", "grpo", "kto", "reward", "rloo", "orpo", "ppo", "gkd", "xpo", "nash_md",
                          "online_dpo"})


@dataclass(frozen=True)
class Launch:
    """A command of the project that runs ``script`` (an absolute path) with ``words`` as its arguments;
    ``where`` is the command's place (``scripts/train.sh:3``, ``README.md:40``, ``nb.ipynb:cell 2``); a
    ``trl sft`` command's ``script`` is ``"trl sft"``."""

    script: str
    words: Tuple[str, ...]
    where: str
    # The YAML recipe the command hands its parser (``--config recipe.yaml``, or ``recipe.yaml`` as the only
    # argument), an absolute path, when it is a file of the project.
    recipe: Optional[str] = None


def launch_file(launch: Launch) -> str:
    """The absolute path of the file ``launch`` is written in (its ``where`` less the row or cell)."""
    return os.path.abspath(launch.where.rsplit(":", 1)[0])


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
    """Every launch command of ``script``'s project that runs ``script``; within :func:`only_launch`, the
    one launch being judged."""
    script = os.path.abspath(script)
    if _ONLY and _ONLY[-1].script == script:
        return (_ONLY[-1],)
    return _indexed(script, script)


_ONLY: List[Launch] = []


@contextmanager
def only_launch(launch: Launch) -> Iterator[None]:
    """Within it, ``launch`` is the only launch of its script: the script's options are what this one
    command gives them (each launch of a script judged on its own, :mod:`tf_lint.rules.memory`)."""
    _ONLY.append(launch)
    try:
        yield
    finally:
        _ONLY.pop()


def judging_one_launch() -> bool:
    """Whether an :func:`only_launch` is in force (answers cached per script do not hold within it)."""
    return bool(_ONLY)


def recipe_launches(recipe: str) -> Tuple[Launch, ...]:
    """Every launch command of ``recipe``'s project that hands it to its parser as a recipe."""
    recipe = os.path.abspath(recipe)
    return _indexed(recipe, RECIPE + recipe)


RECIPE = "recipe:"


def _indexed(path: str, key: str) -> Tuple[Launch, ...]:
    from tf_lint.target import project_root

    root = project_root(os.path.dirname(path))
    index = _INDEX.get(root)
    if index is None:
        index = _INDEX[root] = _build_index(root)
    files, by_script = index
    deps.note(*files)
    return tuple(by_script.get(key, ()))


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


def normal_option(option: str) -> str:
    """An option's name as parsers match it (``--batch-size`` and ``batch_size`` alike)."""
    return _normal(option)


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
                if launch.recipe is not None:
                    by_script.setdefault(RECIPE + launch.recipe, []).append(launch)
    return files, by_script


def _launches_in(path: str, root: str) -> List[Launch]:
    try:
        if os.path.getsize(path) > MAX_BYTES:
            return []
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return []
    if not any(word in data for word in (b"python", b"accelerate", b"torchrun", b"deepspeed", b"trl ")):
        return []
    shown = shown_path(path)
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
        script, written, module = launched
        for arguments in _recipe_alternatives(written):
            if script.startswith(TRL_CLI):
                found.append(Launch(script, tuple(arguments), where, _recipe(arguments, here, root, cwd)))
                continue
            for base in _bases(here, root, cwd):
                candidate = os.path.normpath(os.path.join(base, script.replace(".", os.sep) + ".py" if module
                                                          else script))
                if os.path.isfile(candidate):
                    found.append(Launch(os.path.abspath(candidate), tuple(arguments), where,
                                        _recipe(arguments, here, root, cwd)))
                    break
    return found


_BRACES = re.compile(r"([^{}$`*?\[\]]*)\{([^{}$`,]+(?:,[^{}$`,]+)+)\}([^{}$`*?\[\]]*)")


def _recipe_alternatives(arguments: List[str]) -> List[List[str]]:
    """A recipe written as brace alternatives (``--config recipes/sft/config_{grok,anthropic}.yaml``, as
    pages write "either recipe") as one argument list per alternative; the arguments as they are
    otherwise. Only the recipe's word is expanded, and only a single ``{a,b}`` group of plain words."""
    for i, word in enumerate(arguments):
        at = i + 1 if word == "--config" else i if word.startswith("--config=") else None
        if at is None and len(arguments) == 1:
            at = 0
        if at is None or at >= len(arguments):
            continue
        prefix = "--config=" if arguments[at].startswith("--config=") else ""
        match = _BRACES.fullmatch(arguments[at][len(prefix):])
        if match is None or not match.group(3).endswith((".yaml", ".yml")):
            return [arguments]
        head, choices, tail = match.groups()
        return [arguments[:at] + [f"{prefix}{head}{choice}{tail}"] + arguments[at + 1:]
                for choice in choices.split(",")]
    return [arguments]


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
    if first == "trl" and rest and rest[0] in TRL_COMMANDS:
        return TRL_CLI + rest[0], rest[1:], False
    return None


def _recipe(arguments: Sequence[str], here: str, root: str, cwd: Optional[str]) -> Optional[str]:
    """The YAML recipe a launch hands its parser: ``--config F`` / ``--config=F`` (TrlParser), or ``F`` as
    the only argument (HfArgumentParser's ``parse_yaml_file`` idiom); None when there is none, or when it is
    written with shell expansions (``$CONFIG``; brace alternatives are split before, one launch each)."""
    words = list(arguments)
    written = None
    if len(words) == 1 and words[0].endswith((".yaml", ".yml")):
        written = words[0]
    for i, word in enumerate(words):
        if word == "--config" and i + 1 < len(words):
            written = words[i + 1]
        elif word.startswith("--config="):
            written = word.split("=", 1)[1]
    if not written or not written.endswith((".yaml", ".yml")) or any(c in written for c in "$`{*?["):
        return None
    for base in _bases(here, root, cwd):
        candidate = os.path.normpath(os.path.join(base, written))
        if os.path.isfile(candidate):
            return os.path.abspath(candidate)
    return None


def _first_script(words: List[str]) -> Optional[Tuple[str, List[str], bool]]:
    for i, word in enumerate(words):
        if word.endswith(".py") and not word.startswith("-"):
            return word, words[i + 1:], False
    return None


def shown_path(path: str) -> str:
    """``path`` as messages show it: relative to the working folder where it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


# --- launch commands as documents: each option word where it is written ----------------------------------

@dataclass(frozen=True)
class Flag:
    """An option word of a launch command (``--evaluation_strategy``, ``--eval-steps=100``): its name as
    written (without the dashes, before any ``=``) and the 1-based document position of its first dash."""

    name: str
    row: int
    column: int


@dataclass(frozen=True)
class Command:
    """A launch command of a launch document: what it runs, and the options it hands the script."""

    launch: Launch
    flags: Tuple[Flag, ...]
    row: int  # the document row the command starts on
    end_row: int  # and the row it ends on (after its backslash continuations)


def commands_in(lines: Sequence[str], path: str) -> List[Command]:
    """The launch commands written in ``lines`` (a launch document's rows, without line endings; comment
    rows, ``#tf-lint-map`` markers included, are skipped), resolved as :func:`launches_of` resolves them,
    from the folder of ``path``; each with its options after the script and where they are written."""
    from tf_lint.target import project_root

    here = os.path.dirname(os.path.abspath(path))
    root = project_root(here)
    found: List[Command] = []
    rows = [line.rstrip("\r\n") for line in lines]
    for start, line in joined_lines(rows):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        end = start
        while end < len(rows) - 1 and rows[end].rstrip().endswith("\\"):
            end += 1
        for launch in _launches_in_line(line, f"{shown_path(path)}:{start + 1}", here, root):
            found.append(Command(launch, tuple(_flags(rows, start, end, launch)), start + 1, end + 1))
    return found


def _flags(rows: Sequence[str], start: int, end: int, launch: Launch) -> List[Flag]:
    """The options of ``launch`` (its words after the script) found in rows ``start``..``end``, in order:
    each searched after the previous one, from the script's own word on."""
    script = launch.script.split(" ", 1)[1] if launch.script.startswith(TRL_CLI) else os.path.basename(launch.script)
    at = _find(rows, start, end, (start, 0), script) if script else None
    if at is None:
        return []
    cursor = (at[0], at[1] + len(script))
    flags: List[Flag] = []
    for word in launch.words:
        if not word.startswith("--") or word == "--":
            continue
        name = word[2:].split("=", 1)[0]
        if not re.fullmatch(r"[A-Za-z_][\w.-]*", name):
            continue
        at = _find(rows, start, end, cursor, "--" + name, option=True)
        if at is None:
            continue
        flags.append(Flag(name, at[0] + 1, at[1] + 1))
        cursor = (at[0], at[1] + 2 + len(name))
    return flags


def _find(rows: Sequence[str], start: int, end: int, cursor: Tuple[int, int], text: str,
          option: bool = False) -> Optional[Tuple[int, int]]:
    """(row index, column index) of ``text`` at or after ``cursor`` in rows ``start``..``end``, as a whole
    word: after a blank, a quote, ``!`` or ``/`` (``scripts/train.py``); before a blank, a quote, a
    backslash, ``;&|``, the line's end, or (an option) the ``=`` of its value."""
    row, col = cursor
    while row <= end:
        line = rows[row]
        index = line.find(text, col)
        while index >= 0:
            before = line[index - 1] if index else " "
            after = line[index + len(text)] if index + len(text) < len(line) else " "
            if (before.isspace() or before in "\"'!/") and (
                    after.isspace() or after in "\"'\\;&|" or (option and after == "=")):
                return row, index
            index = line.find(text, index + 1)
        row, col = row + 1, 0
    return None
