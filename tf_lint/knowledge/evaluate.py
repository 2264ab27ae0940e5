"""A small evaluator of module-level Python, enough to read transformers' tables without importing it.

Transformers builds the tables tf-lint needs (Auto mappings, ``_import_structure``, the pipeline task
table) out of literals, but not only literals: ``OrderedDict([...])``, ``**`` spreads,
``.update()`` / ``.extend()`` / ``+=`` after the fact, ``[*list(X.items()), ...]``, names imported
from sibling modules, loops over constant tables, ``a if is_torch_available() else b``. This module
runs the module-level statements of a file over those constructs and skips anything else (a
statement it cannot evaluate leaves the names it would bind untouched). Names imported with a
relative ``from . import`` are followed lazily into their own files, so a table defined in one
module and extended in another comes out as Python would build it.

Conditions are not evaluated: both branches of an ``if`` run (the union of what the package can
export), except ``if TYPE_CHECKING:``, whose body is for type checkers only; of ``x if cond else y``
the first value is taken (transformers writes ``(AutoModel,) if is_torch_available() else ()``).
"""

from __future__ import annotations

import ast
import os
from collections import OrderedDict
from typing import Any, Callable, Dict, List, Optional

_MAX_LOOP = 10_000


class Unknown(Exception):
    """An expression the evaluator does not model."""


class Symbol(str):
    """A name the evaluator could not resolve to a value, kept by name (a class such as ``AutoModel``)."""


class _LazyImport:
    __slots__ = ("module", "name")

    def __init__(self, module: "ModuleEnv", name: str) -> None:
        self.module = module
        self.name = name


class ModuleEnv:
    """The module-level names of one source file, evaluated on first use."""

    def __init__(self, package: "Package", path: str, dotted: str) -> None:
        self.package = package
        self.path = path
        self.dotted = dotted  # "models.auto.modeling_auto"
        self.names: Dict[str, Any] = {}
        self.tree: Optional[ast.Module] = None
        self._state = "new"

    def load(self) -> "ModuleEnv":
        if self._state == "new":
            self._state = "loading"
            self.tree = self.package.parse(self.path)
            if self.tree is not None:
                Interpreter(self).run(self.tree.body)
            self._state = "done"
        return self

    def get(self, name: str) -> Any:
        self.load()
        if name not in self.names:
            raise Unknown(name)
        value = self.names[name]
        if isinstance(value, _LazyImport):
            value = value.module.get(value.name)
            self.names[name] = value
        return value


class Package:
    """A transformers source tree on disk: parsed files and module environments, cached."""

    def __init__(self, root: str, name: str = "transformers") -> None:
        self.root = os.fspath(root)  # the package directory itself (.../transformers)
        self.name = name
        self._trees: Dict[str, Optional[ast.Module]] = {}
        self._modules: Dict[str, ModuleEnv] = {}

    def path_of(self, dotted: str) -> Optional[str]:
        base = os.path.join(self.root, *dotted.split(".")) if dotted else self.root
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(candidate):
                return candidate
        return None

    def parse(self, path: str) -> Optional[ast.Module]:
        if path not in self._trees:
            try:
                with open(path, encoding="utf-8") as f:
                    self._trees[path] = ast.parse(f.read(), filename=path)
            except (OSError, SyntaxError, ValueError):
                self._trees[path] = None
        return self._trees[path]

    def module(self, dotted: str) -> Optional[ModuleEnv]:
        env = self._modules.get(dotted)
        if env is None:
            path = self.path_of(dotted)
            if path is None:
                return None
            env = self._modules[dotted] = ModuleEnv(self, path, dotted)
        return env


def _resolve_relative(current: str, is_package: bool, level: int, module: Optional[str]) -> Optional[str]:
    parts = current.split(".") if current else []
    if not is_package:
        parts = parts[:-1]
    if level > 1:
        if level - 1 > len(parts):
            return None
        parts = parts[: len(parts) - (level - 1)]
    if module:
        parts += module.split(".")
    return ".".join(parts)


