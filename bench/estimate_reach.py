"""Reach of ``tf-lint estimate`` on real code: which training setups of a tree it sizes, and why not.

For issue 22 ("sizes at least 60% of the training setups of real example folders"). A measurement, so
what a *training setup* is is decided here syntactically, never by tf-lint's own analysis:

1. **python**: a call of a training-configuration class (``CONFIG_CLASSES``: transformers'
   ``TrainingArguments`` family and TRL's trainer configs), that is the class name as a token followed
   by ``(`` (comments and strings do not count, nor ``class SFTConfig(...)``, a definition), in a ``.py``
   file, a notebook's code cell, or a Markdown/MDX block tagged ``py``/``python``/``python3``/``pycon``/
   ``ipython``. Each call is one setup.
2. **launch**: a shell command (a ``.sh``/``.bash`` file, a Markdown/MDX shell block tagged ``bash``,
   ``sh``, ``shell``, ``console``, ``zsh`` or untagged, a notebook's ``!`` line or ``%%bash``/``%%sh``
   cell; ``\\`` continuations joined) that runs ``python``/``python3``, ``accelerate``, ``torchrun``,
   ``deepspeed`` or ``trl`` and writes ``--per_device_train_batch_size`` or names a YAML recipe
   (``--config X.yaml``, or a lone ``X.yaml`` argument). A recipe path written as a template (``{task}``,
   ``$CONFIG``) stands for recipe files counted on their own: such a command is not counted. Each
   command is one setup.
3. **recipe**: a ``.yaml``/``.yml`` file with a top-level ``per_device_train_batch_size`` key that no
   launch command of (2) names.

A setup is **sized** when ``tf-lint estimate``'s own code path (``tf_lint.estimate.explain`` on the
file's Python documents, ``tf_lint.launch_cases.document_launches`` on its launch documents and
recipes) gives a case at that place: the configuration call's line (its cell in a notebook), the
command's line (its cell), any launch of the recipe. Otherwise the reason tf-lint gives is printed; a
setup tf-lint does not see at all is reported as such (a Python block or cell that does not parse, a
command whose script is not in the tree).

Usage::

    python bench/estimate_reach.py ../shared/corpus                 # a line per setup and a summary
    python bench/estimate_reach.py ../shared/corpus --summary       # the summary only
    python bench/estimate_reach.py ../shared/corpus --json reach.json --target-transformers-version 5.24

Reads every file under the given folders (``.git`` and ``node_modules`` skipped), whatever the include
patterns say (Markdown is opt-in for checking, but its setups are setups).
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import re
import shlex
import sys
import tokenize
from dataclasses import asdict, dataclass, field
from typing import Dict, Iterator, List, Optional, Tuple

CONFIG_CLASSES = frozenset({
    "TrainingArguments", "Seq2SeqTrainingArguments", "TFTrainingArguments", "TFSeq2SeqTrainingArguments",
    "SFTConfig", "DPOConfig", "ORPOConfig", "KTOConfig", "CPOConfig", "RewardConfig", "GRPOConfig", "PRMConfig",
    "GKDConfig", "OnlineDPOConfig", "RLOOConfig", "PPOConfig", "BCOConfig", "XPOConfig", "NashMDConfig",
})
PYTHON_TAGS = frozenset({"py", "python", "python3", "pycon", "ipython", "ipython3", "py3"})
SHELL_TAGS = frozenset({"bash", "sh", "shell", "console", "zsh", ""})
PROGRAMS = frozenset({"python", "python3", "accelerate", "torchrun", "deepspeed", "trl"})
BATCH_FLAGS = ("--per_device_train_batch_size", "--per-device-train-batch-size")
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*)$")
_RECIPE_KEY = re.compile(r"^per_device_train_batch_size\s*:", re.M)
_PREFIXES = {"env", "nohup", "sudo", "time", "exec"}
_SKIP_DIRS = {".git", "node_modules", "__pycache__", ".ipynb_checkpoints"}


@dataclass
class Setup:
    kind: str  # python | launch | recipe
    path: str
    cell: Optional[int]  # 0-based notebook cell
    row: int  # 1-based row in the file (in the cell for a notebook)
    what: str  # the class, the command's first words, the recipe
    sized: bool = False
    model: str = ""
    reason: str = ""

    def place(self, root: str) -> str:
        rel = os.path.relpath(self.path, root)
        return f"{rel}:cell {self.cell + 1}:{self.row}" if self.cell is not None else f"{rel}:{self.row}"


# --- enumeration ------------------------------------------------------------------------------------
def walk(root: str) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            yield os.path.join(folder, name)


def config_calls(code: str) -> List[Tuple[int, str]]:
    """(row, class) of every configuration-class call in ``code`` (IPython lines blanked first)."""
    lines = []
    for line in code.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(("!", "%")):
            line = ""
        elif stripped.startswith((">>> ", "... ")) or stripped in (">>>", "..."):
            line = line.replace(stripped[:4], "", 1) if len(stripped) > 3 else ""
        lines.append(line)
    text = "\n".join(lines) + "\n"
    found: List[Tuple[int, str]] = []
    previous = before = None  # the last two tokens: ``class SFTConfig(trl.SFTConfig)`` defines, not calls
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.OP and token.string == "(" and previous is not None and \
                    previous.type == tokenize.NAME and previous.string in CONFIG_CLASSES and \
                    (before is None or before.string not in ("class", "def")):
                found.append((previous.start[0], previous.string))
            if token.type not in (tokenize.NL, tokenize.COMMENT):
                before, previous = previous, token
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # a fragment that does not tokenize to the end: the calls before the error are counted
    return found


def fenced_blocks(text: str) -> Iterator[Tuple[str, int, List[str]]]:
    """(tag, first body row, body lines) of every fenced block of a Markdown/MDX text."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, indent = match.group("fence"), match.group("indent")
        info = match.group("info").strip().split()
        tag = info[0].lower().strip("{}.") if info else ""
        body: List[str] = []
        j = i + 1
        while j < len(lines):
            stripped = lines[j].strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                break
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        if not (set(info[1:]) & {"out", "output"}):
            yield tag, i + 2, body
        i = j + 1


