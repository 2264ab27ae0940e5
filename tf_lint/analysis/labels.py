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
- :mod:`tf_lint.analysis.hub_datasets` holds the rest of TFL702's evidence: the classes of a Hub
  dataset that a ``Trainer`` or a ``DataLoader`` loop feeds a model.
- :func:`predicted_labels`: a model's predictions read as indices into a list of label names the file
  spells out (``NAMES[model(**x).logits.argmax(-1).item()]``): the code expects as many classes as
  the list holds, whatever its name.
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
    mapped: bool = False  # the ids are every id of a label map the data is looked up in


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
            found.append(FedLabels(model, call, ids, _looks_up(facts, labels)))
    return found


def _label_ids(facts: "Facts", expr: ast.expr) -> Optional[tuple]:
    """The ids of ``torch.tensor([...])`` (or a name bound once to one), when every one is known; or,
    for ids looked up in a label map the file spells out (``torch.tensor([ids[t] for t in tags])``),
    every id that map can give."""
    if isinstance(expr, ast.Name):
        assigned = facts.assigned_expression(expr)
        return _label_ids(facts, assigned) if assigned is not None and assigned is not expr else None
    if not (isinstance(expr, ast.Call) and len(expr.args) == 1 and facts.qualified_name(expr.func) in LABEL_TENSORS):
        return None
    data = expr.args[0]
    if isinstance(data, ast.Name):
        data = facts.assigned_expression(data)
    looked_up = _looked_up_ids(facts, data)
    if looked_up is not None:
        return looked_up
    if not isinstance(data, (ast.List, ast.Tuple)) or not data.elts:
        return None
    ids = []
    for element in data.elts:
        value = _label_id(facts, element)
        if value is None:
            return None
        ids.append(value)
    return tuple(ids)


def _looks_up(facts: "Facts", expr: ast.expr) -> bool:
    """Whether the ids of ``expr`` (as :func:`_label_ids` reads them) are looked up in a label map."""
    if isinstance(expr, ast.Name):
        expr = facts.assigned_expression(expr)  # type: ignore[assignment]
    if not (isinstance(expr, ast.Call) and expr.args):
        return False
    data = expr.args[0]
    if isinstance(data, ast.Name):
        data = facts.assigned_expression(data)  # type: ignore[assignment]
    return _looked_up_ids(facts, data) is not None


@dataclass(frozen=True)
class PredictedLabels:
    """``node`` reads the argmax of ``model``'s logits as an index into ``count`` label names."""

    model: Model
    node: ast.Subscript
    count: int


_ARGMAX = frozenset({"torch.argmax", "numpy.argmax"})
# Calls and methods through which logits stay the same per-class scores (or their order).
_SCORE_METHODS = frozenset({"detach", "cpu", "numpy", "softmax", "log_softmax", "sigmoid", "float", "squeeze",
                            "to", "clone"})
_SCORE_FUNCTIONS = frozenset({"torch.softmax", "torch.nn.functional.softmax", "torch.log_softmax",
                              "torch.nn.functional.log_softmax", "scipy.special.softmax"})
_INDEX_METHODS = frozenset({"item", "tolist", "cpu", "numpy", "detach", "squeeze"})


def predicted_labels(facts: "Facts") -> List[PredictedLabels]:
    """Every subscript of the document that indexes a list (or tuple) of label names the file spells
    out, or a dict whose keys are the ids 0..n-1, with the argmax of a model's logits."""
    found: List[PredictedLabels] = []
    for node in facts.nodes(ast.Subscript):
        if not isinstance(node.ctx, ast.Load):
            continue
        count = _label_names_size(facts, node.value)
        if not count:
            continue
        model = _argmax_model(facts, node.slice)
        if model is not None:
            found.append(PredictedLabels(model, node, count))
    return found


def _label_names_size(facts: "Facts", expr: ast.expr) -> Optional[int]:
    items = facts.iterate(expr) if isinstance(expr, (ast.Name, ast.List, ast.Tuple)) else None
    if isinstance(items, Strings) and items.values:
        return len(items.values)
    entries = _mapping_entries(facts, expr)
    if entries and set(entries) == set(range(len(entries))):
        return len(entries)
    return None


