"""Rewrites of a Python program that change nothing it does at run time (metamorphic tests).

Each rewrite takes the program's text and returns the rewritten text, or ``None`` when it does not
apply to this program (nothing to rename, no module-level code to move ...): a test counts what ran,
so that a rewrite that applies nowhere cannot pass by doing nothing. Every rewrite re-prints the
program with ``ast.unparse``, so comments are gone from all of them (and the findings a program
gives may never rest on a comment).

The rewrites, each safe by construction where it applies:

- ``strip``: docstrings and comments removed;
- ``rename``: the file's own variables renamed to ``v1``, ``v2`` ... (names it binds in module and
  function scopes; never an imported name, an attribute, a keyword, a class body's name, a builtin,
  a dunder, ``self``/``cls``, a parameter some call passes by keyword, or a name a sibling file reads);
- ``bind``: each call argument that is itself a call, bound to a new name just before its statement;
- ``inline``: a name assigned once and read once, in a later statement of the same block, replaced
  by its value (when nothing in between rebinds, mutates or calls a method of a name it reads);
- ``keywords``: the first argument of ``from_pretrained`` and of the data collators, and ``pipeline``'s
  ``task``/``model``, passed by keyword when positional and positionally when by keyword;
- ``auto_class``: ``ConcreteModel.from_pretrained(ckpt)`` <-> ``AutoModelForX.from_pretrained(ckpt)``
  when the checkpoint's model type is known and the Auto class maps it to that concrete class;
- ``into_function``: the module-level code after the last definition or import moved into a
  function that the module then calls (when no definition reads the names it binds).
"""

from __future__ import annotations

import ast
import builtins
import copy
import os
import re
from typing import Callable, Dict, List, Optional, Set, Tuple

# --- helpers -----------------------------------------------------------------------------------------


def _parse(text: str) -> ast.Module:
    return ast.parse(text)


def _unparse(tree: ast.AST) -> str:
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def _is_docstring(stmt: ast.stmt) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str))


def _bodies(node: ast.AST):
    """Every statement list of ``node`` and its descendants."""
    for child in ast.walk(node):
        for field in ("body", "orelse", "finalbody"):
            value = getattr(child, field, None)
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                yield child, field, value
        for handler in getattr(child, "handlers", ()) or ():
            yield handler, "body", handler.body
        for case in getattr(child, "cases", ()) or ():
            yield case, "body", case.body


def _imported_names(tree: ast.Module) -> Set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
    return names


