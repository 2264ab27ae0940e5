"""The order in which a module's statements run, as far as the file shows it.

Module-level statements run top to bottom; a class body runs where it is defined; a function body
runs where a call to it appears (functions defined in this file and called by name, inlined once per
call site, without recursion). Both branches of an ``if`` are walked, in source order: the result is
the statements that *may* run, each at the first point it may run. This is what rules about "X
happened before Y" (environment variables set too late) need.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator, List, Tuple

from tf_lint.analysis.values import LocalFunction

if TYPE_CHECKING:  # pragma: no cover
    from tf_lint.analysis.facts import Facts

_MAX_INLINE_DEPTH = 4
_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def run_order(tree: ast.Module, facts: "Facts") -> Iterator[Tuple[ast.stmt, Tuple[ast.AST, ...]]]:
    """Yield (statement, call chain) in run order. The call chain holds the module-level statement
    and the calls through which the statement was reached (empty path for module statements)."""
    yield from _block(tree.body, facts, (), ())


def run_order_of_body(function: ast.AST, facts: "Facts") -> Iterator[Tuple[ast.stmt, Tuple[ast.AST, ...]]]:
    """Yield (statement, call chain) for a function's body run on its own (as when code outside the
    file calls it): its statements in order, local functions it calls inlined, as ``run_order`` does.
    The chain starts with the function."""
    yield from _block(function.body, facts, (function,), (id(function),))


def _block(stmts: List[ast.stmt], facts: "Facts", chain: Tuple[ast.AST, ...],
           active: Tuple[int, ...]) -> Iterator[Tuple[ast.stmt, Tuple[ast.AST, ...]]]:
    for stmt in stmts:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for deco in stmt.decorator_list:
                yield from _calls_in(deco, facts, chain, active)
            continue  # the body runs when called
        # Calls in the statement's own expressions run before the statement completes.
        for expr in own_expressions(stmt):
            yield from _calls_in(expr, facts, chain + (stmt,), active)
        yield stmt, chain
        for field in ("body", "orelse", "handlers", "finalbody", "cases"):
            children = getattr(stmt, field, None)
            if not children or (field == "body" and _type_checking_only(stmt)):
                continue
            if field == "handlers":
                for handler in children:
                    yield from _block(handler.body, facts, chain, active)
            elif field == "cases":
                for case in children:
                    yield from _block(case.body, facts, chain, active)
            else:
                yield from _block(children, facts, chain, active)


def own_expressions(stmt: ast.stmt) -> List[ast.AST]:
    """The expressions of a statement outside its nested blocks (an ``if``'s test, not its body)."""
    result = []
    for name, value in ast.iter_fields(stmt):
        if name in ("body", "orelse", "handlers", "finalbody", "cases", "decorator_list"):
            continue
        if isinstance(value, ast.AST):
            result.append(value)
        elif isinstance(value, list):
            result.extend(v for v in value if isinstance(v, ast.AST))
    return result


def _calls_in(expr: ast.AST, facts: "Facts", chain: Tuple[ast.AST, ...],
              active: Tuple[int, ...]) -> Iterator[Tuple[ast.stmt, Tuple[ast.AST, ...]]]:
    """Inline the bodies of local functions called in ``expr``."""
    if len(active) >= _MAX_INLINE_DEPTH:
        return
    for node in walk_no_scopes(expr):
        if isinstance(node, ast.Call):
            callee = facts.value(node.func)
            if isinstance(callee, LocalFunction) and isinstance(callee.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if id(callee.node) in active:
                    continue  # recursion
                yield from _block(callee.node.body, facts, chain + (node,), active + (id(callee.node),))


def walk_no_scopes(node: ast.AST) -> Iterator[ast.AST]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        for child in reversed(list(ast.iter_child_nodes(current))):
            if not isinstance(child, _NESTED_SCOPES):
                stack.append(child)


def _type_checking_only(stmt: ast.stmt) -> bool:
    """``if TYPE_CHECKING:`` bodies never run."""
    if not isinstance(stmt, ast.If):
        return False
    test = stmt.test
    name = test.attr if isinstance(test, ast.Attribute) else test.id if isinstance(test, ast.Name) else None
    return name == "TYPE_CHECKING"