def shell_commands(lines: List[str], first_row: int, console: bool = False) -> Iterator[Tuple[int, List[str]]]:
    """(row, words) of each command of shell lines (continuations joined; ``&&``/``;``/``|`` split)."""
    i = 0
    while i < len(lines):
        row = first_row + i
        text = lines[i]
        while text.rstrip().endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text.rstrip()[:-1] + " " + lines[i]
        i += 1
        text = text.strip()
        if console:
            if not text.startswith("$ "):
                continue
            text = text[2:]
        if not text or text.startswith("#"):
            continue
        try:
            words = shlex.split(text, comments=True)
        except ValueError:
            words = text.split()
        command: List[str] = []
        for word in words + [";"]:
            if word in ("&&", "||", ";", "|", "&"):
                if command:
                    yield row, command
                command = []
            else:
                command.append(word)


def launch_setup(words: List[str]) -> Optional[Tuple[str, Optional[str]]]:
    """(description, recipe named or None) when ``words`` run a training program with a batch flag or a
    recipe; None otherwise, or when the recipe path is a template."""
    start = next((i for i, w in enumerate(words) if os.path.basename(w) in PROGRAMS), None)
    if start is None or not all(("=" in w and not w.startswith("-")) or w in _PREFIXES for w in words[:start]):
        return None  # the program is not the command run (``echo python``): only VAR=value words before it
    rest = words[start:]
    batch = any(w in BATCH_FLAGS or w.startswith(tuple(f + "=" for f in BATCH_FLAGS)) for w in rest)
    recipe = None
    for i, word in enumerate(rest):
        if word == "--config" and i + 1 < len(rest) and rest[i + 1].endswith((".yaml", ".yml")):
            recipe = rest[i + 1]
        elif word.startswith("--config=") and word.endswith((".yaml", ".yml")):
            recipe = word.split("=", 1)[1]
    scripts = [i for i, w in enumerate(rest) if w.endswith(".py")]
    if recipe is None and scripts:
        after = rest[scripts[0] + 1:]
        if len(after) == 1 and after[0].endswith((".yaml", ".yml")):
            recipe = after[0]
    if recipe is not None and re.search(r"[{}$`*]", recipe):
        return None  # a template over recipe files, counted as recipes
    if not batch and recipe is None:
        return None
    program = os.path.basename(rest[0])
    shown = f"{program} {rest[1]}" if program == "trl" and len(rest) > 1 else program
    return shown + (f" {rest[scripts[0]]}" if scripts else ""), recipe