class Interpreter:
    def __init__(self, env: ModuleEnv, symbolic: bool = False) -> None:
        self.env = env
        self.names = env.names
        # Unknown names become Symbols instead of failing the expression (for tables of classes).
        self.symbolic = symbolic

    # --- statements ------------------------------------------------------------------------------
    def run(self, body: List[ast.stmt]) -> None:
        for stmt in body:
            try:
                self.statement(stmt)
            except (Unknown, TypeError, KeyError, IndexError, AttributeError, ValueError):
                continue

    def statement(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Assign):
            value = self.expr(stmt.value)
            for target in stmt.targets:
                self.assign(target, value)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            self.assign(stmt.target, self.expr(stmt.value))
        elif isinstance(stmt, ast.AugAssign):
            current = self.expr(stmt.target)
            value = self.expr(stmt.value)
            if isinstance(stmt.op, ast.Add) and isinstance(current, list):
                current.extend(value)  # ``x += [...]`` mutates in place, as Python does
            elif isinstance(stmt.op, ast.BitOr) and isinstance(current, (dict, set)):
                current.update(value)
            elif isinstance(stmt.op, ast.Add):
                self.assign(stmt.target, current + value)
            else:
                raise Unknown("augmented assignment")
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            self.expr(stmt.value)
        elif isinstance(stmt, ast.If):
            if _mentions(stmt.test, "TYPE_CHECKING"):
                self.run(stmt.orelse)
            else:
                self.run(stmt.body)
                self.run(stmt.orelse)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            self.run(stmt.body)
            for handler in stmt.handlers:
                self.run(handler.body)
            self.run(stmt.orelse)
            self.run(stmt.finalbody)
        elif isinstance(stmt, ast.For) and isinstance(stmt.target, ast.Name) and not stmt.orelse:
            items = list(self.expr(stmt.iter))[:_MAX_LOOP]
            for item in items:
                self.names[stmt.target.id] = item
                self.run(stmt.body)
        elif isinstance(stmt, ast.With):
            self.run(stmt.body)
        elif isinstance(stmt, ast.ImportFrom):
            self.import_from(stmt)
        elif isinstance(stmt, ast.ClassDef):
            self.names[stmt.name] = Symbol(stmt.name)

    def import_from(self, stmt: ast.ImportFrom) -> None:
        package = self.env.package
        if stmt.level:
            is_package = os.path.basename(self.env.path) == "__init__.py"
            target = _resolve_relative(self.env.dotted, is_package, stmt.level, stmt.module)
        elif stmt.module and (stmt.module == package.name or stmt.module.startswith(package.name + ".")):
            target = stmt.module[len(package.name) + 1:]
        else:
            return
        if target is None:
            return
        source = package.module(target)
        for alias in stmt.names:
            if alias.name == "*":
                continue
            bound = alias.asname or alias.name
            if source is not None:
                self.names[bound] = _LazyImport(source, alias.name)

    def assign(self, target: ast.expr, value: Any) -> None:
        if isinstance(target, ast.Name):
            self.names[target.id] = value
        elif isinstance(target, ast.Subscript):
            container = self.expr(target.value)
            container[self.expr(target.slice)] = value
        else:
            raise Unknown("assignment target")

    # --- expressions -----------------------------------------------------------------------------
    def expr(self, node: ast.expr) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items: List[Any] = []
            for elt in node.elts:
                if isinstance(elt, ast.Starred):
                    items.extend(self.expr(elt.value))
                else:
                    items.append(self.expr(elt))
            if isinstance(node, ast.Tuple):
                return tuple(items)
            return set(items) if isinstance(node, ast.Set) else items
        if isinstance(node, ast.Dict):
            result: Dict[Any, Any] = {}
            for key, value in zip(node.keys, node.values):
                if key is None:
                    result.update(self.expr(value))
                else:
                    result[self.expr(key)] = self.expr(value)
            return result
        if isinstance(node, ast.IfExp):
            return self.expr(node.body)
        if isinstance(node, ast.BinOp):
            left, right = self.expr(node.left), self.expr(node.right)
            if isinstance(node.op, ast.Add) and not isinstance(left, (int, float)):
                return left + right
            if isinstance(node.op, ast.BitOr) and isinstance(left, dict):
                return {**left, **right}
            raise Unknown("operator")
        if isinstance(node, ast.Subscript):
            container = self.expr(node.value)
            if isinstance(container, Symbol):
                return container  # ``OrderedDict[str, str]`` as a callee
            return container[self.expr(node.slice)]
        if isinstance(node, ast.Attribute):
            base = self.expr(node.value)
            if isinstance(base, Symbol):
                return Symbol(f"{base}.{node.attr}")
            raise Unknown("attribute")
        if isinstance(node, ast.Call):
            return self.call(node)
        raise Unknown(type(node).__name__)

    def name(self, name: str) -> Any:
        if name in self.names:
            value = self.names[name]
            if isinstance(value, _LazyImport) and self.symbolic and not value.name.isupper():
                # A class imported into a table of classes: its name is all we need, and not
                # following it spares parsing every module it comes from.
                return Symbol(value.name)
            if isinstance(value, _LazyImport):
                try:
                    value = value.module.get(value.name)
                except Unknown:
                    if not self.symbolic:
                        raise
                    value = Symbol(name)
                self.names[name] = value
            return value
        if name in _BUILTINS:
            return Symbol(name)
        if self.symbolic:
            return Symbol(name)
        raise Unknown(name)

    def call(self, node: ast.Call) -> Any:
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = self.expr(func.value)
            method = _METHODS.get(func.attr)
            if method is None or isinstance(owner, Symbol):
                raise Unknown(f"method {func.attr}")
            args = [self.expr(a) for a in node.args]
            return method(owner, *args)
        callee = self.expr(func)
        if not isinstance(callee, Symbol) or callee not in _CONSTRUCTORS:
            raise Unknown(f"call of {callee!r}")
        args = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                args.extend(self.expr(arg.value))
            else:
                args.append(self.expr(arg))
        kwargs: Dict[str, Any] = {}
        for kw in node.keywords:
            if kw.arg is None:
                kwargs.update(self.expr(kw.value))
            else:
                kwargs[kw.arg] = self.expr(kw.value)
        return _CONSTRUCTORS[callee](*args, **kwargs)


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name or isinstance(n, ast.Attribute) and n.attr == name
               for n in ast.walk(node))


def _setdefault(container, key, default=None):
    return container.setdefault(key, default)


_METHODS: Dict[str, Callable[..., Any]] = {
    "update": lambda owner, *args: owner.update(*args),
    "extend": lambda owner, *args: owner.extend(*args),
    "append": lambda owner, *args: owner.append(*args),
    "add": lambda owner, *args: owner.add(*args),
    "setdefault": _setdefault,
    "items": lambda owner: list(owner.items()),
    "keys": lambda owner: list(owner.keys()),
    "values": lambda owner: list(owner.values()),
    "copy": lambda owner: owner.copy(),
}
_CONSTRUCTORS: Dict[str, Callable[..., Any]] = {
    "OrderedDict": lambda *a, **k: OrderedDict(*a, **k),
    "dict": dict,
    "list": list,
    "tuple": tuple,
    "set": set,
    "frozenset": frozenset,
    "sorted": sorted,
}
_BUILTINS = frozenset(_CONSTRUCTORS)
