"""Write tf-lint's table of checkpoints that transformers' own source names, with their model types.

    python scripts/make_checkpoint_table.py SOURCE [SOURCE ...]

Each SOURCE is a transformers package directory (an installed one, or a released wheel unpacked by
``scripts/make_snapshot.py``'s helpers) or a wheel file. Read with ``ast``, never imported:

- every configuration class that sets ``model_type = "..."``: the checkpoint of its
  ``@auto_docstring(checkpoint="...")`` decorator (5.x) and the ``[org/name](https://huggingface.co/org/name)``
  links of its docstring (4.x and 5.x);
- the module constants ``_CHECKPOINT_FOR_DOC`` / ``_CHECKPOINT_FOR_*`` of the modeling files (4.x), typed
  by the folder's own configuration class (``_CONFIG_FOR_DOC``, else the class whose ``model_type``
  is the folder's name);
- the doc examples of the modeling and configuration files, ``XClass.from_pretrained("org/name")``
  where ``XClass`` is defined in the same model folder, typed by the folder's main configuration (the
  one whose ``model_type`` is the folder's name).

Also the model types whose code derives from another's: a ``modular_<a>.py`` that imports from
``..<b>.modeling_<b>`` (5.x) or a ``# Copied from transformers.models.<b>.modeling_<b>.<B>Model``
comment on ``<A>Model`` (4.x) relates ``a`` and ``b``: a checkpoint of one loads into the other's
classes without a weight missing (``mt5`` into ``T5ForConditionalGeneration``). So does a
sub-configuration (one with ``base_config_key``, ``clip_text_model``) with its folder's composite type
(``clip``): ``CLIPTextModel.from_pretrained`` reads the text part of a CLIP checkpoint.

A checkpoint named for several model types keeps the one of its folder's main configuration (a
composite model's sub-configurations name the composite checkpoint); one still claimed by several
folders is dropped. Output: ``tf_lint/knowledge/data/checkpoints.json.gz`` — ``{"sources": [...],
"checkpoints": {name: [model_type, "<version>:<file>"]}, "related": [[a, b], ...]}``.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import os
import re
import sys
import tempfile
import zipfile
from typing import Dict, List, Optional, Set, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tf_lint.knowledge.source import package_version  # noqa: E402

OUTPUT = os.path.join(ROOT, "tf_lint", "knowledge", "data", "checkpoints.json.gz")
_LINK = re.compile(r"\[((?:[\w.-]+/)?[\w.-]+)\]\(https://huggingface\.co/\1/?\)")
_EXAMPLE = re.compile(r"""\b([A-Z]\w*)\.from_pretrained\(\s*["']([^"']+)["']""")
_NAME = re.compile(r"^(?:[A-Za-z0-9][\w.-]*/)?[A-Za-z0-9][\w.-]*$")


def _norm(name: str) -> str:
    return name.replace("-", "_").lower()


def _string(node: Optional[ast.AST]) -> Optional[str]:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _config_classes(tree: ast.Module) -> List[Tuple[str, str, ast.ClassDef]]:
    found = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for stmt in node.body:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
                if any(isinstance(t, ast.Name) and t.id == "model_type" for t in targets):
                    value = _string(stmt.value)
                    if value:
                        found.append((node.name, value, node))
    return found


def _class_checkpoints(cls: ast.ClassDef) -> Set[str]:
    names: Set[str] = set()
    for decorator in cls.decorator_list:
        if isinstance(decorator, ast.Call):
            for kw in decorator.keywords:
                if kw.arg == "checkpoint" and _string(kw.value):
                    names.add(_string(kw.value))
    doc = ast.get_docstring(cls, clean=False) or ""
    names.update(m.group(1) for m in _LINK.finditer(doc))
    return {n for n in names if _NAME.match(n)}


def _parse(path: str) -> Optional[ast.Module]:
    try:
        with open(path, encoding="utf-8") as f:
            return ast.parse(f.read())
    except (OSError, SyntaxError, ValueError):
        return None


_COPIED = re.compile(r"#\s*Copied from transformers\.models\.(\w+)\.modeling_\w+\.(\w+)Model\b")


def related_types(root: str) -> Set[Tuple[str, str]]:
    """Pairs of model types (each folder's main configuration) whose modeling code derives from the other."""
    models = os.path.join(root, "models")
    main: Dict[str, str] = {}
    links: Set[Tuple[str, str]] = set()
    subs: Dict[str, Set[str]] = {}  # folder -> model types of its sub-configurations
    for folder in sorted(os.listdir(models)):
        path = os.path.join(models, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            full = os.path.join(path, name)
            if name.startswith("configuration_") and name.endswith(".py"):
                tree = _parse(full)
                for _, model_type, cls in _config_classes(tree) if tree else ():
                    if _norm(model_type) == _norm(folder):
                        main[folder] = model_type
                    elif _base_config_key(cls):
                        subs.setdefault(folder, set()).add(model_type)
            elif name == f"modular_{folder}.py":
                tree = _parse(full)
                for node in ast.walk(tree) if tree else ():
                    if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module:
                        other = node.module.split(".")[0]
                        if node.module.startswith(f"{other}.modeling_") and other != folder:
                            links.add((folder, other))
            elif name == f"modeling_{folder}.py":
                try:
                    with open(full, encoding="utf-8") as f:
                        text = f.read()
                except OSError:
                    continue
                for match in _COPIED.finditer(text):
                    if match.group(1) != folder:
                        links.add((folder, match.group(1)))
    pairs = {tuple(sorted((main[a], main[b]))) for a, b in links if a in main and b in main and main[a] != main[b]}
    pairs.update(tuple(sorted((main[folder], sub))) for folder, types in subs.items() if folder in main
                 for sub in types if sub != main[folder])
    return pairs


def _base_config_key(cls: ast.ClassDef) -> Optional[str]:
    """``base_config_key = "text_config"``: a sub-configuration that ``from_pretrained`` reads out of
    its composite checkpoint's config (``CLIPTextModel`` loads ``openai/clip-vit-base-patch32``)."""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "base_config_key"
                                                for t in stmt.targets):
            return _string(stmt.value)
    return None


def scan(root: str) -> Tuple[str, Dict[str, Set[Tuple[str, str, bool]]]]:
    """checkpoint -> {(model_type, file, from the folder's main config)} for one package tree."""
    version = package_version(root) or "unknown"
    claims: Dict[str, Set[Tuple[str, str, bool]]] = {}
    models = os.path.join(root, "models")
    for folder in sorted(os.listdir(models)):
        path = os.path.join(models, folder)
        if not os.path.isdir(path):
            continue
        files = sorted(os.listdir(path))
        configs: Dict[str, str] = {}  # class name -> model type
        for name in files:
            if name.startswith("configuration_") and name.endswith(".py"):
                tree = _parse(os.path.join(path, name))
                for cls_name, model_type, cls in _config_classes(tree) if tree else ():
                    configs[cls_name] = model_type
                    main = _norm(model_type) == _norm(folder)
                    for checkpoint in _class_checkpoints(cls):
                        claims.setdefault(checkpoint, set()).add((model_type, f"models/{folder}/{name}", main))
        main_types = [t for t in configs.values() if _norm(t) == _norm(folder)]
        defined: Set[str] = set()
        texts = []
        for name in files:
            if name.endswith(".py"):
                tree = _parse(os.path.join(path, name))
                if tree is not None:
                    defined.update(n.name for n in tree.body if isinstance(n, ast.ClassDef))
                    if name.startswith(("modeling_", "configuration_")) and "_tf_" not in name and "_flax_" not in name:
                        texts.append((name, tree))
        if len(set(main_types)) == 1:
            for name, tree in texts:
                for node in ast.walk(tree):
                    doc = _string(node.body[0].value) if isinstance(
                        node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body and isinstance(
                        node.body[0], ast.Expr) else None
                    for match in _EXAMPLE.finditer(doc or ""):
                        cls, checkpoint = match.groups()
                        if cls in defined and _NAME.match(checkpoint) and not cls.startswith("Auto"):
                            claims.setdefault(checkpoint, set()).add(
                                (main_types[0], f"models/{folder}/{name}", True))
        for name in files:
            if not (name.startswith("modeling_") and name.endswith(".py")) or "_tf_" in name or "_flax_" in name:
                continue
            tree = _parse(os.path.join(path, name))
            if tree is None:
                continue
            constants = {t.id: _string(n.value) for n in tree.body if isinstance(n, ast.Assign)
                         for t in n.targets if isinstance(t, ast.Name) and _string(n.value)}
            model_type = configs.get(constants.get("_CONFIG_FOR_DOC") or "")
            if model_type is None and len(set(main_types)) == 1:
                model_type = main_types[0]
            if model_type is None:
                continue
            for key, checkpoint in constants.items():
                if key.startswith("_CHECKPOINT_FOR_") and _NAME.match(checkpoint):
                    main = _norm(model_type) == _norm(folder)
                    claims.setdefault(checkpoint, set()).add((model_type, f"models/{folder}/{name}", main))
    return version, claims


def _winner(found: Set[Tuple[str, str, bool]]) -> Optional[str]:
    """The model type a checkpoint belongs to: its folder's main configuration wins over sub-configurations;
    between folders (doc examples copied from one model into another), the type with the most evidence, a
    configuration file counting twice a modeling file, each file once whatever the version; a tie is no answer."""
    claims = {(t, f.split(":", 1)[1]) for t, f, main in found if main} or {(t, f.split(":", 1)[1]) for t, f, _ in found}
    score: Dict[str, int] = {}
    for model_type, path in claims:
        score[model_type] = score.get(model_type, 0) + (2 if "/configuration_" in path else 1)
    ranked = sorted(score.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(score, key=score.get)


def build(roots: List[str]) -> dict:
    sources, merged = [], {}
    for root in roots:
        version, claims = scan(root)
        sources.append(f"transformers {version}")
        for checkpoint, found in claims.items():
            merged.setdefault(checkpoint, set()).update((t, f"{version}:{f}", main) for t, f, main in found)
    table = {}
    for checkpoint, found in sorted(merged.items()):
        model_type = _winner(found)
        if model_type is None:
            continue  # claimed by several model types alike: no evidence either way
        table[checkpoint] = [model_type, sorted(f for t, f, _ in found if t == model_type)[-1]]
    related = sorted({pair for root in roots for pair in related_types(root)})
    return {"sources": sources, "checkpoints": table, "related": [list(p) for p in related]}


def _root_of(source: str, tmp: str) -> str:
    if source.endswith(".whl"):
        with zipfile.ZipFile(source) as zf:
            zf.extractall(tmp, [n for n in zf.namelist() if n.startswith("transformers/")])
        return os.path.join(tmp, "transformers")
    return source


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="+", help="transformers package directories or wheels")
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args(argv)
    roots = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, source in enumerate(args.sources):
            roots.append(_root_of(source, os.path.join(tmp, str(i))))
        data = build(roots)
    payload = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write(payload)
    print(f"{args.output}: {os.path.getsize(args.output)} bytes; {len(data['checkpoints'])} checkpoints "
          f"from {', '.join(data['sources'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
