"""Launch documents: shell scripts and YAML recipes, read as documents of their own language.

A ``.sh`` / ``.bash`` file is one ``shell`` document, its text the file's own (rows and columns are the
file's). A ``.yaml`` / ``.yml`` file is one ``recipe`` document: the options a script's HfArgumentParser or
TrlParser reads from it (``python train.py recipe.yaml``, ``--config recipe.yaml``, ``trl sft --config
recipe.yaml``). Neither is parsed as Python: the rules that read launch commands check them
(``Rule.checks_launches``), and a fix is a text edit written back into the same line.

Which of these files a directory walk reads is decided in :mod:`tf_lint.discovery`: every shell script
(one with no launch command of a project script yields nothing), and only the YAML files that a launch
command of the project hands to its parser. A YAML file is read with PyYAML's ``compose`` (safe: nodes
only, no tags are constructed), which keeps the line and column of every key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List

from tf_lint.sources.document import Document, SourceError, SourceFile


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"cannot decode as UTF-8: {exc}") from None


def _one_document(path: str, data: bytes, language: str) -> SourceFile:
    text = _decode(data)
    bom = data.startswith(b"\xef\xbb\xbf")

    def rebuild(new_texts: Dict[int, str]) -> bytes:
        return (b"\xef\xbb\xbf" if bom else b"") + new_texts.get(0, text).encode("utf-8")

    return SourceFile(path=path, documents=[Document(text=text, path=path, language=language)], rebuild=rebuild,
                      original=data, kind="script" if language == "shell" else "recipe")


def read_shell(path: str, data: bytes) -> SourceFile:
    return _one_document(path, data, "shell")


def read_recipe(path: str, data: bytes) -> SourceFile:
    return _one_document(path, data, "recipe")


@dataclass(frozen=True)
class Key:
    """A top-level key of a recipe, and where it is written (1-based row and column of its first
    character; ``plain``: written without quotes, so that a rename can rewrite it in place)."""

    name: str
    row: int
    column: int
    plain: bool


class RecipeError(Exception):
    """A recipe that is not readable YAML, with the 1-based position of the problem."""

    def __init__(self, message: str, row: int, column: int) -> None:
        super().__init__(message)
        self.row = row
        self.column = column


def recipe_keys(text: str) -> List[Key]:
    """The top-level keys of a YAML recipe (none when it is empty or not a mapping); raises
    :class:`RecipeError` for text that is not YAML."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        row, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise RecipeError(f"cannot parse YAML: {exc.problem or exc}", row, column) from None
    except yaml.YAMLError as exc:
        raise RecipeError(f"cannot parse YAML: {exc}", 1, 1) from None
    if not isinstance(node, yaml.MappingNode):
        return []
    keys = []
    for key, _value in node.value:
        if isinstance(key, yaml.ScalarNode) and isinstance(key.value, str):
            keys.append(Key(key.value, key.start_mark.line + 1, key.start_mark.column + 1, key.style is None))
    return keys


@dataclass(frozen=True)
class Value:
    """A top-level key's value in a recipe: ``text`` as written (a scalar's text, a sequence's scalars
    joined by commas), ``kind`` ("scalar", "null", "list", "other": a mapping or a tagged node), and where
    a one-line plain scalar is written (1-based row, columns ``column`` to ``end``; row 0: not in place)."""

    key: Key
    text: str
    kind: str
    row: int
    column: int
    end: int


def recipe_values(text: str) -> List[Value]:
    """The top-level keys of a YAML recipe with their values (see :func:`recipe_keys`)."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    found = []
    for key, value in node.value:
        if not (isinstance(key, yaml.ScalarNode) and isinstance(key.value, str)):
            continue
        name = Key(key.value, key.start_mark.line + 1, key.start_mark.column + 1, key.style is None)
        row = column = end = 0
        if isinstance(value, yaml.ScalarNode):
            kind = "null" if value.tag == "tag:yaml.org,2002:null" else "scalar"
            written = value.value
            if value.style is None and value.start_mark.line == value.end_mark.line:
                row, column, end = value.start_mark.line + 1, value.start_mark.column + 1, value.end_mark.column + 1
        elif isinstance(value, yaml.SequenceNode) and all(isinstance(v, yaml.ScalarNode) for v in value.value):
            kind, written = "list", ",".join(v.value for v in value.value)
        else:
            kind, written = "other", ""
        found.append(Value(name, written, kind, row, column, end))
    return found
