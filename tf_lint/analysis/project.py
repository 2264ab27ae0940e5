"""Constants imported from the project's other modules, inferred by astroid, lazily.

``from .settings import MODEL_NAME`` leaves the local data flow of one file with nothing to say about
``MODEL_NAME``. This module answers for that one case: the imported module is a file of the project
(a relative import, or a module beside the importing file or beside its top-level package), the name
is bound there at module level by a plain assignment whose right-hand side calls nothing, and astroid
infers exactly one ``str`` / ``int`` / ``float`` / ``bool`` for it.

What it costs is paid only then: the other module is first read with ``ast`` (cached per file) to see
whether the name is such an assignment at all — a function, class or import never loads astroid.
astroid builds modules from source and never imports them; a denylist keeps it out of the large
libraries (``transformers``, ``torch``...), which it would otherwise parse whole (181 s cold for
transformers). The file read is noted (``tf_lint.deps``) so that a cached result is dropped when it
changes.
"""

from __future__ import annotations

import ast
import os
from typing import Dict, List, Optional, Tuple, Union

from tf_lint import deps

# Libraries astroid must never build: slow to parse, and never where a project's constants live.
DENYLIST = frozenset({
    "transformers", "torch", "tensorflow", "tf_keras", "keras", "jax", "jaxlib", "flax", "datasets",
    "accelerate", "peft", "trl", "diffusers", "huggingface_hub", "tokenizers", "safetensors", "numpy",
    "pandas", "scipy", "sklearn", "sentence_transformers", "evaluate", "deepspeed", "bitsandbytes",
})
Scalar = Union[str, int, float, bool]
_MISSING = object()
_assignments: Dict[Tuple[str, int, int], Dict[str, ast.expr]] = {}
_inferred: Dict[Tuple[str, int, int, str], object] = {}


def module_file(importer: str, module: Optional[str], level: int) -> Optional[str]:
    """The project file that ``from <level dots><module> import ...`` in ``importer`` reads, if any."""
    if not importer or importer == "-":
        return None
    parts = (module or "").split(".") if module else []
    here = os.path.dirname(os.path.abspath(importer))
    if level:
        base = here
        for _ in range(level - 1):
            base = os.path.dirname(base)
        roots = [base]
    else:
        if not parts or parts[0] in DENYLIST:
            return None
        roots = [here]  # a script's own folder comes first on sys.path
        top = here
        while os.path.isfile(os.path.join(top, "__init__.py")):
            top = os.path.dirname(top)
        if top != here:
            roots.append(top)  # beside the importing file's top-level package
    for root in roots:
        path = os.path.join(root, *parts)
        for candidate in (path + ".py", os.path.join(path, "__init__.py")):
            if parts and os.path.isfile(candidate):
                return candidate
        if not parts and os.path.isfile(os.path.join(root, "__init__.py")):
            return os.path.join(root, "__init__.py")
    return None


def imported_constant(importer: str, qualname: str) -> Optional[Scalar]:
    """The constant that ``qualname`` (``.settings.MODEL_NAME``, ``app.settings.MODEL_NAME``: what a
    ``from ... import`` in file ``importer`` bound) holds in the project module it names."""
    dotted = qualname.lstrip(".")
    level = len(qualname) - len(dotted)
    module, _, name = dotted.rpartition(".")
    if not name:
        return None
    path = module_file(importer, module or None, level)
    if path is None or os.path.abspath(path) == os.path.abspath(importer):
        return None
    deps.note(path)
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (path, st.st_mtime_ns, st.st_size)
    value = _plain_assignments(key).get(name)
    if value is None or any(isinstance(n, (ast.Call, ast.Lambda, ast.Await, ast.Yield, ast.NamedExpr))
                            for n in ast.walk(value)):
        return None
    if isinstance(value, ast.Constant):  # the common case needs no inference
        found = value.value
        return found if isinstance(found, (str, int, float, bool)) else None
    found = _inferred.get(key + (name,), _MISSING)
    if found is _MISSING:
        found = _inferred[key + (name,)] = _infer(path, name)
    return found  # type: ignore[return-value]


def _plain_assignments(key: Tuple[str, int, int]) -> Dict[str, ast.expr]:
    """Module-level ``NAME = value`` of a file, for names bound nowhere else in it: a second binding
    anywhere (``if DEBUG: NAME = ...``, ``NAME += ...``, a ``global NAME`` in a function, an import, a
    loop) makes the value depend on the run, so the name is left alone."""
    found = _assignments.get(key)
    if found is None:
        found = {}
        try:
            with open(key[0], "rb") as f:
                tree = ast.parse(f.read())
        except (OSError, SyntaxError, ValueError, MemoryError, RecursionError):
            tree = ast.Module(body=[], type_ignores=[])
        bindings: Dict[str, int] = {}
        for node in ast.walk(tree):
            names: List[str] = []
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                names = [node.id]
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names = [node.name]
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [(a.asname or a.name).split(".")[0] for a in node.names]
            elif isinstance(node, ast.Global):
                names = list(node.names)  # assigned in a function: counted twice with its store
            for name in names:
                bindings[name] = bindings.get(name, 0) + 1
        for stmt in tree.body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else \
                [stmt.target] if isinstance(stmt, ast.AnnAssign) and stmt.value is not None else []
            if len(targets) == 1 and isinstance(targets[0], ast.Name) and bindings.get(targets[0].id) == 1:
                found[targets[0].id] = stmt.value
        _assignments[key] = found
    return found


def _infer(path: str, name: str) -> Optional[Scalar]:
    try:
        import astroid
        from astroid.manager import AstroidManager

        manager = AstroidManager()
        manager.module_denylist.update(DENYLIST)
        module = manager.ast_from_file(path)
        values = list(module.igetattr(name))
    except Exception:  # astroid's InferenceError, a file it cannot build, RecursionError: unknown
        return None
    if len(values) != 1 or not isinstance(values[0], astroid.nodes.Const):
        return None
    value = values[0].value
    return value if isinstance(value, (str, int, float, bool)) else None
