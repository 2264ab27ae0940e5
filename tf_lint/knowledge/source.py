"""Read what tf-lint needs to know from a transformers source tree, with ``ast``, never importing it.

One function, :func:`parse_package`, used for the installed package and for released wheels alike
(``scripts/make_snapshot.py``), so that a bundled snapshot and a parse of the installed version are
the same data. Everything is found by following the source rather than by file names where the
source says where things are:

- **Auto mappings**: in ``models/auto/*.py``, every ``X = _LazyAutoMapping(CONFIG_MAPPING_NAMES, Y)``
  names a model mapping ``Y`` (evaluated wherever it is built: ``**``, ``.update()``, list unpacking,
  imports from ``auto_mappings.py``), every ``class AutoZ(...): _model_mapping = X`` ties an Auto
  class to it, and ``CONFIG_MAPPING = _LazyConfigMapping(Y)`` gives ``CONFIG_MAPPING_NAMES``.
- **Pipeline tasks**: the ``PipelineRegistry(supported_tasks=..., task_aliases=...)`` of
  ``pipelines/__init__.py``, the removed-task table and redirects of 5.x, and the
  ``translation_XX_to_YY`` form that ``PipelineRegistry.check_task`` accepts in 4.x.
- **Exports**: ``_import_structure`` of the package ``__init__`` (all optional-backend branches),
  plus, where the ``__init__`` calls ``define_import_structure(.../"models")``, the ``__all__`` of
  every model file and the ``@requires``-decorated definitions — reading only the ``__all__`` slice
  of each file, not parsing it whole. Then the lazy aliases that ``_LazyModule.__getattr__`` serves
  without listing them (5.x: ``XTokenizerFast`` -> ``XTokenizer``, ``XImageProcessorFast`` ->
  ``XImageProcessor``, and tokenizers that share a converter in ``SLOW_TO_FAST_CONVERTERS``).
- **TrainingArguments**: the dataclass fields of ``TrainingArguments`` and
  ``Seq2SeqTrainingArguments``, located through the exports.
- **Modeling and pipeline loading** (:mod:`tf_lint.knowledge.modeling`): the causal-masked model
  classes, and whether ``pipeline()`` also tries ``config.architectures``.
"""

from __future__ import annotations

import ast
import os
import re
from typing import Any, Dict, List, Optional, Set, Tuple

from tf_lint.knowledge import modeling
from tf_lint.knowledge.data_format import FORMAT
from tf_lint.knowledge.evaluate import Interpreter, Package, Unknown

_VERSION_RE = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def package_version(root: str) -> Optional[str]:
    try:
        with open(os.path.join(root, "__init__.py"), encoding="utf-8") as f:
            match = _VERSION_RE.search(f.read())
    except OSError:
        return None
    return match.group(1) if match else None


def parse_package(root: str) -> Dict[str, Any]:
    """Everything tf-lint knows about the transformers package whose directory is ``root``."""
    package = Package(root)
    exports, modules, module_of = _exports(package)
    aliases = _lazy_aliases(package, exports)
    config_mapping, mappings, auto_classes = _auto_mappings(package)
    tasks = _pipeline_tasks(package)
    return {
        "format": FORMAT,
        "version": package_version(root),
        "config_mapping": config_mapping,
        "model_mappings": mappings,
        "auto_classes": auto_classes,
        **tasks,
        "exports": sorted(exports),
        "modules": sorted(modules),
        "lazy_aliases": dict(sorted(aliases.items())),
        "export_aliases": _export_aliases(package, exports, module_of),
        "backend_exports": _backend_exports(module_of),
        "training_arguments": _training_arguments(package, module_of),
        "causal_classes": modeling.causal_classes(root),
        "pipeline_loading": modeling.pipeline_loading(package),
    }


# --- exports ------------------------------------------------------------------------------------

