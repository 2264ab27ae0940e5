"""What the modeling and pipeline source of a transformers version does, read with ``ast``.

Two facts for the rules, both part of :func:`tf_lint.knowledge.source.parse_package`'s data:

- **Causal-masked model classes** (``causal_classes``): the PyTorch model classes whose forward runs
  the input ids through attention under a causal mask and nothing else. Found per modeling file:
  a class whose ``forward`` calls a causal-mask builder (a function named ``*causal*mask*``:
  ``create_causal_mask``, ``_create_4d_causal_attention_mask``, ``self._update_causal_mask``) in its
  own body, not under an ``if`` (BERT builds one only ``if self.config.is_decoder``; T5's stack only
  for its decoder); or a class that holds such a class (``self.text_model = CLIPTextTransformer(config)``)
  and no other class of the file whose ``forward`` takes ``input_ids`` without that mask (BART holds a
  bidirectional encoder besides its causal decoder). CLIP's text model is one: on a right-padded
  batch its real tokens never see the pads, with or without ``attention_mask``.
- **How ``pipeline(task, model="checkpoint")`` loads the model** (``pipeline_loading``): whether the
  loader also tries the classes of ``config.architectures`` after the task's Auto classes
  (``load_model`` in 5.x, ``infer_framework_load_model`` in 4.x: ``if config.architectures: ...``),
  and the tasks whose factory swaps in another mapping for some configs
  (``if task == "decision" and type(config) in MODEL_FOR_DECISION_MAPPING``).
"""

from __future__ import annotations

import ast
import os
from typing import Any, Dict, List, Optional, Set

from tf_lint.knowledge.evaluate import Package

# --- causal-masked classes ------------------------------------------------------------------------


def causal_classes(root: str) -> List[str]:
    """The PyTorch model classes of the package at ``root`` whose forward is causal-masked throughout."""
    models = os.path.join(root, "models")
    found: Set[str] = set()
    for folder in sorted(os.listdir(models)) if os.path.isdir(models) else ():
        path = os.path.join(models, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if name.startswith("modeling_") and name.endswith(".py") and "_tf_" not in name and "_flax_" not in name:
                found.update(_causal_in_file(os.path.join(path, name)))
    return sorted(found)


def _causal_in_file(path: str) -> Set[str]:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if "causal" not in text:
            return set()  # no class of this file can build a causal mask
        tree = ast.parse(text)
    except (OSError, SyntaxError, ValueError):
        return set()
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    memo: Dict[str, bool] = {}

    def causal(name: str, seen: frozenset) -> bool:
        if name in memo:
            return memo[name]
        if name in seen:
            return False
        cls = classes[name]
        forward = _method(cls, "forward")
        result = forward is not None and _builds_causal_mask(forward)
        if not result:
            held = [h for h in _held_classes(cls) if h in classes and h != name]
            text_paths = [h for h in held if _takes_input_ids(classes[h]) or causal(h, seen | {name})]
            result = bool(text_paths) and all(causal(h, seen | {name}) for h in text_paths)
        memo[name] = result
        return result

    return {name for name in classes if _method(classes[name], "forward") is not None and causal(name, frozenset())}


def _method(cls: ast.ClassDef, name: str) -> Optional[ast.FunctionDef]:
    return next((n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == name), None)


def _is_mask_builder(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return "causal" in name and "mask" in name


def _builds_causal_mask(fn: ast.FunctionDef) -> bool:
    """A causal-mask builder called by a statement that always runs (not under ``if``, a loop, ``except``)."""
    def unconditional(body) -> bool:
        for stmt in body:
            if isinstance(stmt, (ast.With, ast.AsyncWith)):
                if unconditional(stmt.body):
                    return True
                continue
            if isinstance(stmt, ast.Try):
                if unconditional(stmt.body) or unconditional(stmt.finalbody):
                    return True
                continue
            if isinstance(stmt, _CONDITIONAL):
                continue
            if any(isinstance(n, ast.Call) and _is_mask_builder(n) and not _inside_ifexp(stmt, n)
                   for n in ast.walk(stmt)):
                return True
        return False

    return unconditional(fn.body)


_CONDITIONAL = (ast.If, ast.For, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Match)


def _inside_ifexp(stmt: ast.AST, call: ast.Call) -> bool:
    """``create_causal_mask(...) if is_causal else create_bidirectional_mask(...)``: only sometimes."""
    for node in ast.walk(stmt):
        if isinstance(node, ast.IfExp) and any(n is call for n in ast.walk(node)):
            return True
    return False


def _held_classes(cls: ast.ClassDef) -> List[str]:
    """Classes ``__init__`` instantiates onto ``self`` (``self.text_model = CLIPTextTransformer(config)``)."""
    init = _method(cls, "__init__")
    held = []
    for node in ast.walk(init) if init is not None else ():
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                                                and t.value.id == "self" for t in node.targets):
            if isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name):
                held.append(node.value.func.id)
    return held


def _takes_input_ids(cls: ast.ClassDef) -> bool:
    forward = _method(cls, "forward")
    return forward is not None and any(a.arg == "input_ids" for a in forward.args.args + forward.args.kwonlyargs)


# --- how pipeline() loads a model ---------------------------------------------------------------


def pipeline_loading(package: Package) -> Dict[str, Any]:
    """``{"tries_architectures": bool, "task_mappings": {task: [mapping name, ...]}}``."""
    result: Dict[str, Any] = {"tries_architectures": False, "task_mappings": {}}
    base = package.path_of("pipelines.base")
    tree = package.parse(base) if base else None
    for node in tree.body if tree is not None else ():
        if isinstance(node, ast.FunctionDef) and node.name in ("load_model", "infer_framework_load_model"):
            if any(isinstance(n, ast.Attribute) and n.attr == "architectures" and isinstance(n.value, ast.Name)
                   and n.value.id == "config" for n in ast.walk(node)):
                result["tries_architectures"] = True
    init = package.path_of("pipelines")
    tree = package.parse(init) if init else None
    for node in tree.body if tree is not None else ():
        if isinstance(node, ast.FunctionDef) and node.name == "pipeline":
            for test in (n.test for n in ast.walk(node) if isinstance(n, ast.If)):
                task, mapping = _task_and_mapping(test)
                if task and mapping:
                    result["task_mappings"].setdefault(task, []).append(mapping)
    return result


def _task_and_mapping(test: ast.expr):
    """``task == "decision" and type(config) in MODEL_FOR_DECISION_MAPPING`` -> (task, mapping name)."""
    if not (isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And)):
        return None, None
    task = mapping = None
    for part in test.values:
        if not (isinstance(part, ast.Compare) and len(part.ops) == 1):
            continue
        if isinstance(part.ops[0], ast.Eq) and getattr(part.left, "id", None) == "task" \
                and isinstance(part.comparators[0], ast.Constant):
            task = part.comparators[0].value
        elif isinstance(part.ops[0], ast.In) and isinstance(part.comparators[0], ast.Name):
            mapping = part.comparators[0].id
    return (task, mapping) if isinstance(task, str) else (None, None)
