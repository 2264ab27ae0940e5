"""Install commands: what ``pip install``, ``uv pip install`` and ``conda install`` lines install.

A notebook's install cells and a page's install blocks say which release of a package the code next to
them runs with (issue 21): ``!pip install -q transformers==4.56.2`` pins it, ``%pip install -U
transformers`` asks for the newest release, ``!pip install "transformers>=4.40,<5"`` a range,
``!pip install git+https://github.com/huggingface/transformers@v4.49.0`` a tagged release, ``!pip install
-r requirements.txt`` whatever that file declares. This module reads such lines (never runs them) into
:class:`Install` records; :mod:`tf_lint.target` turns the records of one file into its declared
requirement. A plain ``pip install transformers`` declares nothing: where the package is already there
(Colab preinstalls transformers) pip keeps what is installed.

A command whose words hold a shell or IPython variable (``$VERSION``, ``{version}``) is unknown at lint
time and declares nothing.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

# Repositories whose ``git+`` URL installs a package tf-lint knows, by the repository's last path part.
_GIT_PACKAGES = {"transformers": "transformers", "trl": "trl", "peft": "peft"}
# pip/uv/conda options that take a value as the next word.
_VALUED = frozenset({
    "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target",
    "--prefix", "--root", "--src", "--platform", "--python-version", "--implementation", "--abi",
    "--no-binary", "--only-binary", "--progress-bar", "--log", "--cache-dir", "--trusted-host",
    "--config-settings", "-C", "--global-option", "--python", "-p", "--index", "--default-index",
    "--upgrade-strategy", "--channel", "--name", "-n", "--prefix", "--override", "--exclude-newer",
    "--index-strategy", "--keyring-provider", "--resolution", "--prerelease", "--python-platform",
})
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")
_VERSION_TAG = re.compile(r"^v?(\d+(?:\.\d+){1,2})$")
_WHEEL = re.compile(r"/(?P<name>[A-Za-z0-9_.]+)-(?P<version>\d+(?:\.\d+)+)-[^/]*\.whl$")
# Shell or IPython variables: the value is only known when the cell runs.
_VARIABLE = re.compile(r"\$|\{[^}]*\}")


@dataclass(frozen=True)
class Install:
    """One package an install command names: ``specifier`` is PEP 440 (``==4.56.2``, ``>=4.40,<5``) or
    ``""``; ``newest`` when the command asks for the newest release (``-U`` with no version, a git
    install of the default branch); ``requirement_file`` for ``-r FILE`` (package is then ``""``).
    ``text`` is the requirement as written, ``where`` the place (``cell 1``, ``line 12``)."""

    package: str
    specifier: str
    text: str
    where: str
    newest: bool = False
    requirement_file: str = ""

    @property
    def declares(self) -> bool:
        return bool(self.specifier) or self.newest


def joined_lines(lines: List[str]) -> List[Tuple[int, str]]:
    """Shell lines with trailing-backslash continuations joined: (index of the first line, the command)."""
    joined: List[Tuple[int, str]] = []
    start, carry = 0, ""
    for index, line in enumerate(lines):
        if not carry:
            start = index
        if line.rstrip().endswith("\\"):
            carry += line.rstrip()[:-1] + " "
            continue
        joined.append((start, carry + line))
        carry = ""
    if carry:
        joined.append((start, carry))
    return joined


def shell_commands(line: str) -> List[List[str]]:
    """The simple commands of a shell line, as words (``a && b; c | d`` -> four commands). A line shlex
    cannot split (an open quote) gives nothing."""
    try:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words = list(lexer)
    except ValueError:
        return []
    commands: List[List[str]] = [[]]
    for word in words:
        if word and set(word) <= set(";&|"):
            commands.append([])
        else:
            commands[-1].append(word)
    return [c for c in commands if c]


def _install_words(words: List[str]) -> Optional[Tuple[str, List[str]]]:
    """(tool, the words after ``install``) when ``words`` is an install command, else None."""
    while words and (words[0] in ("sudo", "env") or "=" in words[0] and not words[0].startswith("-")):
        words = words[1:]  # ``sudo pip ...``, ``PIP_NO_CACHE=1 pip ...``
    if not words:
        return None
    first = words[0].rsplit("/", 1)[-1]
    if re.fullmatch(r"python[\d.]*|\{sys\.executable\}|\$\{?PYTHON\}?", first) and words[1:3] == ["-m", "pip"]:
        words, first = words[2:], "pip"
    if re.fullmatch(r"pip[\d.]*", first) and len(words) > 1 and words[1] == "install":
        return "pip", words[2:]
    if first == "uv" and words[1:3] == ["pip", "install"]:
        return "pip", words[3:]
    if first in ("conda", "mamba", "micromamba") and len(words) > 1 and words[1] == "install":
        return "conda", words[2:]
    return None


def installs_in_line(line: str, where: str) -> List[Install]:
    """What one shell line installs (a notebook's ``!``/``%`` prefix and a console's ``$ `` prompt already
    removed or not: both are taken off here)."""
    line = re.sub(r"^\s*(?:[!%]+|\$\s+)", "", line)
    found: List[Install] = []
    for words in shell_commands(line):
        parsed = _install_words(words)
        if parsed is not None:
            found.extend(_requirements(parsed[0], parsed[1], where))
    return found


def _requirements(tool: str, words: List[str], where: str) -> Iterable[Install]:
    upgrade = False
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word in ("-r", "--requirement") and i < len(words):
            if not _VARIABLE.search(words[i]):
                yield Install("", "", f"-r {words[i]}", where, requirement_file=words[i])
            i += 1
            continue
        if word in ("-e", "--editable"):
            i += 1
            continue
        if word.startswith("--"):
            if word in ("--upgrade", "--update"):
                upgrade = True
            elif word in _VALUED:
                i += 1
            continue
        if word.startswith("-") and len(word) > 1:
            if word in _VALUED:
                i += 1
            elif "U" in word[1:] and word[1:].isalpha():
                upgrade = True  # -U, -qU, -Uq
            continue
        if i < len(words) and words[i] == "@" and i + 1 < len(words):  # ``name @ git+https://...``
            word, i = f"{word} @ {words[i + 1]}", i + 2
        yield from _requirement(tool, word, where, upgrade)


def _requirement(tool: str, word: str, where: str, upgrade: bool) -> Iterable[Install]:
    if _VARIABLE.search(word):
        return
    url = word.split(" @ ", 1)[-1]
    if url.startswith("git+") or "://" in url:
        install = _from_url(url, word, where)
        if install is not None:
            yield install
        return
    if tool == "conda":
        word = word.split("::", 1)[-1]  # ``conda-forge::transformers=4.40``
        single = re.fullmatch(r"([A-Za-z0-9._-]+)=(\d[\w.]*?)(\.\*)?", word)
        if single:  # conda's ``=4.40`` is ``==4.40.*``; ``=4.40.2`` is exact, as ``==`` would be
            word = f"{single.group(1)}=={single.group(2)}" + (".*" if single.group(2).count(".") < 2 else "")
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        requirement = Requirement(word)
    except InvalidRequirement:
        return
    specifier = str(requirement.specifier)
    yield Install(_normal(requirement.name), specifier, word, where, newest=upgrade and not specifier)


def _from_url(url: str, text: str, where: str) -> Optional[Install]:
    wheel = _WHEEL.search(url.split("#", 1)[0])
    if wheel:
        return Install(_normal(wheel.group("name")), f"=={wheel.group('version')}", text, where)
    match = re.match(r"git\+\w+://[^@#]*?/(?P<repo>[\w.-]+?)(?:\.git)?/?(?:@(?P<ref>[^#]+))?(?:#.*)?$", url)
    if not match or match.group("repo").lower() not in _GIT_PACKAGES:
        return None
    package = _GIT_PACKAGES[match.group("repo").lower()]
    ref = match.group("ref")
    if ref is None or ref in ("main", "master"):  # the default branch: newer than every release
        return Install(package, "", text, where, newest=True)
    tag = _VERSION_TAG.match(ref)
    if tag:
        return Install(package, f"=={tag.group(1)}", text, where)
    return Install(package, "", text, where)  # a branch or a commit: which release it is, is not known


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