def _exports(package: Package) -> Tuple[Set[str], Set[str], Dict[str, str]]:
    """Top-level object names, top-level module names, and the module that defines each object."""
    init = package.module("")
    assert init is not None, f"no __init__.py under {package.root}"
    init.load()
    structure = init.names.get("_import_structure")
    module_of: Dict[str, str] = {}
    submodules: Set[str] = set()
    if isinstance(structure, dict):
        for module, names in structure.items():
            if not isinstance(module, str):
                continue
            submodules.add(module)
            for name in names or ():
                if isinstance(name, str):
                    module_of.setdefault(name, module)
    for folder, prefix in _structure_folders(init.tree):
        for module, names in _folder_structure(os.path.join(package.root, folder), prefix).items():
            submodules.add(module)
            for name in names:
                module_of.setdefault(name, module)
    for module, names in _dummy_exports(package.root, init.tree).items():
        for name in names:
            module_of.setdefault(name, module)
    extra = _extra_objects(init.tree)
    exports = set(module_of) | extra
    # Names a user can import as modules: every key of the structure and its parents (what
    # ``_LazyModule`` serves), plus any module or package file (what ``from transformers import x``
    # falls back to).
    modules = {m.split(".", 1)[0] for m in submodules}
    for entry in os.listdir(package.root):
        path = os.path.join(package.root, entry)
        if entry.endswith(".py") and entry != "__init__.py":
            modules.add(entry[:-3])
        elif os.path.isfile(os.path.join(path, "__init__.py")):
            modules.add(entry)
    return exports, modules - exports, module_of


def _dummy_exports(root: str, tree: Optional[ast.Module]) -> Dict[str, Set[str]]:
    """``_import_structure["utils.dummy_x_objects"] = [n for n in dir(dummy_x_objects) ...]``: where a
    backend is missing, the package exports every public name of its dummy module — the placeholder
    classes and what the module imports (``DummyObject``, ``requires_backends``). Some backend is
    missing almost everywhere, so these names import in practice; reporting them would be wrong."""
    found: Dict[str, Set[str]] = {}
    for node in ast.walk(tree) if tree is not None else ():
        if not (isinstance(node, ast.ImportFrom) and node.level == 1 and node.module == "utils"):
            continue
        for alias in node.names:
            if not (alias.name.startswith("dummy_") and alias.name.endswith("_objects")):
                continue
            try:
                with open(os.path.join(root, "utils", alias.name + ".py"), encoding="utf-8") as f:
                    dummy = ast.parse(f.read())
            except (OSError, SyntaxError, ValueError):
                continue
            names: Set[str] = set()
            for stmt in dummy.body:
                if isinstance(stmt, (ast.ClassDef, ast.FunctionDef)):
                    names.add(stmt.name)
                elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                    names.update((a.asname or a.name).split(".")[0] for a in stmt.names)
                elif isinstance(stmt, ast.Assign):
                    names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
            found[f"utils.{alias.name}"] = {n for n in names if not n.startswith("_") and n != "*"}
    return found


def _structure_folders(tree: Optional[ast.Module]) -> List[Tuple[str, str]]:
    """``define_import_structure(Path(__file__).parent / "models", prefix="models")`` calls."""
    found = []
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "define_import_structure" and node.args:
            folder = [n.value for n in ast.walk(node.args[0])
                      if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            prefix = next((kw.value.value for kw in node.keywords
                           if kw.arg == "prefix" and isinstance(kw.value, ast.Constant)), None)
            if folder:
                found.append((folder[-1], prefix or ""))
    return found


def _extra_objects(tree: Optional[ast.Module]) -> Set[str]:
    """``extra_objects={"__version__": __version__}`` given to ``_LazyModule``."""
    names: Set[str] = set()
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.keyword) and node.arg == "extra_objects" and isinstance(node.value, ast.Dict):
            names.update(k.value for k in node.value.keys if isinstance(k, ast.Constant))
    return names