def _transformers_imports(tree: ast.Module) -> Dict[str, str]:
    """Local name -> transformers name, for ``from transformers import X [as Y]``."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "transformers":
            for alias in node.names:
                found[alias.asname or alias.name] = alias.name
    return found


def _sibling_text(path: Optional[str]) -> str:
    """The files beside ``path`` that can read its names: Python files importing it as a module (the
    other fixtures of a folder are programs of their own)."""
    if not path:
        return ""
    folder = os.path.dirname(path)
    stem = os.path.splitext(os.path.basename(path))[0]
    importing = re.compile(rf"^\s*(from\s+\.?{re.escape(stem)}\s+import|import\s+{re.escape(stem)}\b)", re.M)
    texts = []
    for name in sorted(os.listdir(folder)):
        full = os.path.join(folder, name)
        if full != path and name.endswith(".py") and os.path.isfile(full):
            with open(full, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if importing.search(text):
                texts.append(text)
    return "\n".join(texts)


# --- strip ---------------------------------------------------------------------------------------------


def strip(text: str, path: Optional[str] = None) -> Optional[str]:
    tree = _parse(text)
    for _, _, body in list(_bodies(tree)):
        while body and _is_docstring(body[0]):
            body.pop(0)
            if not body:
                body.append(ast.Pass())
    return _unparse(tree)


# --- rename --------------------------------------------------------------------------------------------
_KEEP = {"self", "cls", "_"}


def rename(text: str, path: Optional[str] = None) -> Optional[str]:
    tree = _parse(text)
    imported = _imported_names(tree)
    class_names: Set[str] = set()  # names bound in a class body: attributes of the class
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for stmt in node.body:
                for sub in ast.walk(stmt):
                    if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                        class_names.add(sub.id)
                    if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and sub in node.body:
                        class_names.add(sub.name)
                    if isinstance(sub, ast.AnnAssign) and isinstance(sub.target, ast.Name):
                        class_names.add(sub.target.id)
    keywords = {k.arg for node in ast.walk(tree) if isinstance(node, ast.Call) for k in node.keywords if k.arg}
    bound: List[str] = []
    params: Set[str] = set()

    def note(name):
        if name not in bound:
            bound.append(name)

    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            note(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            note(node.name)
        elif isinstance(node, ast.arg):
            note(node.arg)
            params.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            note(node.name)
    siblings = _sibling_text(path)
    method_names = {n.name for c in ast.walk(tree) if isinstance(c, ast.ClassDef) for n in c.body
                    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    # A method's parameters are part of the class's interface (an override of ``compute_loss`` is
    # called by keyword from inside transformers): never renamed.
    for c in ast.walk(tree):
        if isinstance(c, ast.ClassDef):
            for n in c.body:
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    class_names.update(a.arg for a in ast.walk(n.args) if isinstance(a, ast.arg))
    renamable = [
        n for n in bound
        if n not in imported and n not in class_names and n not in method_names and n not in _KEEP
        and not (n.startswith("__") and n.endswith("__")) and not hasattr(builtins, n)
        and not (n in params and n in keywords)
        and not re.search(rf"\b{re.escape(n)}\b", siblings)
    ]
    if not renamable:
        return None
    taken = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} | set(bound) | imported
    mapping: Dict[str, str] = {}
    counter = 0
    for name in renamable:
        counter += 1
        while f"v{counter}" in taken:
            counter += 1
        mapping[name] = f"v{counter}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in mapping:
            node.id = mapping[node.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in mapping:
            node.name = mapping[node.name]
        elif isinstance(node, ast.arg) and node.arg in mapping:
            node.arg = mapping[node.arg]
        elif isinstance(node, ast.ExceptHandler) and node.name in mapping:
            node.name = mapping[node.name]
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            node.names = [mapping.get(n, n) for n in node.names]
    return _unparse(tree)


# --- bind ------------------------------------------------------------------------------------------------


def _root_expression(stmt: ast.stmt) -> Optional[ast.expr]:
    if isinstance(stmt, (ast.Assign, ast.Expr, ast.Return, ast.AugAssign)) or (
            isinstance(stmt, ast.AnnAssign) and stmt.value is not None):
        return stmt.value
    return None


def _hoistable(expr: ast.expr) -> List[Tuple[ast.AST, str, Optional[int]]]:
    """(parent, field, index) of each call argument that is a call, reached from ``expr`` through calls,
    attributes and subscripts only (code that runs every time the statement does, in order)."""
    found = []

    def visit(node):
        if isinstance(node, ast.Call):
            visit(node.func)
            for i, arg in enumerate(node.args):
                if isinstance(arg, ast.Call):
                    found.append((node, "args", i))
                    visit(arg)
            for keyword in node.keywords:
                if isinstance(keyword.value, ast.Call):
                    found.append((keyword, "value", None))
                    visit(keyword.value)
        elif isinstance(node, (ast.Attribute, ast.Subscript)):
            visit(node.value)

    if expr is not None:
        visit(expr)
    return found


def _walrus_or_await(node: ast.AST) -> bool:
    return any(isinstance(n, (ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom)) for n in ast.walk(node))


def bind(text: str, path: Optional[str] = None) -> Optional[str]:
    tree = _parse(text)
    taken = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | _imported_names(tree)
    counter = [0]

    def fresh():
        counter[0] += 1
        while f"b{counter[0]}" in taken:
            counter[0] += 1
        return f"b{counter[0]}"

    changed = False
    for _, _, body in list(_bodies(tree)):
        i = 0
        while i < len(body):
            stmt = body[i]
            root = _root_expression(stmt)
            spots = [] if root is None or _walrus_or_await(root) else _hoistable(root)
            # innermost first: an argument of an argument is bound before the call that takes it
            new = []
            for parent, field, index in reversed(spots):
                value = getattr(parent, field) if index is None else getattr(parent, field)[index]
                name = fresh()
                new.insert(0, ast.Assign(targets=[ast.Name(name, ast.Store())], value=value))
                replacement = ast.Name(name, ast.Load())
                if index is None:
                    setattr(parent, field, replacement)
                else:
                    getattr(parent, field)[index] = replacement
            if new:
                changed = True
                body[i:i] = sorted_by_position(new)
                i += len(new)
            i += 1
    return _unparse(tree) if changed else None


def sorted_by_position(assigns: List[ast.Assign]) -> List[ast.Assign]:
    """In source order of their values: arguments are evaluated left to right, inner calls first."""
    def key(a):
        v = a.value
        return (getattr(v, "end_lineno", 0), getattr(v, "end_col_offset", 0))
    return sorted(assigns, key=key)


# --- inline ----------------------------------------------------------------------------------------------


def _names_read(node: ast.AST) -> Set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _touches(stmt: ast.stmt, names: Set[str]) -> bool:
    """Whether ``stmt`` may change what an expression reading ``names`` gives: it binds one of them,
    stores into one (``x.a = ``, ``x[k] = ``), or calls a method of one, or calls anything at all with
    one as an argument."""
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)) and node.id in names:
            return True
        if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            if _names_read(node.value) & names:
                return True
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and _names_read(node.func.value) & names:
                return True
            for arg in list(node.args) + [k.value for k in node.keywords]:
                if _names_read(arg) & names:
                    return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and set(node.names) & names:
            return True
    return False


def _scope_nodes(tree: ast.Module):
    yield tree
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _own_bodies(scope: ast.AST):
    """The statement lists of ``scope`` itself (its body and those of its compound statements), not
    those of nested functions and classes."""
    todo = [scope]
    while todo:
        node = todo.pop()
        for field in ("body", "orelse", "finalbody"):
            value = getattr(node, field, None)
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                yield value
                todo.extend(s for s in value if not isinstance(
                    s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))
        for handler in getattr(node, "handlers", ()) or ():
            yield handler.body
            todo.extend(handler.body)


def _own_names(scope: ast.AST):
    """(Name node, whether it lies in a nested function, class, lambda or comprehension) for every name
    in ``scope``."""
    todo = [(child, False) for child in ast.iter_child_nodes(scope)]
    while todo:
        node, nested = todo.pop()
        if isinstance(node, ast.Name):
            yield node, nested
        inner = nested or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
                                            ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))
        todo.extend((child, inner) for child in ast.iter_child_nodes(node))


def inline(text: str, path: Optional[str] = None) -> Optional[str]:
    tree = _parse(text)
    siblings = _sibling_text(path)
    changed = False
    for scope in list(_scope_nodes(tree)):
        occurrences: Dict[str, List[Tuple[ast.Name, bool]]] = {}
        for name, nested in _own_names(scope):
            occurrences.setdefault(name.id, []).append((name, nested))
        for body in list(_own_bodies(scope)):
            for i, stmt in enumerate(list(body)):
                if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                        and isinstance(stmt.targets[0], ast.Name)):
                    continue
                name = stmt.targets[0].id
                uses = occurrences.get(name, [])
                stores = [u for u, _ in uses if not isinstance(u.ctx, ast.Load)]
                loads = [(u, nested) for u, nested in uses if isinstance(u.ctx, ast.Load)]
                if len(stores) != 1 or len(loads) != 1 or loads[0][1] or _walrus_or_await(stmt.value):
                    continue
                if scope is tree and (re.search(rf"\b{re.escape(name)}\b", siblings) or any(
                        isinstance(n, ast.Name) and n.id == name for n in ast.walk(tree)
                        if n not in [u for u, _ in uses])):
                    continue  # a module name read by a function or another file
                if any(isinstance(g, (ast.Global, ast.Nonlocal)) and name in g.names for g in ast.walk(tree)):
                    continue
                use = loads[0][0]
                later = _statement_holding(body, i + 1, use)
                if later is None:
                    continue
                j, holder = later
                reads = _names_read(stmt.value)
                if any(_touches(s, reads) for s in body[i + 1:j]) or not _runs_once_in(holder, use):
                    continue
                if _calls(stmt.value) and (j != i + 1 or _calls_before(holder, use)):
                    continue  # a call moved past other code may run in another order (CUDA before an env write)
                if not _replace(holder, use, copy.deepcopy(stmt.value)):
                    continue
                body[i] = ast.Pass()
                changed = True
            body[:] = [s for s in body if not isinstance(s, ast.Pass)] or [ast.Pass()]
    return _unparse(tree) if changed else None


def _calls(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) for n in ast.walk(node))


def _calls_before(holder: ast.stmt, use: ast.Name) -> bool:
    """Whether ``holder`` runs a call before it reads ``use`` (source order; a call holding ``use`` runs
    after its arguments)."""
    where = (use.lineno, use.col_offset)
    for node in ast.walk(holder):
        if isinstance(node, ast.Call) and not any(n is use for n in ast.walk(node)):
            if (node.end_lineno, node.end_col_offset) <= where:
                return True
    return False


def _statement_holding(body: list, start: int, use: ast.Name) -> Optional[Tuple[int, ast.stmt]]:
    for j in range(start, len(body)):
        if any(n is use for n in ast.walk(body[j])):
            return j, body[j]
    return None


def _runs_once_in(holder: ast.stmt, use: ast.Name) -> bool:
    """The use is evaluated exactly once when ``holder`` runs: reached from the statement's own
    expression through calls, attributes, subscripts, containers and binary operations only."""
    root = _root_expression(holder)
    if root is None:
        if isinstance(holder, (ast.For, ast.AsyncFor)):
            root = holder.iter
        elif isinstance(holder, (ast.With, ast.AsyncWith)):
            return any(_reached(item.context_expr, use) for item in holder.items)
        else:
            return False
    return _reached(root, use)


def _reached(node: ast.AST, use: ast.Name) -> bool:
    if node is use:
        return True
    if isinstance(node, ast.Call):
        arguments = [a.value if isinstance(a, ast.Starred) else a for a in node.args]
        arguments += [k.value for k in node.keywords]
        return _reached(node.func, use) or any(_reached(a, use) for a in arguments)
    if isinstance(node, (ast.Attribute, ast.Subscript)):
        return _reached(node.value, use) or (isinstance(node, ast.Subscript) and _reached(node.slice, use))
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return any(_reached(e, use) for e in node.elts)
    if isinstance(node, ast.Dict):
        return any(_reached(v, use) for v in node.values) or any(
            k is not None and _reached(k, use) for k in node.keys)
    if isinstance(node, ast.BinOp):
        return _reached(node.left, use) or _reached(node.right, use)
    return False


def _replace(holder: ast.AST, use: ast.Name, value: ast.expr) -> bool:
    for node in ast.walk(holder):
        for field, old in ast.iter_fields(node):
            if old is use:
                setattr(node, field, value)
                return True
            if isinstance(old, list):
                for k, item in enumerate(old):
                    if item is use:
                        old[k] = value
                        return True
    return False


# --- keywords --------------------------------------------------------------------------------------------
# Leading parameters of calls whose signature is known (transformers 4.x and 5.x alike).
_COLLATOR_FIRST = ("tokenizer",)
_SIGNATURES = {
    "from_pretrained": ("pretrained_model_name_or_path",),
    "pipeline": ("task", "model"),
}


def _signature(call: ast.Call, transformers_names: Dict[str, str]) -> Optional[Tuple[str, ...]]:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "from_pretrained":
        return _SIGNATURES["from_pretrained"]
    if isinstance(func, ast.Name) and func.id in transformers_names:
        real = transformers_names[func.id]
        if real == "pipeline":
            return _SIGNATURES["pipeline"]
        if real.startswith("DataCollator") and real not in ("DataCollatorWithFlattening",):
            return _COLLATOR_FIRST
    return None


def keywords(text: str, path: Optional[str] = None) -> Optional[str]:
    tree = _parse(text)
    names = _transformers_imports(tree)
    changed = False
    for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)]:
        params = _signature(call, names)
        if params is None or any(isinstance(a, ast.Starred) for a in call.args):
            continue
        if call.args:  # positional -> keyword
            if len(call.args) > len(params):
                continue
            given = {k.arg for k in call.keywords}
            new = [ast.keyword(arg=p, value=a) for p, a in zip(params, call.args)]
            if given & {k.arg for k in new}:
                continue
            call.args = []
            call.keywords = new + call.keywords
            changed = True
        else:  # keyword -> positional, the leading parameters in order
            by_name = {k.arg: k for k in call.keywords if k.arg}
            moved = []
            for p in params:
                if p in by_name:
                    moved.append(by_name[p])
                else:
                    break
            if not moved or any(k.arg is None for k in call.keywords[:call.keywords.index(moved[-1])]):
                continue
            call.args = [k.value for k in moved]
            call.keywords = [k for k in call.keywords if k not in moved]
            changed = True
    return _unparse(tree) if changed else None


# --- auto_class -------------------------------------------------------------------------------------------


def _string_value(tree: ast.Module, expr: ast.expr) -> Optional[str]:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.Name):
        values = [s.value for s in ast.walk(tree) if isinstance(s, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == expr.id for t in s.targets)]
        stores = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == expr.id
                  and isinstance(n.ctx, ast.Store)]
        if len(values) == 1 and len(stores) == 1:
            return _string_value(tree, values[0]) if isinstance(values[0], ast.Constant) else None
    return None


def auto_class_rewrite(knowledge) -> Callable[[str, Optional[str]], Optional[str]]:
    """The ``auto_class`` rewrite for a transformers version's knowledge."""
    from tf_lint.knowledge.checkpoint_families import checkpoint_facts

    def rewrite(text: str, path: Optional[str] = None) -> Optional[str]:
        tree = _parse(text)
        names = _transformers_imports(tree)
        local = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        local |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
        added: Set[str] = set()
        changed = False
        for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)]:
            func = call.func
            if not (isinstance(func, ast.Attribute) and func.attr == "from_pretrained"
                    and isinstance(func.value, ast.Name) and func.value.id in names and func.value.id not in local):
                continue
            first = call.args[0] if call.args else next(
                (k.value for k in call.keywords if k.arg == "pretrained_model_name_or_path"), None)
            checkpoint = _string_value(tree, first) if first is not None else None
            facts = checkpoint_facts(checkpoint) if checkpoint else None
            if facts is None or facts.model_type is None:
                continue
            if any(k.arg in ("config",) or k.arg is None for k in call.keywords):
                continue  # an explicit config decides the class
            cls = names[func.value.id]
            target = None
            if cls.startswith("AutoModel") or cls.startswith("TFAutoModel"):
                mapping = knowledge.auto_class_mapping(cls)
                concrete = mapping.get(facts.model_type) if mapping else None
                if isinstance(concrete, str) and knowledge.has_name(concrete):
                    target = concrete
            else:
                for auto in sorted(knowledge.auto_classes):
                    if auto.startswith("TF") != cls.startswith("TF") or "WithLMHead" in auto:
                        continue
                    mapping = knowledge.auto_class_mapping(auto)
                    if mapping and mapping.get(facts.model_type) == cls:
                        target = auto
                        break
            if target is None or target in local:
                continue
            func.value = ast.Name(target, ast.Load())
            changed = True
            if target not in names:
                added.add(target)
        if not changed:
            return None
        if added:
            tree.body.insert(_after_future(tree), ast.ImportFrom(
                module="transformers", names=[ast.alias(name=n) for n in sorted(added)], level=0))
        return _unparse(tree)

    return rewrite


