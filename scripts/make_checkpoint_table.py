"""Write tf-lint's table of checkpoints that transformers' own source names, with their model types.

    python scripts/make_checkpoint_table.py SOURCE [SOURCE ...]

Each SOURCE is a transformers package directory (an installed one, or a released wheel unpacked by
``scripts/make_snapshot.py``'s helpers) or a wheel file. Read with ``ast``, never imported. Every entry
must say what a real ``config.json`` holds, so only these count (see :func:`scan` and :func:`_winner`):

- ``load``: a doc example loading the checkpoint with a PyTorch model class of the folder's own model
  type (``T5Model.from_pretrained("google-t5/t5-small")``; 4.x: ``_CHECKPOINT_FOR_DOC`` fed to a code
  sample under the folder's own ``_CONFIG_FOR_DOC``);
- ``composite``: a doc example loading it with a generic composite's class
  (``VisionEncoderDecoderModel.from_pretrained("microsoft/trocr-base-handwritten")``): the checkpoint is
  that composite, whatever the sub-model's config names;
- ``config``: the checkpoint a folder's main configuration class names as the one its defaults come from
  (``@auto_docstring(checkpoint=...)``, ``[org/name](https://huggingface.co/org/name)`` links), in a
  folder with model classes of its own;
- ``archive``: releases up to 4.39 list each model type's checkpoints with the address of their own
  ``config.json`` (``GPT2_PRETRAINED_CONFIG_ARCHIVE_MAP = {"gpt2": "https://huggingface.co/gpt2/resolve/
  main/config.json", ...}``), a map that ``models/auto/configuration_auto.py`` registers under that model
  type (``CONFIG_ARCHIVE_MAP_MAPPING_NAMES``). It counts when the map is registered, defined in the
  folder of its model type (the folder's main configuration, with model classes of its own), and the
  address is the key's own ``config.json``. Up to 4.37 the keys are the legacy un-namespaced names
  (``t5-base``, ``gpt2-medium``, ``distilgpt2``), from 4.38 the organisation forms (``google-t5/t5-base``):
  both are Hub names of the same repository, and each is typed by its own entry, never by a rule on the
  string. An unregistered map is no evidence (TrOCR's lists ``microsoft/trocr-base-handwritten``, a
  ``vision-encoder-decoder`` checkpoint), and a checkpoint two maps list (QDQBERT's map lists
  ``bert-base-uncased``, which QDQBERT loads from) is left out.

Not evidence (measured wrong on real code): a sub-configuration's checkpoint (SmolVLM's vision config
names ``google/siglip-so400m-patch14-384``, a ``siglip`` checkpoint), a folder without models
(LayoutXLM's config names ``microsoft/layoutxlm-base``, a ``layoutlmv2`` one), processor or tokenizer
examples, and a doc example of one model copied into another's docs (it contradicts, and the checkpoint
is left out unless the type's own folder both names and loads it).

Also the model types whose code derives from another's: a ``modular_<a>.py`` that imports from
``..<b>.modeling_<b>`` (5.x) or a ``# Copied from transformers.models.<b>.modeling_<b>.<B>Model``
comment on ``<A>Model`` (4.x) relates ``a`` and ``b``: a checkpoint of one loads into the other's
classes without a weight missing (``mt5`` into ``T5ForConditionalGeneration``). So does a
sub-configuration (one with ``base_config_key``, ``clip_text_model``) with its folder's composite type
(``clip``): ``CLIPTextModel.from_pretrained`` reads the text part of a CLIP checkpoint.

The bundled table is written from the releases whose archive maps name the legacy and the organisation
forms (4.37.2, the last with legacy keys, and 4.39.3, the last with maps) and from today's releases
(4.57.6, 5.24.0): evidence of every kind is read from each, and the sources must agree::

    python scripts/make_checkpoint_table.py WHEELS/transformers-4.37.2-py3-none-any.whl \
        WHEELS/transformers-4.39.3-py3-none-any.whl WHEELS/transformers-4.57.6-py3-none-any.whl \
        WHEELS/transformers-5.24.0-py3-none-any.whl

Output: ``tf_lint/knowledge/data/checkpoints.json.gz`` — ``{"sources": [...], "checkpoints": {name:
[model_type, "<version>:<file>", evidence]}, "related": [[a, b], ...]}``.
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
_ARCHIVE_URL = re.compile(r"^https://huggingface\.co/(?P<repo>[^/]+(?:/[^/]+)?)/(?:resolve|blob)/main/config\.json$")


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


def _model_classes(root: str) -> Dict[str, str]:
    """PyTorch model class -> the main model type of the folder whose modeling file defines it
    (``VisionEncoderDecoderModel`` -> ``vision-encoder-decoder``, ``CLIPTextModel`` -> ``clip``)."""
    models = os.path.join(root, "models")
    classes: Dict[str, str] = {}
    for folder in sorted(os.listdir(models)):
        path = os.path.join(models, folder)
        if not os.path.isdir(path):
            continue
        main = _main_type(path, folder)
        if main is None:
            continue
        for name in sorted(os.listdir(path)):
            if name.startswith("modeling_") and name.endswith(".py") and not _foreign_framework(name):
                tree = _parse(os.path.join(path, name))
                for node in tree.body if tree else ():
                    if isinstance(node, ast.ClassDef) and not node.name.endswith(("Config", "Output")):
                        classes.setdefault(node.name, main)
    return classes


def _foreign_framework(filename: str) -> bool:
    return "_tf_" in filename or "_flax_" in filename


def _main_type(path: str, folder: str) -> Optional[str]:
    """The model type of the folder's own configuration (``model_type`` equal to the folder's name)."""
    found = set()
    for name in sorted(os.listdir(path)):
        if name.startswith("configuration_") and name.endswith(".py"):
            tree = _parse(os.path.join(path, name))
            found.update(t for _, t, _cls in _config_classes(tree) if tree and _norm(t) == _norm(folder))
    return found.pop() if len(found) == 1 else None


def _registered_archive_maps(root: str) -> Dict[str, str]:
    """``X_PRETRAINED_CONFIG_ARCHIVE_MAP`` -> the model type ``CONFIG_ARCHIVE_MAP_MAPPING_NAMES`` (4.x up
    to 4.39, ``models/auto/configuration_auto.py``) registers it under; {} for releases without it."""
    tree = _parse(os.path.join(root, "models", "auto", "configuration_auto.py"))
    registered: Dict[str, str] = {}
    for node in tree.body if tree else ():
        names = [t.id for t in node.targets if isinstance(t, ast.Name)] if isinstance(node, ast.Assign) else []
        if "CONFIG_ARCHIVE_MAP_MAPPING_NAMES" not in names:
            continue
        pairs = node.value.args[0] if isinstance(node.value, ast.Call) and node.value.args else node.value
        for elt in pairs.elts if isinstance(pairs, (ast.List, ast.Tuple)) else ():
            if isinstance(elt, ast.Tuple) and len(elt.elts) == 2:
                model_type, map_name = _string(elt.elts[0]), _string(elt.elts[1])
                if model_type and map_name:
                    registered[map_name] = model_type
    return registered


def _archive_checkpoints(tree: ast.Module, registered: Dict[str, str], main: str) -> Set[str]:
    """The checkpoints a configuration file's registered archive maps of type ``main`` list with the
    address of their own ``config.json``."""
    found: Set[str] = set()
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)):
            continue
        if not any(isinstance(t, ast.Name) and registered.get(t.id) == main for t in node.targets):
            continue
        for key, value in zip(node.value.keys, node.value.values):
            checkpoint, address = _string(key), _string(value)
            match = _ARCHIVE_URL.match(address or "")
            if checkpoint and match and match.group("repo") == checkpoint and _NAME.match(checkpoint):
                found.add(checkpoint)
    return found


def scan(root: str) -> Tuple[str, Dict[str, Set[Tuple[str, str, str]]]]:
    """checkpoint -> {(model_type, file, evidence)} for one package tree; evidence is ``"load"``,
    ``"composite"``, ``"config"``, ``"archive"`` or ``"foreign"`` (a class of another folder's type).

    ``"load"``: a doc example loads the checkpoint with a PyTorch model class (``XModel.from_pretrained``,
    or a 4.x code sample of ``_CHECKPOINT_FOR_DOC`` under the folder's own ``_CONFIG_FOR_DOC``), typed
    by the folder that defines the class: transformers' doctests run these, and a composite checkpoint
    shows its composite class (``VisionEncoderDecoderModel.from_pretrained("microsoft/trocr-base-handwritten")``).
    ``"config"``: the checkpoint a main configuration class names as the one its defaults come from, in a
    folder that has model classes of its own. A sub-configuration's checkpoint (SmolVLM's vision config
    names ``google/siglip-so400m-patch14-384``, the source of its tower) and a folder without models
    (LayoutXLM's config names ``microsoft/layoutxlm-base``, a ``layoutlmv2`` checkpoint) are no evidence;
    neither are processor or tokenizer examples (they load any checkpoint with the right files).
    ``"archive"``: a registered ``X_PRETRAINED_CONFIG_ARCHIVE_MAP`` of the folder's main type lists the
    checkpoint with the address of its own ``config.json`` (4.x up to 4.39; :func:`_archive_checkpoints`).
    """
    version = package_version(root) or "unknown"
    claims: Dict[str, Set[Tuple[str, str, str]]] = {}  # checkpoint -> {(model type, file, evidence)}
    classes = _model_classes(root)
    composites = _generic_composites(root)
    archives = _registered_archive_maps(root)
    models = os.path.join(root, "models")
    for folder in sorted(os.listdir(models)):
        path = os.path.join(models, folder)
        if not os.path.isdir(path):
            continue
        files = sorted(os.listdir(path))
        main = _main_type(path, folder)
        has_models = main is not None and any(t == main for t in classes.values())
        if _decoder_of_composites(path, files, classes, composites):
            has_models = False  # its configuration names composite checkpoints (TrOCR's, Speech2Text2's)
        configs: Dict[str, str] = {}  # class name -> model type
        for name in files:
            if not name.endswith(".py") or _foreign_framework(name) or name.startswith("modular_"):
                continue  # a modular file repeats its generated modeling file
            tree = _parse(os.path.join(path, name))
            if tree is None:
                continue
            where = f"models/{folder}/{name}"
            if name.startswith("configuration_"):
                for cls_name, model_type, cls in _config_classes(tree):
                    configs[cls_name] = model_type
                    if has_models and model_type == main:
                        for checkpoint in _class_checkpoints(cls):
                            claims.setdefault(checkpoint, set()).add((model_type, where, "config"))
                if has_models:
                    for checkpoint in _archive_checkpoints(tree, archives, main):
                        claims.setdefault(checkpoint, set()).add((main, where, "archive"))
            for node in ast.walk(tree):
                doc = _string(node.body[0].value) if isinstance(
                    node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body and isinstance(
                    node.body[0], ast.Expr) else None
                for match in _EXAMPLE.finditer(doc or ""):
                    cls, checkpoint = match.groups()
                    if cls in classes and _NAME.match(checkpoint):
                        owner = classes[cls]
                        evidence = "load" if owner == main else "composite" if owner in composites else "foreign"
                        claims.setdefault(checkpoint, set()).add((owner, where, evidence))
        for name in files:
            if not (name.startswith("modeling_") and name.endswith(".py")) or _foreign_framework(name):
                continue
            tree = _parse(os.path.join(path, name))
            if tree is None:
                continue
            constants = {t.id: _string(n.value) for n in tree.body if isinstance(n, ast.Assign)
                         for t in n.targets if isinstance(t, ast.Name) and _string(n.value)}
            model_type = configs.get(constants.get("_CONFIG_FOR_DOC") or "")
            if model_type is None or model_type != main:
                continue
            checkpoint = constants.get("_CHECKPOINT_FOR_DOC")
            if checkpoint and _NAME.match(checkpoint) and _passed_as_checkpoint(tree, "_CHECKPOINT_FOR_DOC"):
                claims.setdefault(checkpoint, set()).add((model_type, f"models/{folder}/{name}", "load"))
    return version, claims


_COMPOSED = re.compile(r"\b([A-Z]\w*)\(\s*encoder\s*=\s*\w+\s*,\s*decoder\s*=")


def _decoder_of_composites(path: str, files: List[str], classes: Dict[str, str], composites: Set[str]) -> bool:
    """The folder's doc examples build a generic composite with one of its models as the decoder
    (``VisionEncoderDecoderModel(encoder=encoder, decoder=decoder)`` in TrOCR's, ``SpeechEncoderDecoderModel``
    in Speech2Text2's): the type is the decoder half of composite checkpoints, and the checkpoints its
    configuration names or lists (``microsoft/trocr-base-handwritten``, ``facebook/s2t-wav2vec2-large-en-de``)
    are composites, not of its type."""
    for name in files:
        if name.startswith("modeling_") and name.endswith(".py") and not _foreign_framework(name):
            try:
                with open(os.path.join(path, name), encoding="utf-8") as f:
                    text = f.read()
            except OSError:
                continue
            if any(classes.get(m.group(1)) in composites for m in _COMPOSED.finditer(text)):
                return True
    return False


def _passed_as_checkpoint(tree: ast.Module, constant: str) -> bool:
    """The constant feeds a code sample (``add_code_sample_docstrings(checkpoint=_CHECKPOINT_FOR_DOC)``)."""
    return any(isinstance(node, ast.keyword) and node.arg == "checkpoint" and isinstance(node.value, ast.Name)
               and node.value.id == constant for node in ast.walk(tree))


def _generic_composites(root: str) -> Set[str]:
    """Model types that wrap other models and have no checkpoint of their own: their configuration class
    names none (``vision-encoder-decoder``, ``encoder-decoder``, ``speech-encoder-decoder``). A doc
    example loading a checkpoint with their class shows the checkpoint's composite type."""
    models = os.path.join(root, "models")
    found = set()
    for folder in sorted(os.listdir(models)):
        path = os.path.join(models, folder)
        if not os.path.isdir(path) or not folder.endswith("encoder_decoder"):
            continue
        for name in sorted(os.listdir(path)):
            if name.startswith("configuration_") and name.endswith(".py"):
                tree = _parse(os.path.join(path, name))
                for _, model_type, cls in _config_classes(tree) if tree else ():
                    if _norm(model_type) == _norm(folder) and not _class_checkpoints(cls):
                        found.add(model_type)
    return found


def _winner(found: Set[Tuple[str, str, str]]) -> Optional[str]:
    """The model type a checkpoint's config holds, or None when the evidence is not clear.

    A generic composite's class loading it decides (TrOCR's config names
    ``microsoft/trocr-base-handwritten``, which its docs load with ``VisionEncoderDecoderModel``). Else a
    type whose own folder says it twice, its configuration naming the checkpoint and its own model class
    loading it, wins over what other folders say (copied doc examples: XLM-RoBERTa's docs load
    ``FacebookAI/roberta-base``, Cosmos3-Edge's ``Qwen/Qwen2-VL-7B-Instruct``). Else the one type its
    folder names, when no other type claims the checkpoint (``PegasusForConditionalGeneration`` loading
    ``google/pegasus-x-large`` in Pegasus-X's docs leaves that checkpoint out).

    An archive map (the address of the checkpoint's own ``config.json``, listed under a model type) is one
    of the two things a folder can say (``archive`` and ``config``, or ``archive`` and ``load``, is said
    twice), and it is never overruled: when it names another type than the composite or the type said
    twice, or two maps name two types, the checkpoint is left out. (A borrowing type's claims do not
    arrive here: see :func:`_borrowers`.)"""
    archive = {t for t, _f, e in found if e == "archive"}
    if len(archive) > 1:
        return None
    composite = {t for t, _f, e in found if e == "composite"}
    if composite:
        return composite.pop() if len(composite) == 1 and archive <= composite else None
    kinds: Dict[str, Set[str]] = {}
    for t, _f, e in found:
        if e in ("config", "load", "archive"):
            kinds.setdefault(t, set()).add(e)
    said_twice = {t for t, said in kinds.items() if len(said) >= 2}
    if len(said_twice) == 1:
        return said_twice.pop() if archive <= said_twice else None
    if said_twice:
        return None
    types = {t for t, _f, e in found if e != "foreign"}
    if len(types) != 1 or any(t not in types for t, _f, _e in found):
        return None
    return types.pop()


def _borrowers(merged: Dict[str, Set[Tuple[str, str, str]]]) -> Set[str]:
    """Model types whose own archive map lists only checkpoints of others: every checkpoint the type
    claims (archive, config or doc example) another type's archive map lists too, as the address of that
    checkpoint's own ``config.json``. QDQBERT's map lists ``bert-base-uncased`` ("QDQBERT models can be
    loaded from any BERT checkpoint", it says), and its docs load BERT checkpoints only. Such claims say
    what the type loads from, not what the checkpoint is, and are dropped (the lister's claims decide).
    A type without an archive map of its own is never a borrower: its claim against an archive map is a
    contradiction, and leaves the checkpoint out."""
    own: Dict[str, Set[str]] = {}
    archived: Set[str] = set()
    for checkpoint, found in merged.items():
        for t, _f, e in found:
            if e != "foreign":
                own.setdefault(t, set()).add(checkpoint)
            if e == "archive":
                archived.add(t)
    return {t for t, checkpoints in own.items() if t in archived and all(
        any(u != t and e == "archive" for u, _f, e in merged[c]) for c in checkpoints)}


def build(roots: List[str]) -> dict:
    sources, merged = [], {}
    for root in roots:
        version, claims = scan(root)
        sources.append(f"transformers {version}")
        for checkpoint, found in claims.items():
            merged.setdefault(checkpoint, set()).update((t, f"{version}:{f}", e) for t, f, e in found)
    borrowers = _borrowers(merged)
    merged = {c: {(t, f, e) for t, f, e in found if t not in borrowers} for c, found in merged.items()}
    table = {}
    for checkpoint, found in sorted(merged.items()):
        model_type = _winner(found)
        if model_type is None:
            continue  # claimed by several model types alike: no evidence either way
        evidence = next(e for e in ("composite", "load", "archive", "config") if any(
            t == model_type and k == e for t, _f, k in found))
        table[checkpoint] = [model_type, sorted(f for t, f, k in found if t == model_type and k == evidence)[-1],
                             evidence]
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
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write(payload)
    print(f"{args.output}: {os.path.getsize(args.output)} bytes; {len(data['checkpoints'])} checkpoints "
          f"from {', '.join(data['sources'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
