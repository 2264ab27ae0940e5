"""What an expression holds, as far as the facts layer can tell.

``None`` always means *unknown*: rules report only on a known value (evidence or silence).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Optional, Sequence


class Value:
    """Base class of everything the facts layer can say an expression holds."""


@dataclass(frozen=True)
class ImportedName(Value):
    """A module or object reached through an import: ``transformers.TFAutoModel``."""

    qualname: str


@dataclass(frozen=True)
class Constant(Value):
    value: Any


@dataclass(frozen=True)
class LocalClass(Value):
    """A class defined in the checked document."""

    name: str
    node: ast.ClassDef = None  # type: ignore[assignment]

    def __hash__(self) -> int:
        return hash((self.name, id(self.node)))


@dataclass(frozen=True)
class LocalFunction(Value):
    name: str
    node: ast.AST = None  # type: ignore[assignment]

    def __hash__(self) -> int:
        return hash((self.name, id(self.node)))


@dataclass(frozen=True)
class Model(Value):
    """An instance of a Transformers model.

    ``framework`` is "pt", "tf" or "flax"; ``cls`` the qualified name of the class it was made from
    (``transformers.TFAutoModel``, or the local subclass); ``factory`` how it was made
    ("from_pretrained", "from_config", "constructor"); ``checkpoint`` the expression naming the
    checkpoint, when there is one.
    """

    framework: str
    cls: Optional[str] = None
    factory: Optional[str] = None
    checkpoint: Optional[ast.expr] = None

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Model)
            and (self.framework, self.cls, self.factory) == (other.framework, other.cls, other.factory)
            and self.checkpoint is other.checkpoint
        )

    def __hash__(self) -> int:
        return hash((self.framework, self.cls, self.factory, id(self.checkpoint)))


@dataclass(frozen=True)
class TupleValue(Value):
    items: tuple


def join(values: Sequence[Optional[Value]]) -> Optional[Value]:
    """What a name holds when any of ``values`` may reach it: their common value, or unknown."""
    if not values or any(v is None for v in values):
        return None
    first = values[0]
    if all(v == first for v in values[1:]):
        return first
    if all(isinstance(v, Model) for v in values):
        models = [v for v in values if isinstance(v, Model)]
        frameworks = {m.framework for m in models}
        if len(frameworks) == 1:
            classes = {m.cls for m in models}
            return Model(frameworks.pop(), classes.pop() if len(classes) == 1 else None)
    return None