def _after_future(tree: ast.Module) -> int:
    index = 0
    for k, stmt in enumerate(tree.body):
        if _is_docstring(stmt) and k == 0 or (isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"):
            index = k + 1
    return index


# --- into_function -----------------------------------------------------------------------------------------


def _is_definition(stmt: ast.stmt) -> bool:
    return isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))


def _bound_names(stmts: List[ast.stmt]) -> Set[str]:
    names = set()
    for stmt in stmts:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _is_main_guard(stmt: ast.stmt) -> bool:
    return (isinstance(stmt, ast.If) and isinstance(stmt.test, ast.Compare)
            and isinstance(stmt.test.left, ast.Name) and stmt.test.left.id == "__name__")


def into_function(text: str, path: Optional[str] = None) -> Optional[str]:
    tree = _parse(text)
    body = tree.body
    start = len(body)
    while start > 0 and not _is_definition(body[start - 1]) and not _is_docstring(body[start - 1]) \
            and not (start - 1 == 0 and _is_docstring(body[0])):
        start -= 1
    moved = body[start:]  # the code after the last definition or import: it runs last either way
    if not moved:
        return None
    bound = _bound_names(moved)
    if bound & _bound_names(body[:start]):
        return None  # `model = model.to(device)` in a function would read a local not yet bound
    if any(isinstance(n, (ast.Global, ast.Nonlocal)) for s in moved for n in ast.walk(s)):
        return None
    read_elsewhere = set()
    for stmt in body[:start]:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            read_elsewhere |= _names_read(stmt)
        for node in ast.walk(stmt):
            if isinstance(node, ast.Global):
                read_elsewhere |= set(node.names)
    siblings = _sibling_text(path)
    if bound & read_elsewhere or any(re.search(rf"\b{re.escape(n)}\b", siblings) for n in bound):
        return None
    meaningful = [s for s in moved if not _is_main_guard(s) and not (
        isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and not s.value.args and not s.value.keywords)]
    if not meaningful:
        return None
    taken = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | _bound_names(body)
    name = "run_module"
    while name in taken:
        name += "_"
    function = ast.FunctionDef(name=name, args=ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[],
                                                             kw_defaults=[], kwarg=None, defaults=[]),
                               body=moved, decorator_list=[], returns=None, type_comment=None, type_params=[])
    call = ast.Expr(ast.Call(ast.Name(name, ast.Load()), [], []))
    tree.body = body[:start] + [function, call]
    return _unparse(tree)


