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
- :func:`trained_datasets`: the ``Trainer`` calls that train a model on a dataset loaded from the Hub
  by name (``load_dataset("emotion")``, through names, splits and ``Dataset`` methods), with the number
  of classes of the column that becomes its labels: the dataset's own ``label`` column, or the one
  ``ClassLabel`` column a ``map`` copies into ``labels`` (see :mod:`tf_lint.knowledge.dataset_labels`).
  A ``map`` that computes labels (a comparison, arithmetic, a call) or a step tf-lint does not know
  makes the count unknown.
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
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

from tf_lint.analysis.flows import TRAINERS, trainer_argument
from tf_lint.analysis.values import Constant, ImportedName, LocalClass, LocalFunction, Model, Strings, TupleValue
from tf_lint.knowledge import dataset_labels
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


LOAD_DATASET = frozenset({"datasets.load_dataset", "datasets.load.load_dataset"})
# Methods of a ``datasets`` Dataset / DatasetDict that return it with each row's columns as they were (a
# subset, another order, a split, a format); ``map``, ``rename_column`` and ``remove_columns`` are read
# for what they do to the label column. Any other method makes the labels unknown.
_DATASET_KEEPS = frozenset({"shuffle", "select", "filter", "train_test_split", "with_format", "flatten_indices",
                            "sort", "take", "skip", "shard"})
# The keys a Trainer's data collators feed the model as its labels.
LABEL_KEYS = ("label", "labels")
# Calls through which a copied label id stays the same id (or a list / tensor of the same ids).
_COPYING_CALLS = frozenset({"list", "tuple", "len", "enumerate", "zip", "range"})
_COPYING_METHODS = frozenset({"append", "extend", "copy"})


@dataclass(frozen=True)
class TrainedDataset:
    """A ``Trainer`` call (``call``) that trains ``model`` on the Hub dataset ``dataset`` loaded by
    ``load``, whose ``column`` becomes the labels and holds ``count`` classes (``source`` says where
    that count was read)."""

    model: Model
    call: ast.Call
    count: int
    column: str
    dataset: str
    source: str
    load: ast.Call


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


DATALOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
# Wrappers a loop puts around its loader: the loader's batches come out as they went in (``enumerate``
# puts them second).
_LOOP_WRAPPERS = {"enumerate": (1,), "tqdm": (), "tqdm.tqdm": (), "tqdm.auto.tqdm": (), "tqdm.notebook.tqdm": ()}


def trained_datasets(facts: "Facts") -> List[TrainedDataset]:
    """Every ``Trainer`` call of the document whose ``train_dataset`` or ``eval_dataset`` is a Hub
    dataset with a known label column, and every call of a model with the batches of a ``DataLoader``
    over one (``for batch in loader: model(**batch)``), see the module's docstring."""
    found: List[TrainedDataset] = []
    for call in facts.nodes(ast.Call):
        if facts.qualified_name(call.func) not in TRAINERS:
            looped = _looped_dataset(facts, call)
            if looped is not None:
                found.append(looped)
            continue
        model_expr = trainer_argument(call, "model")
        model = facts.model(model_expr) if model_expr is not None else None
        if model is None:
            continue
        for parameter in ("train_dataset", "eval_dataset"):
            argument = trainer_argument(call, parameter)
            labels = _hub_dataset_labels(facts, argument) if argument is not None else None
            if labels is not None:
                count, column, name, source, load = labels
                found.append(TrainedDataset(model, call, count, column, name, source, load))
                break
    return found