def setups_of(path: str) -> Tuple[List[Setup], List[Tuple[Setup, str]]]:
    """The python and launch setups of a file, and the recipe each launch names (resolved later)."""
    found: List[Setup] = []
    recipes: List[Tuple[Setup, str]] = []

    def python(code: str, cell: Optional[int], offset: int) -> None:
        for row, name in config_calls(code):
            found.append(Setup("python", path, cell, row + offset, name))

    def shell(lines: List[str], cell: Optional[int], first_row: int, console: bool = False) -> None:
        for row, words in shell_commands(lines, first_row, console):
            launch = launch_setup(words)
            if launch is not None:
                setup = Setup("launch", path, cell, row, launch[0])
                found.append(setup)
                if launch[1] is not None:
                    recipes.append((setup, launch[1]))

    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return found, recipes
    if path.endswith(".py"):
        python(text, None, 0)
    elif path.endswith((".sh", ".bash")):
        shell(text.splitlines(), None, 1)
    elif path.endswith((".md", ".mdx")):
        for tag, row, body in fenced_blocks(text):
            if tag in PYTHON_TAGS:
                python("\n".join(body), None, row - 1)
            elif tag in SHELL_TAGS:
                shell(body, None, row, console=tag == "console" or
                      (tag == "" and any(b.startswith("$ ") for b in body)))
    elif path.endswith(".ipynb"):
        try:
            cells = json.loads(text).get("cells", [])
        except (ValueError, AttributeError):
            return found, recipes
        for index, cell in enumerate(cells):
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            lines = source.splitlines()
            if lines and lines[0].strip().startswith(("%%bash", "%%sh")):
                shell(lines[1:], index, 2)
                continue
            python(source, index, 0)
            bangs = [(i, line.lstrip()[1:]) for i, line in enumerate(lines) if line.lstrip().startswith("!")]
            for i, line in bangs:
                rows = [line]
                j = i
                while rows[-1].rstrip().endswith("\\") and j + 1 < len(lines):
                    j += 1
                    rows.append(lines[j])
                shell(rows, index, i + 1)
    return found, recipes


# --- what tf-lint estimate sizes -----------------------------------------------------------------------
class Estimator:
    def __init__(self, target: Optional[str]) -> None:
        from tf_lint.config import ConfigResolver

        overrides = {"target_transformers_version": target} if target else {}
        self.resolver = ConfigResolver(None, overrides)

    def file(self, path: str):
        """(python cases by (cell, row), launch results by (cell, row), the Python documents' places that
        do not parse): what ``tf-lint estimate`` finds in the file."""
        from tf_lint.analysis import Facts
        from tf_lint.diagnostics import Position
        from tf_lint.engine import parse
        from tf_lint.estimate import explain
        from tf_lint.knowledge import knowledge_for
        from tf_lint.launch_cases import document_launches
        from tf_lint.sources import SourceError, read_source

        python: Dict[Tuple[Optional[int], int], List[Tuple[bool, str]]] = collections.defaultdict(list)
        launches: Dict[Tuple[Optional[int], int], List[Tuple[bool, str]]] = collections.defaultdict(list)
        settings = self.resolver.for_path(path)
        major = knowledge_for(settings).major
        try:
            with open(path, "rb") as f:
                source = read_source(path, f.read())
        except (OSError, SourceError, ValueError) as exc:
            return python, launches, f"tf-lint cannot read the file ({exc})"
        for document in source.documents:
            if document.language in ("shell", "recipe"):
                for launch, case, why in document_launches(document, settings, major):
                    key = _launch_key(document, launch)
                    launches[key].append((case is not None, case.checkpoint if case else why))
                continue
            tree, _ = parse(document)
            if tree is None:
                continue
            cases, unsized = explain(tree, Facts(tree, path), path, major, placeholders=True)
            for call, outcome in [(case.args_call, (True, case.checkpoint)) for case in cases] + \
                    [(call, (False, why)) for call, why in unsized]:
                func = call.func
                cell, at = document.locate(Position(func.end_lineno, 1))
                python[(cell, at.row)].append(outcome)
        return python, launches, ""


def _launch_key(document, launch) -> Tuple[Optional[int], int]:
    """A launch's (cell, row) from its place (``located``: ``path:row`` or ``path:cell N``)."""
    where = launch.where.rsplit(":", 1)[1]
    if where.startswith("cell "):
        return int(where[5:]) - 1, 0  # named from 1
    return None, int(where)