REWRITES: Dict[str, Callable[[str, Optional[str]], Optional[str]]] = {
    "strip": strip,
    "rename": rename,
    "bind": bind,
    "inline": inline,
    "keywords": keywords,
    "into_function": into_function,
}


def combined(text: str, path: Optional[str] = None) -> Optional[str]:
    """Every rewrite above that applies, one after the other (strip, rename, bind, keywords, moved into
    a function): the findings rest on none of what they change, together."""
    changed = 0
    for rewrite in (strip, rename, bind, keywords, into_function):
        new = rewrite(text, path)
        if new is not None:
            text, changed = new, changed + (rewrite is not strip)
    return text if changed >= 2 else None


REWRITES["combined"] = combined


# --- notebooks and Markdown: each code cell or Python block stripped on its own ---------------------------
_FENCE = re.compile(r"^(?P<open>[ \t]*```(?:python|py|python3)[^\n]*\n)(?P<code>.*?)(?P<close>^[ \t]*```)",
                    re.M | re.S)


def _strip_piece(code: str) -> Optional[str]:
    """``code`` stripped, when it is plain Python (no magics, shell lines or doctest prompts)."""
    if any(line.lstrip().startswith(("%", "!", ">>>")) for line in code.splitlines()):
        return None
    try:
        new = strip(code)
    except SyntaxError:
        return None
    return new if new.strip() != code.strip() else None


def strip_document(name: str, data: bytes) -> Optional[bytes]:
    """A notebook's code cells, or a Markdown file's Python blocks, without comments and docstrings
    (cells with magics and blocks with prompts are left as they are: their text is not Python)."""
    import json

    if name.endswith(".ipynb"):
        notebook = json.loads(data)
        changed = False
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            new = _strip_piece(source)
            if new is not None:
                cell["source"] = new.rstrip("\n").splitlines(True)
                changed = True
        return json.dumps(notebook, indent=1).encode("utf-8") if changed else None
    text = data.decode("utf-8")
    pieces, last, changed = [], 0, False
    for match in _FENCE.finditer(text):
        new = _strip_piece(match.group("code"))
        if new is None:
            continue
        pieces += [text[last:match.start("code")], new]
        last = match.end("code")
        changed = True
    return ("".join(pieces) + text[last:]).encode("utf-8") if changed else None
