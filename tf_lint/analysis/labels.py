"""How many labels a document's data has, and how many its classification heads get: the evidence of
TFL702.

- :func:`label_definitions`: the label sets the document spells out: a dict bound to a name holding
  ``id2label`` / ``label2id`` (a literal, or a comprehension over ``enumerate`` of a known list of
  strings), ``ClassLabel(names=[...])`` / ``ClassLabel(num_classes=N)``, and a ``num_labels`` /
  ``num_classes`` constant.
  A mapping or count found by its variable's name is evidence only when the code reads that variable
  (``read``); one nothing reads may enrich a finding (the fix's ``len(id2label)``), never start one.
- :func:`data_label_count`: the one common count of the definitions that are evidence, None when they
  disagree or there are none.
- :func:`fed_labels`: the label ids the code feeds a model (``model(**batch, labels=torch.tensor([5]))``),
  each a constant: a literal, constant arithmetic, or a key of a label map the file spells out. What
  the code does, whatever its names.
- :func:`classification_head`: a ``from_pretrained`` of a classification head class, with the label
  count it gets (``num_labels=``, ``id2label=``, or the checkpoint's own, see
  :mod:`tf_lint.knowledge.labels`).
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, List, Optional

from tf_lint.analysis.values import Constant, ImportedName, LocalClass, Model, Strings, TupleValue
from tf_lint.knowledge import labels as label_knowledge

if TYPE_CHECKING:  # pragma: no cover
    from tf_lint.analysis.facts import Facts

HEAD_SUFFIXES = ("ForSequenceClassification", "ForTokenClassification", "ForImageClassification",
                 "ForAudioClassification")
CLASS_LABELS = frozenset({"datasets.ClassLabel", "datasets.features.ClassLabel",
                          "datasets.features.features.ClassLabel"})
COUNT_NAMES = frozenset({"num_labels", "num_classes", "n_labels", "n_classes"})
# Attributes whose assignment changes a model's head after loading.
HEAD_ATTRIBUTES = frozenset({"num_labels", "id2label", "label2id", "classifier", "score", "out_proj", "head"})


@dataclass(frozen=True)
class LabelDefinition:
    count: int
    node: ast.AST  # the assignment or call that defines it
    name: Optional[str]  # the variable holding a mapping (for ``len(name)``), when there is one
    kind: str  # "id2label", "label2id", "ClassLabel", "count"
    read: bool = True  # False: a variable found by its name that nothing in the document reads


@dataclass(frozen=True)
class FedLabels:
    """Label ids a model call feeds a model: ``call`` passes ``labels=`` holding ``ids``."""

    model: Model
    call: ast.Call
    ids: tuple


# Calls that make a tensor of the ids they are given.
LABEL_TENSORS = frozenset({"torch.tensor", "torch.as_tensor", "torch.LongTensor", "torch.IntTensor",
                           "numpy.array", "numpy.asarray", "tensorflow.constant", "tensorflow.convert_to_tensor"})


@dataclass(frozen=True)
class ClassificationHead:
    call: ast.Call
    count: int
    how: str  # how the count is known, for the message
    carries_labels: Optional[bool]  # the checkpoint has a head of its own (None: not known)


def label_definitions(facts: "Facts") -> List[LabelDefinition]:
    found: List[LabelDefinition] = []
    read = {n.id for n in facts.nodes(ast.Name) if isinstance(n.ctx, ast.Load)}
    for node in facts.nodes((ast.Assign, ast.Call)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            lowered = name.lower()
            kind = "id2label" if "id2label" in lowered else "label2id" if "label2id" in lowered else None
            if kind:
                count = _mapping_size(facts, node.value)
                if count:
                    found.append(LabelDefinition(count, node, name, kind, name in read))
            elif lowered in COUNT_NAMES:
                value = facts.value(node.value)
                if isinstance(value, Constant) and type(value.value) is int and value.value > 0:
                    found.append(LabelDefinition(value.value, node, None, "count", name in read))
        elif isinstance(node, ast.Call) and facts.qualified_name(node.func) in CLASS_LABELS:
            count = _class_label_size(facts, node)
            if count:
                found.append(LabelDefinition(count, node, None, "ClassLabel"))
    return found


def data_label_count(facts: "Facts") -> Optional[int]:
    counts = {d.count for d in label_definitions(facts) if d.read}
    return counts.pop() if len(counts) == 1 else None


def fed_labels(facts: "Facts") -> List[FedLabels]:
    """Every model call of the document with ``labels=`` of constant ids (see the module's docstring)."""
    found: List[FedLabels] = []
    for call in facts.nodes(ast.Call):
        labels = next((k.value for k in call.keywords if k.arg == "labels"), None)
        if labels is None:
            continue
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "forward":
            func = func.value
        model = facts.model(func)
        if model is None:
            continue
        ids = _label_ids(facts, labels)
        if ids:
            found.append(FedLabels(model, call, ids))
    return found


def _label_ids(facts: "Facts", expr: ast.expr) -> Optional[tuple]:
    """The ids of ``torch.tensor([...])`` (or a name bound once to one), when every one is known."""
    if isinstance(expr, ast.Name):
        assigned = facts.assigned_expression(expr)
        return _label_ids(facts, assigned) if assigned is not None and assigned is not expr else None
    if not (isinstance(expr, ast.Call) and len(expr.args) == 1 and facts.qualified_name(expr.func) in LABEL_TENSORS):
        return None
    data = expr.args[0]
    if isinstance(data, ast.Name):
        data = facts.assigned_expression(data)
    if not isinstance(data, (ast.List, ast.Tuple)) or not data.elts:
        return None
    ids = []
    for element in data.elts:
        value = _label_id(facts, element)
        if value is None:
            return None
        ids.append(value)
    return tuple(ids)


def _label_id(facts: "Facts", expr: ast.expr) -> Optional[int]:
    value = facts.constant(expr)
    if isinstance(value, Constant) and type(value.value) is int and value.value >= 0:
        return value.value
    if isinstance(expr, ast.Subscript):
        key = facts.constant(expr.slice)
        entries = _mapping_entries(facts, expr.value)
        if entries is not None and isinstance(key, Constant) and key.value in entries:
            found = entries[key.value]
            return found if type(found) is int and found >= 0 else None
    return None


def _mapping_entries(facts: "Facts", expr: ast.expr) -> Optional[dict]:
    """The constant entries of a dict the file spells out: a literal with constant keys and values, a
    comprehension over ``enumerate`` of a known list of strings (``{name: i for i, name in
    enumerate(names)}``) or inverting such a dict (``{v: k for k, v in d.items()}``); through one
    plain assignment of a name."""
    if isinstance(expr, ast.Name):
        assigned = facts.assigned_expression(expr)
        return _mapping_entries(facts, assigned) if assigned is not None and assigned is not expr else None
    if isinstance(expr, ast.Dict):
        entries = {}
        for key, value in zip(expr.keys, expr.values):
            k = facts.constant(key) if key is not None else None
            v = facts.constant(value)
            if not (isinstance(k, Constant) and isinstance(v, Constant)):
                return None
            entries[k.value] = v.value
        return entries
    if not (isinstance(expr, ast.DictComp) and len(expr.generators) == 1 and not expr.generators[0].ifs):
        return None
    generator = expr.generators[0]
    target, source = generator.target, generator.iter
    if not (isinstance(target, ast.Tuple) and len(target.elts) == 2
            and all(isinstance(t, ast.Name) for t in target.elts)
            and isinstance(expr.key, ast.Name) and isinstance(expr.value, ast.Name)):
        return None
    first, second = target.elts[0].id, target.elts[1].id  # type: ignore[attr-defined]
    if isinstance(source, ast.Call) and not source.keywords and isinstance(source.func, ast.Attribute) \
            and source.func.attr == "items" and not source.args:
        pairs = _mapping_entries(facts, source.func.value)
        pairs = list(pairs.items()) if pairs is not None else None
    elif isinstance(source, ast.Call) and isinstance(source.func, ast.Name) and source.func.id == "enumerate" \
            and len(source.args) == 1 and not source.keywords:
        items = facts.iterate(source.args[0])
        pairs = list(enumerate(items.values)) if isinstance(items, Strings) else None
    else:
        return None
    if pairs is None:
        return None
    order = {first: 0, second: 1}
    if {expr.key.id, expr.value.id} != {first, second}:
        return None
    return {pair[order[expr.key.id]]: pair[order[expr.value.id]] for pair in pairs}


def classification_head(facts: "Facts", call: ast.Call) -> Optional[ClassificationHead]:
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "from_pretrained"):
        return None
    owner = facts.value(func.value)
    if not (isinstance(owner, (ImportedName, LocalClass)) and facts.class_framework(owner)):
        return None
    cls = owner.qualname if isinstance(owner, ImportedName) else _head_base(facts, owner)
    if not cls or not cls.rsplit(".", 1)[-1].endswith(HEAD_SUFFIXES):
        return None
    keywords = {k.arg: k.value for k in call.keywords}
    if None in keywords or "config" in keywords or len(call.args) > 1:
        return None  # **kwargs or a config may carry the labels
    first = call.args[0] if call.args else keywords.get("pretrained_model_name_or_path")
    if first is None or isinstance(first, ast.Starred):
        return None
    if "num_labels" in keywords:
        count = _count(facts, keywords["num_labels"])
        return ClassificationHead(call, count, "`num_labels=`", None) if count else None
    for key in ("id2label", "label2id"):
        if key in keywords:
            count = _mapping_size(facts, keywords[key])
            return ClassificationHead(call, count, f"`{key}=`", None) if count else None
    checkpoint = facts.string(first)
    if not checkpoint:
        return None
    base_dir = os.path.dirname(os.path.abspath(facts.path)) if facts.path else None
    known = label_knowledge.head_label_count(checkpoint, base_dir)
    if known is None:
        return None
    count, carries, source = known
    return ClassificationHead(call, count, f"the default of {checkpoint!r}, from {source}", carries)