def measure(roots: List[str], target: Optional[str]) -> List[Setup]:
    estimator = Estimator(target)
    setups: List[Setup] = []
    named: Dict[str, List[Setup]] = collections.defaultdict(list)
    yaml_files: List[str] = []
    for root in roots:
        for path in walk(os.path.abspath(root)):
            if path.endswith((".yaml", ".yml")):
                yaml_files.append(path)
                continue
            if not path.endswith((".py", ".sh", ".bash", ".md", ".mdx", ".ipynb")):
                continue
            found, recipes = setups_of(path)
            if not found:
                continue
            for setup, recipe in recipes:  # relative to the command's folder or any folder above it
                folder = os.path.dirname(path)
                while folder.startswith(os.path.abspath(root)):
                    named[os.path.normpath(os.path.join(folder, recipe))].append(setup)
                    folder = os.path.dirname(folder)
            python, launches, unread = estimator.file(path)
            cell_rows: Dict[Optional[int], int] = collections.Counter()
            for setup in found:
                if unread:
                    setup.reason = unread
                    continue
                if setup.kind == "python":
                    _judge(setup, python.get((setup.cell, setup.row)),
                           "not in any Python program tf-lint reads (its block or cell does not parse)")
                else:
                    key = (setup.cell, 0) if setup.cell is not None else (None, setup.row)
                    results = launches.get(key) or []
                    if setup.cell is not None:  # several ``!`` commands in one cell: in order
                        results = results[cell_rows[setup.cell]:cell_rows[setup.cell] + 1]
                        cell_rows[setup.cell] += 1
                    _judge(setup, results or None,
                           "tf-lint reads no launch of a project script here (the script is not in the tree, or "
                           "the command is not one it reads)")
            setups.extend(found)
    for path in yaml_files:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
        except OSError:
            continue
        if not _RECIPE_KEY.search(text):
            continue
        if os.path.normpath(path) in named:
            continue  # counted as its launch commands
        setup = Setup("recipe", path, None, 1, os.path.basename(path))
        _, launches, unread = estimator.file(path)
        results = [result for values in launches.values() for result in values]
        _judge(setup, results or None, unread or "no launch command of the project runs it")
        setups.append(setup)
    return setups


def _judge(setup: Setup, results: Optional[List[Tuple[bool, str]]], unseen: str) -> None:
    if not results:
        setup.reason = unseen
        return
    sized = [text for ok, text in results if ok]
    if sized:
        setup.sized, setup.model = True, sized[0]
    else:
        setup.reason = results[0][1]


# --- report ------------------------------------------------------------------------------------------------
def group(reason: str) -> str:
    """A reason without what varies (the checkpoint, the option), to count alike reasons together."""
    return re.sub(r"`[^`]*`", "`…`", reason)


def summary(setups: List[Setup], roots: List[str]) -> str:
    out = []
    sized = sum(s.sized for s in setups)
    out.append(f"training setups: {len(setups)}; sized: {sized} ({100 * sized / max(len(setups), 1):.0f}%)")
    for kind in ("python", "launch", "recipe"):
        of = [s for s in setups if s.kind == kind]
        out.append(f"  {kind}: {sum(s.sized for s in of)}/{len(of)}")
    files = collections.defaultdict(list)
    for s in setups:
        files[s.path].append(s.sized)
    out.append(f"files with a setup: {len(files)}; with every setup sized: {sum(all(v) for v in files.values())}; "
               f"with at least one: {sum(any(v) for v in files.values())}")
    by_repo = collections.defaultdict(lambda: [0, 0])
    for s in setups:
        root = next(r for r in roots if s.path.startswith(os.path.abspath(r)))
        repo = os.path.relpath(s.path, os.path.abspath(root)).split(os.sep)[0]
        by_repo[repo][0] += s.sized
        by_repo[repo][1] += 1
    for repo, (a, b) in sorted(by_repo.items()):
        out.append(f"  {repo}: {a}/{b}")
    out.append("unsized, by reason:")
    reasons = collections.Counter(group(s.reason) for s in setups if not s.sized)
    for reason, count in reasons.most_common():
        out.append(f"  {count:4d}  {reason}")
    missing = collections.Counter(re.search(r"`([^`]*)`", s.reason).group(1) for s in setups
                                  if not s.sized and s.reason.startswith("no config for checkpoint"))
    if missing:
        out.append("checkpoints without a config: " + ", ".join(f"{k} ({v})" for k, v in missing.most_common()))
    return "\n".join(out)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+")
    parser.add_argument("--target-transformers-version")
    parser.add_argument("--summary", action="store_true", help="the summary only")
    parser.add_argument("--json", metavar="PATH", help="write every setup as JSON")
    opts = parser.parse_args(argv)
    sys.setrecursionlimit(10000)
    setups = measure(opts.roots, opts.target_transformers_version)
    root = os.path.abspath(opts.roots[0])
    if not opts.summary:
        for s in sorted(setups, key=lambda s: (s.path, s.cell or 0, s.row)):
            verdict = f"sized    {s.model}" if s.sized else f"unsized  {s.reason}"
            print(f"{s.kind:<7} {s.place(root)}  {s.what}: {verdict}")
        print()
    print(summary(setups, opts.roots))
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump([asdict(s) for s in setups], f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