def _looped_dataset(facts: "Facts", call: ast.Call) -> Optional[TrainedDataset]:
    """``model(**batch)`` (or ``labels=batch["labels"]``) where ``batch`` is an item of a ``DataLoader``
    over a Hub dataset with a known label column (through ``batch = {k: v.to(device) for k, v in
    batch.items()}``, ``enumerate`` and ``tqdm``)."""
    func = call.func.value if isinstance(call.func, ast.Attribute) and call.func.attr == "forward" else call.func
    model = facts.model(func)
    if model is None:
        return None
    batch = next((k.value for k in call.keywords if k.arg is None), None)
    if batch is None:
        labels = next((k.value for k in call.keywords if k.arg == "labels"), None)
        batch = labels.value if isinstance(labels, ast.Subscript) and _key_string(facts, labels.slice) in LABEL_KEYS else None
    for _ in range(4):  # batch = {k: v.to(device) for k, v in batch.items()}
        if not isinstance(batch, ast.Name):
            return None
        moved = facts.assigned_expression(batch)
        source = moved.generators[0].iter if isinstance(moved, ast.DictComp) and len(moved.generators) == 1 else None
        if not (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute) and source.func.attr == "items"):
            break
        batch = source.func.value
    if not isinstance(batch, ast.Name):
        return None
    loader, path = facts.iterated_expression(batch), facts.iterated_path(batch)
    while isinstance(loader, ast.Call) and loader.args:
        wrapper = loader.func.id if isinstance(loader.func, ast.Name) else facts.qualified_name(loader.func)
        if wrapper not in _LOOP_WRAPPERS or path is None or path[:len(_LOOP_WRAPPERS[wrapper])] != _LOOP_WRAPPERS[wrapper]:
            break
        path = path[len(_LOOP_WRAPPERS[wrapper]):]
        loader = loader.args[0]
    if path != () or not isinstance(loader, (ast.Name, ast.Call)):
        return None
    if isinstance(loader, ast.Name):
        loader = facts.assigned_expression(loader)
    if not (isinstance(loader, ast.Call) and facts.qualified_name(loader.func) in DATALOADERS):
        return None
    dataset = loader.args[0] if loader.args else next((k.value for k in loader.keywords if k.arg == "dataset"), None)
    labels_found = _hub_dataset_labels(facts, dataset) if dataset is not None else None
    if labels_found is None:
        return None
    count, column, name, source_text, load = labels_found
    return TrainedDataset(model, call, count, column, name, source_text, load)


def _hub_dataset_labels(facts: "Facts", expr: ast.expr) -> Optional[Tuple[int, str, str, str, ast.Call]]:
    """(classes, column, dataset, source, load call) of the labels that ``expr``, a dataset derived from
    ``load_dataset("<name>")``, holds; None when any step is unknown."""
    steps: List[ast.Call] = []
    for _ in range(32):  # a bound on the chain of names, splits and methods
        if isinstance(expr, ast.Name):
            assigned = facts.assigned_expression(expr)
            if assigned is None or assigned is expr:
                return None
            expr = assigned
        elif isinstance(expr, ast.Subscript):
            expr = expr.value
        elif isinstance(expr, ast.Call) and facts.qualified_name(expr.func) in LOAD_DATASET:
            return _labels_after(facts, expr, list(reversed(steps)))
        elif (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)
              and (expr.func.attr in _DATASET_KEEPS or expr.func.attr in ("map", "rename_column", "remove_columns"))):
            steps.append(expr)
            expr = expr.func.value
        else:
            return None
    return None


def _labels_after(facts: "Facts", load: ast.Call, steps: List[ast.Call]) -> Optional[Tuple[int, str, str, str, ast.Call]]:
    keywords = {k.arg: k.value for k in load.keywords}
    if None in keywords or "data_files" in keywords or "data_dir" in keywords:
        return None
    first = load.args[0] if load.args else keywords.get("path")
    name = facts.string(first)
    config_expr = load.args[1] if len(load.args) > 1 else keywords.get("name")
    config = facts.string(config_expr) if config_expr is not None else None
    if not name or (config_expr is not None and config is None):
        return None
    known = dataset_labels.dataset_label_columns(name, config)
    if known is None:
        return None
    columns = dict(known.columns)  # column -> classes, for the ClassLabel columns still present
    labels: Dict[str, Tuple[int, str]] = {k: (columns[k], k) for k in LABEL_KEYS if k in columns}
    for step in steps:
        method = step.func.attr  # type: ignore[attr-defined]
        if method in _DATASET_KEEPS:
            continue
        if method == "rename_column":
            old, new = (_argument_string(facts, step, i, key)
                        for i, key in ((0, "original_column_name"), (1, "new_column_name")))
            if old is None or new is None:
                return None
            moved = labels.pop(old, None) or ((columns[old], old) if old in columns else None)
            if old in columns:
                columns[new] = columns.pop(old)
            if new in LABEL_KEYS:
                if moved is None:
                    return None  # a column of unknown classes becomes the labels
                labels[new] = moved
        elif method == "remove_columns":
            removed = _strings(facts, step.args[0] if step.args else None)
            if removed is None:
                return None
            for column in removed:
                labels.pop(column, None)
                columns.pop(column, None)
        else:  # map
            written = _map_labels(facts, step, columns)
            if written is False:
                return None
            if written is not None:
                key, column = written
                labels = {key: (columns[column], column)}
    if len(labels) != 1:
        return None
    count, column = next(iter(labels.values()))
    return count, column, name, known.source, load


