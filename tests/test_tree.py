"""The document's one traversal (tf_lint.tree): it answers what walking the tree would, in the same
orders, so that the questions reading it instead of walking give the same answers."""

import ast
import glob
import os
import sys

import pytest

from tf_lint.tree import TreeIndex

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)

EVERY_FORM = '''
import a.b as c, d
from ..e import f as g, h
@deco(1)
async def fn(x: "int", /, y=2, *args, z, w=-3, **kw) -> list[int]:
    global q
    async with ctx() as (u, v), other:
        async for i in aiter():
            await i
    try:
        del u[1:2:3], v.attr
    except (ValueError, TypeError) as e:
        raise RuntimeError("m") from e
    else:
        pass
    finally:
        return [j async for j in y if j if not j] or {k: v for k, v in kw.items()} or {*args}
class K(Base, metaclass=Meta):
    attr: int = 1
    def m(self):
        self.x += 1; yield from (t for t in range(3)); yield
        lam = lambda p, *, q=1: p if q else not p
        assert lam, f"{self.x!r:>{width}} {1 + 2 * 3 ** -4 // 5 % 6 @ m}"
        while a < b <= c != d is not e in f:
            break
        else:
            continue
        return (n := 5), ..., b"x", 1j, a and b or c, ~a, +a, a[1, ::2], *args
match command:
    case {"a": 1, **rest}:
        pass
    case [1, *others] if others:
        pass
    case Point(x=0, y=yy) | None as z:
        pass
    case True | -1 | 1.5 | "s":
        pass
'''


def _source_order(tree):
    """Every node, parents before children, fields in order (the engine's traversal before the index)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        todo.extend(reversed(list(ast.iter_child_nodes(node))))


def _sources():
    files = sorted(glob.glob(os.path.join(ROOT, "fixtures", "*", "*.py")))[:40]
    files += sorted(glob.glob(os.path.join(ROOT, "tf_lint", "analysis", "*.py")))
    texts = [("every form", EVERY_FORM)]
    if sys.version_info >= (3, 12):
        texts.append(("3.12 forms", "type Alias[T: int, *Ts, **P] = list[T]\ndef f[T](x: T) -> T: ...\n"
                                    "class C[T](B): pass\n"))
    return texts + [(path, open(path, encoding="utf-8").read()) for path in files]


@pytest.mark.parametrize("name,text", _sources(), ids=lambda value: os.path.basename(str(value))[:40])
def test_the_index_answers_what_walking_would(name, text):
    tree = ast.parse(text)
    index = TreeIndex(tree)
    walked = list(ast.walk(tree))
    in_source_order = [n for n in _source_order(tree) if not isinstance(n, SHARED)]
    assert index.source_order == in_source_order
    assert index.nodes() == walked  # shared contexts and operators included, as ast.walk gives them
    for types in (ast.Call, ast.stmt, ast.expr, (ast.Name, ast.Attribute, ast.FunctionDef), ast.Load,
                  (ast.Assign, ast.AnnAssign), (ast.Call, ast.Add)):
        assert index.nodes(types) == [n for n in walked if isinstance(n, types)], types
    for types in (ast.Call, (ast.Import, ast.ImportFrom, ast.Attribute), ast.stmt):
        assert index.in_source_order(types) == [n for n in in_source_order if isinstance(n, types)], types
    assert index.parent(tree) is None
    for node in walked:
        if isinstance(node, SHARED):
            continue
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, SHARED):
                assert index.parent(child) is node
                assert list(index.ancestors(child))[0] is node
                assert list(index.ancestors(child))[-1] is tree


def test_each_kind_is_gathered_once():
    index = TreeIndex(ast.parse("f(g(1))\nx = h()\n"))
    assert index.nodes(ast.Call) is index.nodes(ast.Call)
    assert [n.func.id for n in index.nodes(ast.Call)] == ["f", "h", "g"]  # ast.walk's breadth-first order
    assert [n.func.id for n in index.in_source_order(ast.Call)] == ["f", "g", "h"]