def _argmax_model(facts: "Facts", index: ast.expr) -> Optional[Model]:
    """The model whose logits ``index`` is the argmax of (through ``.item()``, ``int(...)``, names)."""
    for _ in range(8):
        if isinstance(index, ast.Name):  # bound to the argmax, or iterating its elements
            assigned = facts.assigned_expression(index)
            if assigned is None and facts.iterated_path(index) == ():
                assigned = facts.iterated_expression(index)
            if assigned is None or assigned is index:
                return None
            index = assigned
        elif isinstance(index, ast.Call) and isinstance(index.func, ast.Attribute) and index.func.attr in _INDEX_METHODS:
            index = index.func.value
        elif isinstance(index, ast.Call) and isinstance(index.func, ast.Name) and index.func.id == "int" and index.args:
            index = index.args[0]
        elif isinstance(index, ast.Subscript) and isinstance(facts.constant(index.slice), Constant):
            index = index.value  # preds[0]
        elif isinstance(index, ast.Call) and facts.qualified_name(index.func) in _ARGMAX and index.args:
            return _logits_model(facts, index.args[0])
        elif isinstance(index, ast.Call) and isinstance(index.func, ast.Attribute) and index.func.attr == "argmax":
            return _logits_model(facts, index.func.value)
        else:
            return None
    return None


def _logits_model(facts: "Facts", expr: ast.expr) -> Optional[Model]:
    """The model whose call ``expr`` holds the logits of: ``model(**x).logits``, ``model(**x)[0]``,
    through names and score-keeping calls (``.softmax(-1)``, ``.detach().cpu()``)."""
    for _ in range(12):
        if isinstance(expr, ast.Name):
            assigned = facts.assigned_expression(expr)
            if assigned is None or assigned is expr:
                return None
            expr = assigned
        elif isinstance(expr, ast.Attribute) and expr.attr == "logits":
            return _called_model(facts, expr.value)
        elif isinstance(expr, ast.Subscript) and isinstance(facts.constant(expr.slice), Constant):
            if facts.constant(expr.slice).value == 0:  # type: ignore[union-attr]
                found = _called_model(facts, expr.value)
                if found is not None:
                    return found
            expr = expr.value  # logits[0]: one row of the scores
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in _SCORE_METHODS:
            expr = expr.func.value
        elif isinstance(expr, ast.Call) and facts.qualified_name(expr.func) in _SCORE_FUNCTIONS and expr.args:
            expr = expr.args[0]
        else:
            return None
    return None


def _called_model(facts: "Facts", expr: ast.expr) -> Optional[Model]:
    """The model ``expr`` is the output of (``model(**x)``, ``model.forward(...)``, through a name)."""
    if isinstance(expr, ast.Name):
        assigned = facts.assigned_expression(expr)
        expr = assigned if assigned is not None else expr
    if not isinstance(expr, ast.Call):
        return None
    func = expr.func.value if isinstance(expr.func, ast.Attribute) and expr.func.attr == "forward" else expr.func
    return facts.model(func)


def _looked_up_ids(facts: "Facts", data: Optional[ast.expr]) -> Optional[tuple]:
    """The ids of a label map looked up one element at a time: ``[m[t] for t in tags]`` (or a scalar
    ``m[t]``), ``m`` a dict of int ids the file spells out (see :func:`_mapping_entries`), its key not a
    constant (a constant key is :func:`_label_id`'s). The ids the data will hold are some of the map's:
    the map says how many classes the code encodes, whatever its name."""
    if isinstance(data, ast.ListComp) and len(data.generators) == 1:
        data = data.elt
    if not isinstance(data, ast.Subscript) or isinstance(facts.constant(data.slice), Constant):
        return None
    entries = _mapping_entries(facts, data.value)
    if not entries:
        return None
    ids = set(entries.values())
    if not all(type(i) is int and i >= 0 for i in ids):
        return None
    return tuple(sorted(ids))


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
