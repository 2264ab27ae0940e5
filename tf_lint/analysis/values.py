"""What an expression holds, as far as the facts layer can tell.

``None`` always means *unknown*: rules report only on a known value (evidence or silence).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
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
class LaunchedValue(Constant):
    """A command-line option's value that the project's own launch commands decide: the default every
    launch leaves in force, or the value all of them write (:mod:`tf_lint.launches`). A constant like
    any other; ``because`` says which launch decided it, for the messages of findings that use it."""

    because: str = field(default="", compare=False)
    # The option (``--batch-size``) and, when a launch wrote it (not its default), that launch
    # (``tf_lint.launches.Launch``): a finding whose value a launch wrote is that launch's own.
    option: str = field(default="", compare=False)
    written_by: Any = field(default=None, compare=False)


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
    if all(isinstance(v, EncodingField) for v in values):
        return _join_fields(values)  # type: ignore[arg-type]
    if all(isinstance(v, Model) for v in values):
        models = [v for v in values if isinstance(v, Model)]
        frameworks = {m.framework for m in models}
        if len(frameworks) == 1:
            classes = {m.cls for m in models}
            return Model(frameworks.pop(), classes.pop() if len(classes) == 1 else None)
    return None


# --- values for the padding family (and every later rule) -----------------------------------------
# These compare by identity (``eq=False``): two tokenizers are the same only when they come from the
# same creation call, so ``join`` of two different ones is unknown.


@dataclass(eq=False)
class Tokenizer(Value):
    """A tokenizer or processor: ``AutoTokenizer.from_pretrained(checkpoint)`` or a concrete class.

    ``origin`` is the creation call; ``options`` its keyword arguments (``padding_side=``,
    ``pad_token=``), as expressions.
    """

    cls: Optional[str]
    checkpoint: Optional[ast.expr]
    origin: ast.AST
    kind: str = "tokenizer"  # or "processor"
    options: Any = None  # Dict[str, ast.expr]


@dataclass(eq=False)
class Encoding(Value):
    """What a tokenizer call (or a padding collator's batch) returns: a ``BatchEncoding``.

    ``padded``: True (``padding=True/"longest"/"max_length"``/``PaddingStrategy``, a padding collator),
    False (no padding asked, or a single text), None (unknown). ``side``: "left"/"right"/None — the
    side the tokenizer pads on, None when neither the code nor the known checkpoint says.
    ``batch``: several texts (True), one text (False), unknown (None).
    """

    tokenizer: Optional[Tokenizer]
    padded: Optional[bool]
    side: Optional[str]
    batch: Optional[bool]
    tensors: Optional[str]  # return_tensors: "pt", "tf", "np" or None
    origin: ast.AST
    # Whether padding was asked for at all (even of a single text, which pads nothing but still needs
    # a pad token): True, False or None (unknown).
    requested: Optional[bool] = None


@dataclass(eq=False)
class EncodingField(Value):
    """One field of an encoding: ``enc["input_ids"]``, ``enc.input_ids`` (possibly ``.to(device)``)."""

    encoding: Encoding
    field: str


@dataclass(eq=False)
class HandPadded(Value):
    """A batch of ids padded by hand: ``pad_sequence``, ``F.pad``, ``ids + [pad] * (n - len(ids))`` or a
    literal tensor whose rows end in a pad id. ``pad_value``: the pad id when known."""

    how: str
    pad_value: Optional[int]
    origin: ast.AST


@dataclass(eq=False)
class Rows(Value):
    """A container the code fills one element at a time: a list bound to ``[]`` that only ever grows by
    ``.append(item)``, or a dict bound to ``{}`` that only ever gets ``d[key] = item``. ``item`` is what
    every element holds (the appended or stored values agree)."""

    item: Value
    origin: ast.AST


@dataclass(eq=False)
class Collator(Value):
    """A data collator; ``pads`` when it pads its batches (``DataCollatorWithPadding`` & co.)."""

    cls: str
    pads: bool
    tokenizer: Optional[Tokenizer]
    origin: ast.AST


@dataclass(eq=False)
class Batches(Value):
    """A ``DataLoader`` (or anything iterated like one) whose batches are ``item``."""

    item: Optional[Value]
    origin: ast.AST


@dataclass(eq=False)
class Pipeline(Value):
    task: Optional[str]
    model: Optional[ast.expr]
    origin: ast.AST


@dataclass(eq=False)
class ModelOutput(Value):
    """What a model call returns: ``origin`` is the call."""

    model: Model
    origin: ast.Call


@dataclass(eq=False)
class ArgParser(Value):
    """An ``argparse.ArgumentParser``, or (``kind`` "HfArgumentParser" / "TrlParser") a parser of the
    ``dataclasses``: the document's classes whose fields are its options (None for a class defined
    elsewhere, such as ``TrainingArguments``)."""

    origin: ast.AST
    dataclasses: tuple = ()
    kind: str = "argparse"


@dataclass(eq=False)
class ParsedArgs(Value):
    """What ``parser.parse_args()`` returns: each attribute is a :class:`RunTimeValue`, the option its
    ``add_argument`` declares."""

    parser: ArgParser


@dataclass(eq=False)
class Instance(Value):
    """An instance of a class defined in the document (a dataclass of arguments, a wrapper class).
    ``call`` is the constructor call, None when made by an argument parser (``HfArgumentParser``,
    ``TrlParser``)."""

    cls: LocalClass
    call: Optional[ast.Call] = None


class RunTimeValue(Value):
    """A value the program is given when it runs, unknown at lint time: a command-line option
    (argparse, an ``HfArgumentParser`` / ``TrlParser`` dataclass field, click, typer, fire), an item
    of ``sys.argv``, an environment variable.

    ``source`` names the mechanism ("argparse", "HfArgumentParser", "click", "environment" ...),
    ``option`` what the user sets (``--model_name_or_path``, ``MODEL_NAME``, ``sys.argv[1]``),
    ``declared`` the node that declares it (its line is the provenance), ``default`` what the code
    declares for a run that does not set it (None when it declares nothing the facts layer can read).

    The default is a *placeholder*, not the value: it is never a :class:`Constant`, so no question
    that wants a string or a number (``Facts.string``, ``Facts.checkpoint``, ``Facts.constant``) sees
    it, and no rule can start a finding from it. Messages may cite it through
    ``Facts.run_time(expr)``. A launch command of the project that runs the program without the option
    is what makes the default the value (the facts layer's ``given_at_run_time`` is where that is
    decided, for every source at once).
    """

    __slots__ = ("source", "option", "declared", "default")

    def __init__(self, source: str, option: Optional[str], declared: Optional[ast.AST],
                 default: Optional[Value] = None) -> None:
        self.source = source
        self.option = option
        self.declared = declared
        self.default = default

    def __eq__(self, other: object) -> bool:  # the same option read twice is the same value
        return (isinstance(other, RunTimeValue) and (self.source, self.option) == (other.source, other.option)
                and self.declared is other.declared)

    def __hash__(self) -> int:
        return hash((self.source, self.option, id(self.declared)))

    def __repr__(self) -> str:
        return f"RunTimeValue({self.source!r}, {self.option!r}, default={self.default!r})"

    def describe(self) -> str:
        """```--model_name_or_path` (HfArgumentParser, line 12) defaults to 'facebook/opt-125m'``."""
        where = self.source
        line = getattr(self.declared, "lineno", None)
        if line is not None:
            where += f", line {line}"
        text = f"`{self.option}` ({where})" if self.option else f"a value given at run time ({where})"
        if isinstance(self.default, Constant):
            text += f" defaults to {self.default.value!r}"
        return text


@dataclass(frozen=True)
class Strings(Value):
    """One of several string constants (an item of a literal list of strings being iterated)."""

    values: tuple


@dataclass(frozen=True)
class Record(Value):
    """A mapping with string keys written as a literal (``{"input_ids": ids, "labels": y}``), what a
    ``Dataset`` item or a collate function often returns: ``items`` is ``((key, value), ...)``."""

    items: tuple

    def get(self, key: str) -> Optional[Value]:
        for name, value in self.items:
            if name == key:
                return value
        return None


def _join_fields(fields: Sequence["EncodingField"]) -> Optional["EncodingField"]:
    """The same field of encodings that agree on what a rule asks of them (padded, side, batch,
    tensors): the ids of one of two padded batches are padded ids. The joined encoding has no origin
    (no fix edits one of the calls), and the tokenizer only when they share it."""
    first = fields[0]
    if any(f.field != first.field for f in fields):
        return None
    encodings = [f.encoding for f in fields]
    if all(e is encodings[0] for e in encodings):
        return first
    shape = {(e.padded, e.side, e.batch, e.tensors, e.requested) for e in encodings}
    if len(shape) != 1:
        return None
    padded, side, batch, tensors, requested = shape.pop()
    tokenizers = {id(e.tokenizer) for e in encodings}
    tokenizer = encodings[0].tokenizer if len(tokenizers) == 1 else None
    return EncodingField(Encoding(tokenizer, padded, side, batch, tensors, None, requested), first.field)