def _folder_structure(folder: str, prefix: str) -> Dict[str, Set[str]]:
    """Module -> exported names for every file under ``folder``, as transformers' own
    ``define_import_structure`` reads them: the last ``__all__`` of each file and the definitions
    decorated with ``@requires``; ``__init__``, ``convert_*`` and ``modular_*`` files are skipped."""
    result: Dict[str, Set[str]] = {}
    for directory, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        relative = os.path.relpath(directory, folder)
        parts = [] if relative == "." else relative.split(os.sep)
        for filename in sorted(filenames):
            if not filename.endswith(".py") or filename == "__init__.py" or filename.startswith(("convert_", "modular_")):
                continue
            try:
                with open(os.path.join(directory, filename), encoding="utf-8") as f:
                    text = f.read()
            except (OSError, UnicodeDecodeError):
                continue
            names = set(_all_slice(text)) | set(_requires_definitions(text))
            if names:
                module = ".".join(([prefix] if prefix else []) + parts + [filename[:-3]])
                result[module] = names
    return result


def _all_slice(text: str) -> List[str]:
    """The names of a file's last top-level ``__all__``, parsing only that statement."""
    if "__all__" not in text:
        return []
    start = text.rfind("\n__all__")
    start = 0 if start < 0 and text.startswith("__all__") else start + 1
    if start == 0 and not text.startswith("__all__"):
        return []
    end = text.find("]", start)
    if end < 0:
        return []
    try:
        node = ast.parse(text[start:end + 1]).body[0]
    except (SyntaxError, IndexError):
        return []
    value = getattr(node, "value", None)
    if isinstance(value, (ast.List, ast.Tuple)):
        return [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


_REQUIRES_DEF = re.compile(r"^@requires\b[^\n]*(?:\n(?:[ \t)@#][^\n]*|))*?\n(?:class|def)\s+(\w+)", re.MULTILINE)


def _requires_definitions(text: str) -> List[str]:
    if "@requires" not in text:
        return []
    return _REQUIRES_DEF.findall(text)


_ALIAS_LINE = re.compile(r"^([A-Za-z_]\w*) = ([A-Za-z_]\w*)[ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def _export_aliases(package: Package, exports: Set[str], module_of: Dict[str, str]) -> Dict[str, str]:
    """Exported names defined as a plain alias of another exported name (``GreedySearchDecoderOnlyOutput =
    GenerateDecoderOnlyOutput``), read from the defining modules outside ``models/`` (a line scan)."""
    aliases: Dict[str, str] = {}
    by_module: Dict[str, Set[str]] = {}
    for name, module in module_of.items():
        if not module.startswith("models."):
            by_module.setdefault(module, set()).add(name)
    for module, names in by_module.items():
        path = package.path_of(module)
        if path is None:
            continue
        paths = [path]
        if os.path.basename(path) == "__init__.py":  # a subpackage: its names live in its modules
            folder = os.path.dirname(path)
            paths += [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith(".py")]
        for candidate in paths:
            try:
                with open(candidate, encoding="utf-8") as f:
                    text = f.read()
            except (OSError, UnicodeDecodeError):
                continue
            for old, new in _ALIAS_LINE.findall(text):
                if old in names and new in exports and old != new:
                    aliases[old] = new
    return dict(sorted(aliases.items()))


_BACKEND_MODULE = re.compile(r"(^|[._])(tf|flax|keras)(_|$)|modeling_tf_|modeling_flax_|keras_callbacks")
_BACKEND_NAME = re.compile(r"^(TF|Flax)[A-Z0-9]")


def _backend_exports(module_of: Dict[str, str]) -> Dict[str, str]:
    """Exported names that belong to the TensorFlow or Flax backend -> "tf" / "flax" (empty in 5.x)."""
    found: Dict[str, str] = {}
    for name, module in module_of.items():
        leaf = module.rsplit(".", 1)[-1]
        match = _BACKEND_NAME.match(name)
        if match:
            found[name] = match.group(1).lower()
        elif _BACKEND_MODULE.search(leaf):
            found[name] = "flax" if "flax" in leaf else "tf"
    return dict(sorted(found.items()))


def _lazy_aliases(package: Package, exports: Set[str]) -> Dict[str, str]:
    """Names that ``_LazyModule.__getattr__`` resolves without listing them, -> the name they resolve to.

    Read from the source of ``__getattr__``: each ``name.endswith("<X>Fast")`` test with a fallback
    to ``name[:-4]`` makes ``<Y><X>Fast`` an alias of an exported ``<Y><X>``; a lookup in
    ``SLOW_TO_FAST_CONVERTERS`` makes a tokenizer name that is not exported an alias of an exported
    tokenizer sharing its converter (preferring the one named after the converter).
    """
    getattr_def = _find_method(package, "utils.import_utils", "_LazyModule", "__getattr__")
    if getattr_def is None:
        return {}
    suffixes = set()
    uses_converters = False
    for node in ast.walk(getattr_def):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "endswith"
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            suffixes.add(node.args[0].value)
        if isinstance(node, ast.Name) and node.id == "SLOW_TO_FAST_CONVERTERS":
            uses_converters = True
    aliases: Dict[str, str] = {}
    for suffix in sorted(s for s in suffixes if s.endswith("Fast") and len(s) > 4):
        base_suffix = suffix[:-4]
        for name in exports:
            if name.endswith(base_suffix) and name + "Fast" not in exports:
                aliases[name + "Fast"] = name
    if uses_converters:
        converters = _converter_table(package)
        by_converter: Dict[str, List[str]] = {}
        for tokenizer, converter in converters.items():
            by_converter.setdefault(converter, []).append(tokenizer)
        for tokenizer, converter in converters.items():
            if tokenizer in exports:
                continue
            preferred = converter.replace("Converter", "") + "Tokenizer"
            candidates = [preferred] + [t for t in by_converter[converter] if t not in (preferred, tokenizer)]
            target = next((c for c in candidates if c in exports), None)
            if target is not None:
                aliases.setdefault(tokenizer, target)
                aliases.setdefault(tokenizer + "Fast", target)
    return aliases


def _converter_table(package: Package) -> Dict[str, str]:
    env = package.module("convert_slow_tokenizer")
    if env is None:
        return {}
    env.load()
    interpreter = Interpreter(env, symbolic=True)
    for stmt in env.tree.body if env.tree is not None else ():
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and getattr(stmt.targets[0], "id", None) == "SLOW_TO_FAST_CONVERTERS"):
            try:
                table = interpreter.expr(stmt.value)
            except Unknown:
                return {}
            return {k: str(v) for k, v in table.items() if isinstance(k, str)}
    return {}


def _find_method(package: Package, module: str, cls: str, method: str) -> Optional[ast.FunctionDef]:
    path = package.path_of(module)
    tree = package.parse(path) if path else None
    for node in tree.body if tree is not None else ():
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == method:
                    return item
    return None


# --- Auto mappings ------------------------------------------------------------------------------

def _auto_mappings(package: Package) -> Tuple[Dict[str, str], Dict[str, Dict[str, Any]], Dict[str, str]]:
    folder = os.path.join(package.root, "models", "auto")
    config_mapping: Dict[str, str] = {}
    mappings: Dict[str, Dict[str, Any]] = {}
    lazy_to_names: Dict[str, str] = {}
    auto_classes: Dict[str, str] = {}
    class_mapping: List[Tuple[str, str]] = []
    subclasses: List[Tuple[str, str]] = []  # (class, its one base) for classes without a mapping of their own
    for filename in sorted(os.listdir(folder)):
        if not filename.endswith(".py"):
            continue
        env = package.module(f"models.auto.{filename[:-3]}")
        tree = package.parse(env.path)
        if tree is None or ("_LazyAutoMapping" not in _source_names(tree) and "_LazyConfigMapping" not in _source_names(tree)):
            continue
        env.load()
        for stmt in tree.body:
            call = stmt.value if isinstance(stmt, ast.Assign) else None
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and len(stmt.targets) == 1:
                target = getattr(stmt.targets[0], "id", None)
                if call.func.id == "_LazyAutoMapping" and len(call.args) == 2 and isinstance(call.args[1], ast.Name):
                    names = call.args[1].id
                    value = _table(env, names)
                    if value is not None and target and _is_model_mapping(names):
                        mappings[names] = value
                        lazy_to_names[target] = names
                elif call.func.id == "_LazyConfigMapping" and call.args and isinstance(call.args[0], ast.Name):
                    value = _table(env, call.args[0].id)
                    if value is not None:
                        config_mapping = {k: v for k, v in value.items() if isinstance(v, str)}
            elif isinstance(stmt, ast.ClassDef):
                own = [item.value.id for item in stmt.body
                       if isinstance(item, ast.Assign) and len(item.targets) == 1
                       and getattr(item.targets[0], "id", None) == "_model_mapping"
                       and isinstance(item.value, ast.Name)]
                if own:
                    class_mapping.append((stmt.name, own[-1]))
                elif len(stmt.bases) == 1 and isinstance(stmt.bases[0], ast.Name):
                    subclasses.append((stmt.name, stmt.bases[0].id))
    for cls, lazy in class_mapping:
        if lazy in lazy_to_names:
            auto_classes[cls] = lazy_to_names[lazy]
    # A public class that only wraps another (4.x: ``class AutoModelForVision2Seq(_AutoModelForVision2Seq)``
    # adding a deprecation warning) loads through its base's mapping.
    for cls, base in subclasses:
        if base in auto_classes and cls not in auto_classes:
            auto_classes[cls] = auto_classes[base]
    return config_mapping, dict(sorted(mappings.items())), dict(sorted(auto_classes.items()))


def _is_model_mapping(name: str) -> bool:
    """``MODEL_FOR_*_NAMES``, ``TF_MODEL_*``, ``FLAX_MODEL_*``; not the tokenizer/processor tables."""
    return re.match(r"^(TF_|FLAX_)?MODEL_", name) is not None


def _source_names(tree: ast.Module) -> Set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def _table(env, name: str) -> Optional[Dict[str, Any]]:
    try:
        value = env.get(name)
    except Unknown:
        return None
    if not isinstance(value, dict):
        return None
    result: Dict[str, Any] = {}
    for key, cls in value.items():
        if isinstance(cls, (list, tuple)):
            cls = [c for c in cls if isinstance(c, str)]
        elif isinstance(cls, dict):  # {"pil": ..., "torchvision": ...}
            cls = {k: v for k, v in cls.items() if isinstance(v, str)}
        if isinstance(key, str):
            result[key] = cls
    return result


# --- pipeline tasks -----------------------------------------------------------------------------

def _pipeline_tasks(package: Package) -> Dict[str, Any]:
    env = package.module("pipelines")
    tree = package.parse(env.path) if env is not None else None
    result: Dict[str, Any] = {"tasks": {}, "task_aliases": {}, "removed_tasks": {}, "removed_task_prefixes": {},
                              "task_redirects": {}, "parametrized_tasks": []}
    if tree is None:
        return result
    env.load()
    interpreter = Interpreter(env, symbolic=True)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PipelineRegistry":
            for kw in node.keywords:
                try:
                    value = interpreter.expr(kw.value)
                except Unknown:
                    continue
                if kw.arg == "supported_tasks" and isinstance(value, dict):
                    result["tasks"] = {task: _task_entry(info) for task, info in sorted(value.items())
                                       if isinstance(task, str) and isinstance(info, dict)}
                elif kw.arg == "task_aliases" and isinstance(value, dict):
                    result["task_aliases"] = dict(sorted(value.items()))
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        tables = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id.isupper()}
        for table_name in tables:
            table = env.names.get(table_name)  # tables defined in this module, not imported ones
            # A table of task names (lower case, unlike the class tables) consulted by a function
            # that raises: 5.x's removed tasks and what to use instead.
            if isinstance(table, dict) and table and all(isinstance(v, str) for v in table.values()) \
                    and all(isinstance(k, str) and k == k.lower() for k in table) \
                    and table_name not in ("SUPPORTED_TASKS", "TASK_ALIASES") and _raises(fn):
                result["removed_tasks"].update(sorted(table.items()))
        if result["removed_tasks"] and any(isinstance(n, ast.Name) and n.id in tables for n in ast.walk(fn)):
            for node in ast.walk(fn):
                # ``"translation" if task.startswith("translation_") else task``
                if isinstance(node, ast.IfExp) and isinstance(node.body, ast.Constant) and _startswith(node.test):
                    result["removed_task_prefixes"][_startswith(node.test)] = node.body.value
        for node in ast.walk(fn):
            # ``if task == "image-to-text": ... return "image-text-to-text"``
            if (isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.comparators) == 1
                    and isinstance(node.test.ops[0], ast.Eq) and isinstance(node.test.comparators[0], ast.Constant)):
                returns = [s.value.value for s in node.body
                           if isinstance(s, ast.Return) and isinstance(s.value, ast.Constant)]
                if returns and isinstance(returns[0], str) and getattr(node.test.left, "id", None) == "task":
                    result["task_redirects"][node.test.comparators[0].value] = returns[0]
    check = _find_method(package, "pipelines.base", "PipelineRegistry", "check_task")
    if check is not None:
        for node in ast.walk(check):
            prefix = _startswith(node)
            if prefix and prefix in result["tasks"]:
                result["parametrized_tasks"].append(prefix)  # "translation_XX_to_YY"
    result["removed_tasks"] = dict(sorted(result["removed_tasks"].items()))
    return result


