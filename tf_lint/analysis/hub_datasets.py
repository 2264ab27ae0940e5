"""The classes of a dataset loaded from the Hub by name that reach a model as its labels: TFL702's
evidence beside :mod:`tf_lint.analysis.labels`.

:func:`trained_datasets` finds the ``Trainer`` calls that train a model on such a dataset
(``train_dataset`` / ``eval_dataset``), and the model calls fed the batches of a ``DataLoader`` over one
(``for batch in loader: model(**batch)``), following the dataset back through names, splits and
``Dataset`` methods to ``load_dataset("<name>")``. The number of classes is that of the column that
becomes the labels: the dataset's own ``label`` column, or the one ``ClassLabel`` column a ``map``
copies into ``labels`` (see :mod:`tf_lint.knowledge.dataset_labels`). A ``map`` that computes labels (a
comparison, arithmetic, a call), a function of another module, and any step tf-lint does not know
make the count unknown.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

from tf_lint.analysis.flows import TRAINERS, trainer_argument
from tf_lint.analysis.values import LocalFunction, Model
from tf_lint.knowledge import dataset_labels

if TYPE_CHECKING:  # pragma: no cover
    from tf_lint.analysis.facts import Facts

LOAD_DATASET = frozenset({"datasets.load_dataset", "datasets.load.load_dataset"})
# Methods of a ``datasets`` Dataset / DatasetDict that return it with each row's columns as they were and
# rows chosen without looking at them (another order, a split, a format, a slice by position); ``map``,
# ``rename_column`` and ``remove_columns`` are read for what they do to the label column, and ``select``
# keeps the classes only over a ``range(...)``. Any other method makes the labels unknown: ``filter`` (and
# ``select`` of computed indices) may keep only the classes the head has (``label < 2``).
_DATASET_KEEPS = frozenset({"shuffle", "train_test_split", "with_format", "flatten_indices", "sort", "take",
                            "skip", "shard"})
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
              and (expr.func.attr in _DATASET_KEEPS or expr.func.attr in ("map", "rename_column", "remove_columns")
                   or expr.func.attr == "select" and _over_a_range(facts, expr))):
            steps.append(expr)
            expr = expr.func.value
        else:
            return None
    return None


def _over_a_range(facts: "Facts", call: ast.Call) -> bool:
    """``select(range(...))``: rows chosen by position, not by what they hold."""
    indices = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "indices"), None)
    return (isinstance(indices, ast.Call) and isinstance(indices.func, ast.Name) and indices.func.id == "range"
            and facts.qualified_name(indices.func) is None and not indices.keywords)


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
        if method in _DATASET_KEEPS or method == "select":  # a select over a range (see above)
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
