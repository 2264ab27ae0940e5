"""One traversal of a parsed document, and the indexes the questions about it read instead of walking
the tree again.

The engine builds a :class:`TreeIndex` once per document, dispatches every rule from its nodes, and
hands it to the facts layer, which asks it for every node of a kind (``every call``), for a node's
parent, and builds its name indexes from it.

The parser gives every tree the same object for each expression context (``Load``, ``Store``,
``Del``) and operator (``Add``, ``And``, ``Eq`` ...): those are no place in the code, have no one
parent, and are not indexed. A question that could match one of them (``nodes(ast.AST)``) walks the
tree, so that :meth:`TreeIndex.nodes` always answers what ``ast.walk`` would.
"""

from __future__ import annotations

import ast
import itertools
from typing import Dict, Iterator, List, Optional, Tuple

_SHARED = (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)
# Fields that never hold a node we index: names and other plain values, and the shared contexts and
# operators. ``name`` is a node only in ``TypeAlias`` (Python 3.12); ``value`` is plain only in
# ``Constant`` and ``MatchSingleton``.
_PLAIN_FIELDS = frozenset({"id", "attr", "arg", "name", "asname", "module", "level", "kind", "type_comment",
                           "simple", "is_async", "conversion", "tag", "lineno", "ctx", "op", "ops"})
CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}  # by node class, filled by ``child_fields``
_REVERSED_FIELDS: Dict[type, Tuple[str, ...]] = {}  # the same, last first (the traversal's stack order)


def child_fields(cls: type) -> Tuple[str, ...]:
    """The fields of a node class that can hold the nodes a traversal visits."""
    fields = CHILD_FIELDS.get(cls)
    if fields is not None:
        return fields
    plain = set(_PLAIN_FIELDS)
    if cls.__name__ == "TypeAlias":
        plain.discard("name")
    if cls.__name__ in ("Constant", "MatchSingleton"):
        plain.add("value")
    fields = CHILD_FIELDS[cls] = tuple(f for f in cls._fields if f not in plain)
    return fields


class TreeIndex:
    __slots__ = ("tree", "source_order", "_depths", "_parents", "_of_class", "_of_type")

    def __init__(self, tree: ast.AST) -> None:
        self.tree = tree
        # Every indexed node in source order, parents before children (the order rules see them in).
        self.source_order: List[ast.AST] = []
        self._depths: Dict[int, int] = {}  # by node ``id``, filled by ``depth`` when asked
        self._parents: Dict[int, ast.AST] = {}
        self._of_class: Dict[type, List[int]] = {}  # positions in ``source_order``, by node class
        self._of_type: Dict[object, List[ast.AST]] = {}
        self._index(tree)

    def _index(self, tree: ast.AST) -> None:
        AST, table = ast.AST, _REVERSED_FIELDS
        parents, of_class = self._parents, self._of_class
        add_node = self.source_order.append
        # A stack: each node's children are pushed last field first, last item first, so that they are
        # popped in source order.
        todo: List[ast.AST] = [tree]
        pop, push = todo.pop, todo.append
        position = 0
        while todo:
            node = pop()
            add_node(node)
            cls = node.__class__
            fields = table.get(cls)
            if fields is None:
                fields = table[cls] = tuple(reversed(child_fields(cls)))
            positions = of_class.get(cls)
            if positions is None:
                of_class[cls] = [position]
            else:
                positions.append(position)
            position += 1
            for name in fields:
                value = getattr(node, name, None)
                if value.__class__ is list:
                    for item in reversed(value):
                        if isinstance(item, AST):
                            parents[id(item)] = node
                            push(item)
                elif isinstance(value, AST):
                    parents[id(value)] = node
                    push(value)

    def depth(self, node: ast.AST) -> int:
        """How many parents ``node`` has (0 for the tree), from the parents, remembered on the way:
        asked only for the nodes a question in ``ast.walk`` order wants."""
        depths, parents = self._depths, self._parents
        chain = []
        found = depths.get(id(node))
        while found is None:
            chain.append(node)
            node = parents.get(id(node))
            if node is None:
                found = -1
                break
            found = depths.get(id(node))
        for step in reversed(chain):
            found += 1
            depths[id(step)] = found
        return found

    def _positions(self, types) -> List[int]:
        """The positions in ``source_order`` of the nodes that are instances of ``types``, ascending."""
        lists = [positions for cls, positions in self._of_class.items() if issubclass(cls, types)]
        if len(lists) == 1:
            return lists[0]
        return sorted(itertools.chain.from_iterable(lists))

    def in_source_order(self, types) -> List[ast.AST]:
        """Every node that is an instance of ``types``, in source order (as rules see them)."""
        nodes = self.source_order
        return [nodes[i] for i in self._positions(types)]

    def nodes(self, types=ast.AST) -> List[ast.AST]:
        """Every node that is an instance of ``types`` (a class or a tuple), in ``ast.walk`` order."""
        found = self._of_type.get(types)
        if found is None:
            classes = types if isinstance(types, tuple) else (types,)
            if any(issubclass(shared, cls) or issubclass(cls, shared) for cls in classes for shared in _SHARED):
                found = [n for n in ast.walk(self.tree) if isinstance(n, types)]
            else:  # the source order of those nodes, sorted by depth (stably): their ``ast.walk`` order
                found = sorted(self.in_source_order(types), key=self.depth)
            self._of_type[types] = found
        return found

    @property
    def parents(self) -> Dict[int, ast.AST]:
        """Each indexed node's parent, by the node's ``id`` (for loops that ask it of many nodes)."""
        return self._parents

    def parent(self, node: ast.AST) -> Optional[ast.AST]:
        """The node whose field holds ``node`` (None for the tree itself, or a node not in the tree)."""
        return self._parents.get(id(node))

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        """The parents of ``node``, nearest first, up to the tree."""
        parents = self._parents
        parent = parents.get(id(node))
        while parent is not None:
            yield parent
            parent = parents.get(id(parent))