def _task_entry(info: Dict[str, Any]) -> Dict[str, Any]:
    entry: Dict[str, Any] = {}
    impl = info.get("impl")
    if isinstance(impl, str):
        entry["impl"] = impl.rsplit(".", 1)[-1]
    for framework in ("pt", "tf"):
        classes = info.get(framework)
        if isinstance(classes, (list, tuple)) and classes:
            entry[framework] = [str(c).rsplit(".", 1)[-1] for c in classes if isinstance(c, str)]
    if isinstance(info.get("type"), str):
        entry["type"] = info["type"]
    return entry


def _startswith(node: ast.AST) -> Optional[str]:
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "startswith"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return node.args[0].value
    return None


def _raises(fn: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Raise) for n in ast.walk(fn))


# --- TrainingArguments --------------------------------------------------------------------------

_TRAINING_ARGUMENT_CLASSES = ("TrainingArguments", "Seq2SeqTrainingArguments")


def _training_arguments(package: Package, module_of: Dict[str, str]) -> Dict[str, Any]:
    result: Dict[str, Any] = {}
    for cls in _TRAINING_ARGUMENT_CLASSES:
        module = module_of.get(cls)
        path = package.path_of(module) if module else None
        tree = package.parse(path) if path else None
        node = next((n for n in (tree.body if tree else ()) if isinstance(n, ast.ClassDef) and n.name == cls), None)
        if node is None:
            continue
        bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
        result[cls] = {"bases": bases, "fields": _dataclass_fields(node)}
    return result


def _dataclass_fields(node: ast.ClassDef) -> Dict[str, Dict[str, Any]]:
    fields: Dict[str, Dict[str, Any]] = {}
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        if "ClassVar" in ast.unparse(item.annotation):
            continue
        info: Dict[str, Any] = {}
        value = item.value
        if isinstance(value, ast.Call) and getattr(value.func, "id", None) == "field":
            keywords = {kw.arg: kw.value for kw in value.keywords if kw.arg}
            if "default" in keywords:
                info["default"] = _short(ast.unparse(keywords["default"]))
            elif "default_factory" in keywords:
                info["default"] = _short(ast.unparse(keywords["default_factory"]) + "()")
            else:
                info["required"] = True
            init = keywords.get("init")
            if isinstance(init, ast.Constant) and init.value is False:
                info["init"] = False
            help_text = " ".join(n.value for n in ast.walk(keywords.get("metadata", ast.Constant(None)))
                                 if isinstance(n, ast.Constant) and isinstance(n.value, str))
            if "deprecated" in help_text.lower():
                info["deprecated"] = True
        elif value is not None:
            info["default"] = _short(ast.unparse(value))
        else:
            info["required"] = True
        fields[item.target.id] = info
    return fields


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."