def _argument_string(facts: "Facts", call: ast.Call, index: int, keyword: str) -> Optional[str]:
    if index < len(call.args):
        return facts.string(call.args[index])
    return facts.string(next((k.value for k in call.keywords if k.arg == keyword), None))


def _strings(facts: "Facts", expr: Optional[ast.expr]) -> Optional[List[str]]:
    if expr is None:
        return None
    single = facts.string(expr)
    if single is not None:
        return [single]
    if isinstance(expr, (ast.List, ast.Tuple)):
        items = [facts.string(e) for e in expr.elts]
        return None if any(i is None for i in items) else items  # type: ignore[return-value]
    return None


def _map_labels(facts: "Facts", call: ast.Call, columns: Dict[str, int]):
    """What a ``Dataset.map`` does to the labels: None when its function writes no label key, (key,
    column) when it copies the one ``ClassLabel`` column it reads into ``key``, False when that is not
    known (a function tf-lint cannot read, one that calls the project's own functions, or labels it
    computes rather than copies)."""
    function = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "function"), None)
    if isinstance(function, ast.Lambda):
        node: ast.AST = function
    else:
        value = facts.value(function) if function is not None else None
        if not isinstance(value, LocalFunction) or value.node is None:
            return False
        node = value.node
    written: Set[str] = set()
    read: Set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Dict):
            written.update(k for k in (_key_string(facts, key) for key in sub.keys if key is not None) if k in LABEL_KEYS)
        elif isinstance(sub, ast.Subscript):
            key = _key_string(facts, sub.slice)
            if isinstance(sub.ctx, ast.Store) and key in LABEL_KEYS:
                written.add(key)  # type: ignore[arg-type]
            elif isinstance(sub.ctx, ast.Load) and key in columns:
                read.add(key)  # type: ignore[arg-type]
        elif isinstance(sub, ast.Call):
            if isinstance(facts.value(sub.func), LocalFunction):
                return False  # what the project's own function writes is not read here
            for keyword in sub.keywords:
                if keyword.arg in LABEL_KEYS or keyword.arg == "text_target":
                    written.add(keyword.arg if keyword.arg in LABEL_KEYS else "labels")
    if not written:
        return None
    if len(written) != 1 or len(read) != 1:
        return False
    column = read.pop()
    if not _copies_column(facts, node, column):
        return False
    return written.pop(), column


def _key_string(facts: "Facts", expr: ast.AST) -> Optional[str]:
    if isinstance(expr, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in expr.values):
        return "".join(str(v.value) for v in expr.values)  # type: ignore[attr-defined]
    return facts.string(expr)


def _copies_column(facts: "Facts", function: ast.AST, column: str) -> bool:
    """Whether the ids read from ``column`` inside ``function`` are only moved (indexed, iterated,
    appended, bound to names), never compared, computed on or passed to another call: then the
    labels written hold the column's own class ids."""
    tainted: Set[str] = set()

    def holds(expr: ast.AST) -> bool:
        if isinstance(expr, ast.Subscript):
            return _key_string(facts, expr.slice) == column or holds(expr.value)
        if isinstance(expr, ast.Name):
            return expr.id in tainted
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in ("enumerate", "zip", "list"):
            return any(holds(a) for a in expr.args)
        return False

    for _ in range(4):  # names bound from the column, to a fixed point
        before = len(tainted)
        for node in ast.walk(function):
            if isinstance(node, (ast.For, ast.comprehension)) and holds(node.iter):
                tainted.update(n.id for n in ast.walk(node.target) if isinstance(n, ast.Name))
            elif isinstance(node, ast.Assign) and holds(node.value):
                tainted.update(n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name))
        if len(tainted) == before:
            break
    for node in ast.walk(function):
        if isinstance(node, (ast.Compare, ast.BinOp, ast.UnaryOp, ast.BoolOp)):
            operands = [node.left, *node.comparators] if isinstance(node, ast.Compare) else (
                [node.left, node.right] if isinstance(node, ast.BinOp) else
                [node.operand] if isinstance(node, ast.UnaryOp) else node.values)
            if any(holds(o) for o in operands):
                return False
        elif isinstance(node, ast.IfExp) and (holds(node.test) or holds(node.body) or holds(node.orelse)):
            return False
        elif isinstance(node, ast.Call) and any(holds(a) for a in node.args):
            func = node.func
            if isinstance(func, ast.Name) and func.id in _COPYING_CALLS:
                continue
            if isinstance(func, ast.Attribute) and func.attr in _COPYING_METHODS:
                continue
            return False
    return True


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
