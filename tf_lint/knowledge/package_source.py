"""Read what tf-lint needs to know of a TRL or PEFT source tree, with ``ast``, never importing it.

One function, :func:`parse_distribution`, used for an installed package and for released wheels alike
(``scripts/make_snapshot.py``), as :func:`tf_lint.knowledge.source.parse_package` is for transformers:

- **exports**: the names ``from trl import X`` gives: the ``_import_structure`` of the package
  ``__init__`` (TRL's lazy module) and the names its own imports and assignments bind (PEFT, old TRL),
  in every branch (an optional backend's names import where it is installed);
- **callables**: for each exported class and function, the keyword arguments a call accepts, found by
  following the definition through the package's modules: a function's or ``__init__``'s parameters
  (with ``**kwargs`` passed on to ``super().__init__`` followed into the base class), a dataclass's
  fields (its bases' fields included; a base from transformers, ``TrainingArguments``, is recorded by
  name and combined with the transformers knowledge of the target at lookup), the keywords that a
  ``@deprecate_kwarg`` decorator still accepts, and what the source says a deprecated keyword became
  (``@deprecate_kwarg("tokenizer", new_name="processing_class")``, a field whose help says
  ``deprecated ... Use `max_length` instead``). A callable whose keywords cannot be known (``**kwargs``
  kept, or a base outside the package) is recorded as open: it accepts anything.
"""

from __future__ import annotations

import ast
import os
import re
from typing import Any, Dict, List, Optional, Set, Tuple

from tf_lint.knowledge.evaluate import Package

# Bump when the parsed data changes shape or meaning: it keys the user cache.
FORMAT = 1

# Bases from transformers whose dataclass fields a subclass accepts: looked up in the transformers knowledge.
TRANSFORMERS_FIELD_BASES = frozenset({"transformers.TrainingArguments", "transformers.Seq2SeqTrainingArguments"})
_MAX_DEPTH = 12
# How a deprecated field's help names the field that replaces it: ``Use `max_length` instead``.
_REPLACED_BY = re.compile(r"(?:[Uu]se `([A-Za-z_][A-Za-z0-9_]*)` instead|renamed to `([A-Za-z_][A-Za-z0-9_]*)`"
                          r"|in favou?r of `([A-Za-z_][A-Za-z0-9_]*)`)")


def parse_distribution(root: str, name: str, version: str) -> Dict[str, Any]:
    """Everything tf-lint knows about the package ``name`` (``trl``, ``peft``) whose directory is ``root``."""
    package = Package(root, name)
    exports, module_of = _exports(package)
    modules = _modules(package.root) - exports
    reader = _Reader(package)
    callables: Dict[str, Any] = {}
    for export in sorted(exports):
        if export.startswith("_"):
            continue
        found = reader.locate(module_of.get(export, ""), export)
        if found is None:
            continue
        record = reader.record(*found)
        if record is not None:
            callables[export] = record
    return {
        "format": FORMAT,
        "package": name,
        "version": version,
        "exports": sorted(exports),
        "modules": sorted(modules),
        "callables": callables,
    }


# --- exports ------------------------------------------------------------------------------------

def _exports(package: Package) -> Tuple[Set[str], Dict[str, str]]:
    """Top-level object names and the module each comes from ("" for the ``__init__`` itself)."""
    init = package.module("")
    assert init is not None, f"no __init__.py under {package.root}"
    init.load()
    module_of: Dict[str, str] = {}
    structure = init.names.get("_import_structure")
    if isinstance(structure, dict):
        for module, names in structure.items():
            if isinstance(module, str):
                for n in names or ():
                    if isinstance(n, str):
                        module_of.setdefault(n, module)
    for stmt in _statements(init.tree.body if init.tree else []):
        if isinstance(stmt, ast.ImportFrom) and (stmt.level or (stmt.module or "").split(".")[0] == package.name):
            for alias in stmt.names:
                if alias.name != "*":
                    module_of.setdefault(alias.asname or alias.name, "")
        elif isinstance(stmt, (ast.ClassDef, ast.FunctionDef)):
            module_of.setdefault(stmt.name, "")
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name) and not target.id.startswith("__"):
                    module_of.setdefault(target.id, "")
    module_of.pop("_import_structure", None)
    return set(module_of), module_of


