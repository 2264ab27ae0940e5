"""The package's modules form floors: no module imports, directly or through others, a module that
imports it back.

The graph is read statically with ``ast`` from every module of ``tf_lint``, without importing any. Every
``import`` statement counts wherever it stands: at module level, inside a function (a lazy import, kept
lazy for start-up time, still says which floor leans on which), and under ``if TYPE_CHECKING:`` (a type
the module needs is part of what it depends on). ``from tf_lint.x import y`` is an edge to the
submodule ``tf_lint.x.y`` when ``y`` is one, else to ``tf_lint.x``. What is not an edge: importing a
submodule does not count as importing its parent packages, and a module named by a computed string
(``importlib.import_module``: the registry loading rule modules by their table) is plugin loading, not
a floor's dependency.
"""

import ast
import os
from typing import Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "tf_lint"

Edges = Dict[str, Dict[str, int]]  # module -> {imported module: first line importing it}


def package_modules(root: str = ROOT, package: str = PACKAGE) -> Dict[str, str]:
    """Every module of ``package`` under ``root``, dotted name -> file."""
    modules: Dict[str, str] = {}
    for folder, dirs, files in os.walk(os.path.join(root, package)):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            dotted = os.path.relpath(path, root)[:-3].replace(os.sep, ".")
            if dotted.endswith(".__init__"):
                dotted = dotted[: -len(".__init__")]
            modules[dotted] = path
    return modules


def _known(name: Optional[str], modules: Dict[str, str]) -> Optional[str]:
    """The nearest module of the package that ``name`` is or lies in (``None`` outside it)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph(modules: Dict[str, str]) -> Edges:
    edges: Edges = {}
    for module, path in modules.items():
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), filename=path)
        is_package = path.endswith("__init__.py")
        found: Dict[str, int] = {}

        def add(target: Optional[str], line: int) -> None:
            if target and target != module:
                found[target] = min(line, found.get(target, line))

        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    add(_known(alias.name, modules), node.lineno)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module if is_package else module.rpartition(".")[0]
                    for _ in range(node.level - 1):
                        base = base.rpartition(".")[0]
                    source = f"{base}.{node.module}" if node.module else base
                else:
                    source = node.module or ""
                for alias in node.names:
                    submodule = f"{source}.{alias.name}"
                    add(submodule if submodule in modules else _known(source, modules), node.lineno)
        edges[module] = found
    return edges


def find_cycle(edges: Edges) -> Optional[List[str]]:
    """One cycle of the graph as the list of its modules (first repeated at the end), or ``None``."""
    state: Dict[str, int] = {}  # 1: on the current path, 2: done
    path: List[str] = []
    for start in sorted(edges):
        if state.get(start):
            continue
        stack: List[Tuple[str, List[str]]] = [(start, sorted(edges[start]))]
        state[start] = 1
        path.append(start)
        while stack:
            node, todo = stack[-1]
            if not todo:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = todo.pop(0)
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if not state.get(nxt) and nxt in edges:
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(edges[nxt])))
    return None


def describe(cycle: List[str], edges: Edges) -> str:
    steps = [f"{a} (line {edges[a][b]}) -> {b}" for a, b in zip(cycle, cycle[1:])]
    return "import cycle: " + "; ".join(steps)


def test_the_module_graph_has_no_cycle():
    edges = import_graph(package_modules())
    cycle = find_cycle(edges)
    assert cycle is None, describe(cycle, edges)


def test_the_graph_sees_every_kind_of_import(tmp_path):
    """The reader itself: a cycle through each kind of import is found (so the test above can fail)."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from . import leaf\n")
    (pkg / "sub" / "leaf.py").write_text("def f():\n    from pkg.top import g\n")  # lazy, absolute
    (pkg / "top.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                "    from .other import h\n")  # relative, type-only
    (pkg / "other.py").write_text("import pkg.sub.leaf as leaf\n")
    (pkg / "alone.py").write_text("import os\nimport importlib\nimportlib.import_module('pkg.top')\n")
    modules = package_modules(str(tmp_path), "pkg")
    edges = import_graph(modules)
    assert edges["pkg.sub"] == {"pkg.sub.leaf": 1}
    assert edges["pkg.alone"] == {}
    cycle = find_cycle(edges)
    assert cycle is not None and cycle[0] == cycle[-1]
    assert set(cycle) == {"pkg.sub.leaf", "pkg.top", "pkg.other"}
    assert "pkg.sub.leaf (line 2) -> pkg.top" in describe(cycle, edges)
    (pkg / "other.py").write_text("import os\n")
    assert find_cycle(import_graph(package_modules(str(tmp_path), "pkg"))) is None