def head_changed_after_loading(facts: "Facts") -> bool:
    """Whether the document assigns a head attribute anywhere (``model.config.num_labels = 6``,
    ``model.classifier = nn.Linear(...)``): then the loaded count is not the one used."""
    for node in facts.nodes((ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and node.attr in HEAD_ATTRIBUTES:
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
            return True
    return False


def _head_base(facts: "Facts", cls: LocalClass) -> Optional[str]:
    for base in cls.node.bases:
        value = facts.value(base)
        if isinstance(value, ImportedName):
            return value.qualname
    return None


def _count(facts: "Facts", expr: ast.expr) -> Optional[int]:
    """An int constant, or ``len(x)`` of a known list or mapping."""
    value = facts.constant(expr)
    if isinstance(value, Constant) and type(value.value) is int and value.value > 0:
        return value.value
    if (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "len"
            and len(expr.args) == 1):
        return _collection_size(facts, expr.args[0])
    return None


def _collection_size(facts: "Facts", expr: ast.expr) -> Optional[int]:
    size = _mapping_size(facts, expr)
    if size:
        return size
    value = facts.value(expr)
    if isinstance(value, TupleValue) and value.items and all(isinstance(v, Constant) for v in value.items):
        return len(value.items)
    return None


def _mapping_size(facts: "Facts", expr: ast.expr) -> Optional[int]:
    """The number of entries of a dict literal with constant keys, or of a comprehension over
    ``enumerate`` of a known list of strings; through one plain assignment of a name."""
    if isinstance(expr, ast.Name):
        assigned = facts.assigned_expression(expr)
        return _mapping_size(facts, assigned) if assigned is not None and assigned is not expr else None
    if isinstance(expr, ast.Dict):
        if not expr.keys or any(k is None or not isinstance(facts.value(k), Constant) for k in expr.keys):
            return None
        return len({facts.value(k).value for k in expr.keys})  # type: ignore[union-attr]
    if isinstance(expr, ast.DictComp) and len(expr.generators) == 1 and not expr.generators[0].ifs:
        source = expr.generators[0].iter
        if (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute) and source.func.attr == "items"
                and not source.args and isinstance(expr.key, ast.Name) and isinstance(expr.value, ast.Name)):
            return _mapping_size(facts, source.func.value)  # {v: k for k, v in id2label.items()}
        if (isinstance(source, ast.Call) and isinstance(source.func, ast.Name) and source.func.id == "enumerate"
                and len(source.args) == 1 and not source.keywords):
            items = facts.iterate(source.args[0])
            if isinstance(items, Strings):
                return len(set(items.values))
    return None


def _class_label_size(facts: "Facts", call: ast.Call) -> Optional[int]:
    keywords = {k.arg: k.value for k in call.keywords}
    if "names" in keywords:
        return _collection_size(facts, keywords["names"])
    if "num_classes" in keywords:
        return _count(facts, keywords["num_classes"])
    return None