def _statements(body: List[ast.stmt]):
    """Top-level statements, into ``if`` / ``try`` branches (optional backends), not ``if TYPE_CHECKING``
    (it repeats the lazy structure) nor function bodies."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            if "TYPE_CHECKING" in ast.unparse(stmt.test):
                yield from _statements(stmt.orelse)
                continue
            yield from _statements(stmt.body)
            yield from _statements(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            yield from _statements(stmt.body)
            for handler in stmt.handlers:
                yield from _statements(handler.body)
            yield from _statements(stmt.orelse)
        else:
            yield stmt


def _modules(root: str) -> Set[str]:
    found = set()
    for entry in os.listdir(root):
        path = os.path.join(root, entry)
        if entry.endswith(".py") and entry != "__init__.py":
            found.add(entry[:-3])
        elif os.path.isfile(os.path.join(path, "__init__.py")):
            found.add(entry)
    return found


# --- definitions and their keywords ---------------------------------------------------------------

class _Reader:
    def __init__(self, package: Package) -> None:
        self.package = package
        self._records: Dict[Tuple[str, str], Optional[Dict[str, Any]]] = {}

    def tree(self, module: str) -> Optional[ast.Module]:
        path = self.package.path_of(module)
        return self.package.parse(path) if path else None

    def locate(self, module: str, name: str, depth: int = 0) -> Optional[Tuple[str, ast.AST]]:
        """The module and the ``class`` / ``def`` node that ``name`` in ``module`` is, through imports and
        lazy ``_import_structure`` tables."""
        if depth > _MAX_DEPTH:
            return None
        tree = self.tree(module)
        if tree is None:
            return None
        for stmt in _statements(tree.body):
            if isinstance(stmt, (ast.ClassDef, ast.FunctionDef)) and stmt.name == name:
                return module, stmt
        for stmt in _statements(tree.body):
            if isinstance(stmt, ast.ImportFrom):
                for alias in stmt.names:
                    if (alias.asname or alias.name) == name:
                        source = self.resolve(module, stmt)
                        if source is not None:
                            return self.locate(source, alias.name, depth + 1)
        env = self.package.module(module)
        if env is not None:
            env.load()
            structure = env.names.get("_import_structure")
            if isinstance(structure, dict):
                for sub, names in structure.items():
                    if isinstance(sub, str) and name in (names or ()):
                        return self.locate(f"{module}.{sub}" if module else sub, name, depth + 1)
        return None

    def resolve(self, module: str, stmt: ast.ImportFrom) -> Optional[str]:
        """The package-relative module an ``import from`` reads (None: another package)."""
        if stmt.level:
            is_package = os.path.basename(self.package.path_of(module) or "") == "__init__.py"
            parts = module.split(".") if module else []
            if not is_package:
                parts = parts[:-1]
            if stmt.level > 1:
                parts = parts[: len(parts) - (stmt.level - 1)] if stmt.level - 1 <= len(parts) else None
            if parts is None:
                return None
            return ".".join(parts + (stmt.module.split(".") if stmt.module else []))
        if stmt.module and stmt.module.split(".")[0] == self.package.name:
            return stmt.module[len(self.package.name) + 1:]
        return None

    def qualified_base(self, module: str, base: ast.expr) -> Tuple[Optional[str], Optional[Tuple[str, ast.AST]]]:
        """A base class: (its external qualified name, or None) and its definition in the package."""
        if isinstance(base, ast.Name):
            found = self.locate(module, base.id)
            if found is not None:
                return None, found
            tree = self.tree(module)
            for stmt in _statements(tree.body if tree else []):
                if isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                    for alias in stmt.names:
                        if (alias.asname or alias.name) == base.id:
                            top = stmt.module.split(".")[0]
                            return f"{top}.{alias.name}", None
            return base.id, None
        return ast.unparse(base), None

    def record(self, module: str, node: ast.AST) -> Optional[Dict[str, Any]]:
        key = (module, getattr(node, "name", ""))
        if key in self._records:
            return self._records[key]
        self._records[key] = {"open": True}  # a cycle reads as open
        if isinstance(node, ast.FunctionDef):
            record = self._function(module, node, skip_self=False)
        elif isinstance(node, ast.ClassDef):
            record = self._class(module, node)
        else:
            record = None
        self._records[key] = record
        return record

    def _function(self, module: str, fn: ast.FunctionDef, skip_self: bool,
                  cls: Optional[ast.ClassDef] = None) -> Dict[str, Any]:
        args = fn.args
        positional = list(args.args)  # positional-only parameters are not keywords
        if skip_self and not args.posonlyargs:
            positional = positional[1:]
        keyword_params = [a.arg for a in positional]
        params = set(keyword_params) | {a.arg for a in args.kwonlyargs}
        record: Dict[str, Any] = {"params": sorted(params)}
        renamed, deprecated = _deprecations(fn)
        params |= set(renamed)
        record["params"] = sorted(params)
        if renamed:
            record["renamed"] = renamed
        if deprecated:
            record["deprecated"] = sorted(deprecated)
        config = _args_config(fn)
        if config:
            record["config"] = config
        if args.vararg is not None:
            record["varargs"] = True
        if args.kwarg is not None:
            record.update(self._forwarded(module, fn, cls, args.kwarg.arg, params))
        return record

    def _forwarded(self, module: str, fn: ast.FunctionDef, cls: Optional[ast.ClassDef], kwarg: str,
                   params: Set[str]) -> Dict[str, Any]:
        """``**kwargs``: accepted by the base ``__init__`` when passed on whole to ``super().__init__``,
        else open."""
        if cls is None or fn.name != "__init__":
            return {"open": True}
        passes_on = False
        for call in ast.walk(fn):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "__init__" \
                    and any(k.arg is None and isinstance(k.value, ast.Name) and k.value.id == kwarg
                            for k in call.keywords):
                passes_on = True
        uses = [n for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == kwarg]
        if not passes_on or len(uses) != 1 or not cls.bases:
            return {"open": True}  # kept, read or changed (``kwargs.pop``): any keyword may be meant
        base = self._base_record(module, cls.bases[0])
        if base is None or base.get("open"):
            return {"open": True}
        out: Dict[str, Any] = {"params": sorted(params | set(base.get("params", ())))}
        for key in ("extends", "renamed", "replaced"):
            if key in base:
                out[key] = base[key]
        return out

    def _base_record(self, module: str, base: ast.expr) -> Optional[Dict[str, Any]]:
        external, found = self.qualified_base(module, base)
        if found is not None:
            return self.record(*found)
        if external in TRANSFORMERS_FIELD_BASES:
            return {"params": [], "extends": [external]}
        return None

    def _class(self, module: str, node: ast.ClassDef) -> Optional[Dict[str, Any]]:
        init = next((s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
        methods = {}
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef) and stmt.name == "from_pretrained":
                methods["from_pretrained"] = self._function(module, stmt, skip_self=True)
        if init is not None:
            record = self._function(module, init, skip_self=True, cls=node)
        elif _is_dataclass(node):
            record = self._dataclass(module, node)
        else:
            record = None
            for base in node.bases:
                inherited = self._base_record(module, base)
                if inherited is not None:
                    record = {k: v for k, v in inherited.items() if k != "methods"}
                    methods = {**inherited.get("methods", {}), **methods}
                    break
            if record is None:
                external = [self.qualified_base(module, b)[0] for b in node.bases]
                record = {"open": True} if any(e and e not in ("object", "ABC", "abc.ABC") for e in external) \
                    else {"params": []}
        if methods:
            record = dict(record, methods=methods)
        return record

    def _dataclass(self, module: str, node: ast.ClassDef) -> Dict[str, Any]:
        params: Set[str] = set()
        extends: List[str] = []
        renamed: Dict[str, str] = {}
        replaced: Dict[str, str] = {}
        deprecated: Set[str] = set()
        for base in node.bases:
            external, found = self.qualified_base(module, base)
            if found is not None:
                inherited = self.record(*found)
                if inherited is None or inherited.get("open"):
                    return {"open": True}
                params |= set(inherited.get("params", ()))
                extends += inherited.get("extends", [])
                renamed.update(inherited.get("renamed", {}))
                replaced.update(inherited.get("replaced", {}))
                deprecated |= set(inherited.get("deprecated", ()))
            elif external in TRANSFORMERS_FIELD_BASES:
                extends.append(external)
            elif external not in _FIELDLESS_BASES:
                return {"open": True}
        own = _dataclass_fields(node)
        params |= {n for n, info in own.items() if info.get("init", True)}
        copied = _copied_fields(node)
        for name, info in own.items():
            if info.get("deprecated"):
                deprecated.add(name)
                # A rename when the help names the replacement and ``__post_init__`` hands the value on as is.
                if info.get("renamed") in params and copied.get(name) == info["renamed"]:
                    renamed[name] = info["renamed"]
                elif info.get("renamed"):
                    replaced[name] = info["renamed"]
        record: Dict[str, Any] = {"params": sorted(params), "dataclass": True}
        if extends:
            record["extends"] = sorted(set(extends))
        if renamed:
            record["renamed"] = dict(sorted(renamed.items()))
        if replaced:
            record["replaced"] = dict(sorted(replaced.items()))
        if deprecated:
            record["deprecated"] = sorted(deprecated)
        return record


# Bases that contribute no dataclass fields: plain mixins and the standard library's.
_FIELDLESS_BASES = frozenset({
    "object", "ABC", "abc.ABC", "str", "enum.Enum", "Enum", "transformers.PushToHubMixin",
    "huggingface_hub.PushToHubMixin",
})


def _is_dataclass(node: ast.ClassDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name == "dataclass":
            return True
    return False


def _dataclass_fields(node: ast.ClassDef) -> Dict[str, Dict[str, Any]]:
    """Fields in order: whether ``__init__`` takes them, whether their help calls them deprecated and the
    one other field it names as the replacement."""
    fields: Dict[str, Dict[str, Any]] = {}
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        annotation = ast.unparse(item.annotation)
        if "ClassVar" in annotation:
            continue
        info: Dict[str, Any] = {}
        value = item.value
        if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", None)) == "field":
            keywords = {kw.arg: kw.value for kw in value.keywords if kw.arg}
            init = keywords.get("init")
            if isinstance(init, ast.Constant) and init.value is False:
                info["init"] = False
            help_text = " ".join(n.value for n in ast.walk(keywords.get("metadata", ast.Constant(None)))
                                 if isinstance(n, ast.Constant) and isinstance(n.value, str))
            if "deprecated" in help_text.lower():
                info["deprecated"] = True
                named = {n for match in _REPLACED_BY.findall(help_text) for n in match if n and n != item.target.id}
                if len(named) == 1:
                    info["renamed"] = named.pop()
        fields[item.target.id] = info
    return fields


def _copied_fields(node: ast.ClassDef) -> Dict[str, str]:
    """``self.new = self.old`` in ``__post_init__``: old -> new."""
    copied: Dict[str, str] = {}
    for fn in node.body:
        if isinstance(fn, ast.FunctionDef) and fn.name == "__post_init__":
            for stmt in ast.walk(fn):
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _self_attr(stmt.targets[0]) \
                        and _self_attr(stmt.value):
                    copied[_self_attr(stmt.value)] = _self_attr(stmt.targets[0])
    return copied


def _self_attr(node: ast.AST) -> Optional[str]:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr
    return None


def _deprecations(fn: ast.FunctionDef) -> Tuple[Dict[str, str], Set[str]]:
    """Keywords a decorator still accepts: ``@deprecate_kwarg("old", new_name="new")`` (transformers'
    helper: the old name works and becomes the new one) and ``@_deprecate_arguments(deprecated_args=[...])``
    (huggingface_hub's: they still work, with a warning)."""
    renamed: Dict[str, str] = {}
    deprecated: Set[str] = set()
    for decorator in fn.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        name = decorator.func.attr if isinstance(decorator.func, ast.Attribute) else getattr(decorator.func, "id", "")
        keywords = {k.arg: k.value for k in decorator.keywords if k.arg}
        if name == "deprecate_kwarg" and decorator.args and isinstance(decorator.args[0], ast.Constant):
            old = decorator.args[0].value
            new = keywords.get("new_name")
            if new is None and len(decorator.args) > 2:
                new = decorator.args[2]
            deprecated.add(old)
            if isinstance(new, ast.Constant) and isinstance(new.value, str):
                renamed[old] = new.value
        elif name == "_deprecate_arguments" and isinstance(keywords.get("deprecated_args"), (ast.List, ast.Tuple)):
            deprecated |= {e.value for e in keywords["deprecated_args"].elts
                           if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return renamed, deprecated


def _args_config(fn: ast.FunctionDef) -> Optional[str]:
    """The config class an ``args`` parameter is annotated with (``args: Optional[SFTConfig] = None``)."""
    for arg in fn.args.args + fn.args.kwonlyargs:
        if arg.arg == "args" and arg.annotation is not None:
            names = [n.id for n in ast.walk(arg.annotation) if isinstance(n, ast.Name)
                     and n.id.endswith("Config")]
            if isinstance(arg.annotation, ast.Constant) and isinstance(arg.annotation.value, str):
                names = re.findall(r"\b(\w+Config)\b", arg.annotation.value)
            if len(set(names)) == 1:
                return names[0]
    return None
