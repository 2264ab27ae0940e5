"""One pass over a module that records scopes and bindings, in program order.

This is a light binding analysis (in the spirit of pyflakes): every name binding (import, assignment
with its unpacking path, parameter, def, class, loop target ...) is recorded with the scope it lives
in, its position and its *control path* — the chain of compound-statement branches that contain it —
so that the facts layer can tell which bindings reach a use. ``self.x = ...`` inside methods is
recorded on the class. Nothing here evaluates anything.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

from tf_lint.tree import CHILD_FIELDS, child_fields

# A control path: ((compound statement node, field name), ...), outermost first.
Control = Tuple[Tuple[ast.AST, str], ...]
LOOPS = (ast.For, ast.AsyncFor, ast.While)


@dataclass(eq=False)
class Binding:
    name: str
    # import | assign | param | def | class | iter (loop target) | augment (``x += v``: ``value`` is ``v``,
    # ``node`` the statement) | bound (with, except: unknown)
    kind: str
    order: Tuple[int, int]  # position after which the binding is visible
    scope: "Scope"
    control: Control = ()
    value: Optional[ast.expr] = None  # right-hand side (assign), annotation (param)
    path: Tuple[int, ...] = ()  # unpacking path into value: (0,) for ``a`` in ``a, b = ...``
    qualname: Optional[str] = None  # imports
    node: Optional[ast.AST] = None  # the def / class / import node


@dataclass(eq=False)
class Scope:
    kind: str  # module | function | class | lambda | comprehension
    node: ast.AST
    parent: Optional["Scope"]
    bindings: Dict[str, List[Binding]] = field(default_factory=dict)
    global_names: set = field(default_factory=set)
    returns: List[ast.expr] = field(default_factory=list)  # function scopes
    self_name: Optional[str] = None  # methods: the name of the first parameter
    # class scopes: ``self.<attr> = value`` anywhere in the class's methods
    self_attrs: Dict[str, List[Binding]] = field(default_factory=dict)
    # the module scope: the modules of its ``from X import *`` statements, in order
    star_imports: List[str] = field(default_factory=list)

    def add(self, binding: Binding) -> None:
        self.bindings.setdefault(binding.name, []).append(binding)

    @property
    def class_scope(self) -> Optional["Scope"]:
        return self.parent if self.self_name and self.parent and self.parent.kind == "class" else None


@dataclass(frozen=True)
class Use:
    scope: Scope
    control: Control


class ScopeBuilder(ast.NodeVisitor):
    def __init__(self, tree: ast.Module) -> None:
        self.module = Scope("module", tree, None)
        self.scope = self.module
        self.control: Control = ()
        self.uses: Dict[int, Use] = {}  # id(Name node, Load context) -> where it is used
        self.scope_of_def: Dict[int, Scope] = {}  # id(FunctionDef/ClassDef/Lambda) -> its scope
        self._use = Use(self.scope, self.control)  # shared by the names read where it holds
        self.visit(tree)

    # ``ast.NodeVisitor``'s dispatch, without its per-node string building and ``iter_fields``: this
    # pass runs over every node of every file that mentions transformers.
    _methods: Dict[type, Optional[Callable]] = {}

    def visit(self, node: ast.AST) -> None:
        cls = node.__class__
        try:
            method = self._methods[cls]
        except KeyError:
            method = self._methods[cls] = getattr(type(self), "visit_" + cls.__name__, None)
        if method is None:
            self.generic_visit(node)
        else:
            method(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        AST, visit = ast.AST, self.visit
        fields = CHILD_FIELDS.get(node.__class__)
        if fields is None:
            fields = child_fields(node.__class__)
        for name in fields:  # not names, contexts or operators: nothing to visit there
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, AST):
                        visit(item)
            elif isinstance(value, AST):
                visit(value)

    # --- helpers -------------------------------------------------------------------------------
    def _bind(self, name: str, kind: str, order, **kw) -> None:
        scope = self.module if name in self.scope.global_names else self.scope
        scope.add(Binding(name, kind, order, scope=self.scope, control=self.control, **kw))

    def _visit_block(self, owner: ast.AST, field_name: str, stmts) -> None:
        saved = self.control
        self.control = saved + ((owner, field_name),)
        for stmt in stmts:
            self.visit(stmt)
        self.control = saved

    def _bind_target(self, target: ast.AST, value: Optional[ast.expr], order, kind="assign", path=()) -> None:
        if isinstance(target, ast.Name):
            self._bind(target.id, kind, order, value=value, path=path, node=target)
        elif isinstance(target, (ast.Tuple, ast.List)):
            starred = False
            for i, elt in enumerate(target.elts):
                if isinstance(elt, ast.Starred):
                    starred = True
                    self._bind_target(elt.value, None, order, kind="bound")
                else:
                    # after a starred element the index is unknown
                    self._bind_target(elt, None if starred else value, order, kind, path + (i,))
        elif isinstance(target, ast.Starred):
            self._bind_target(target.value, None, order, kind="bound")
        elif isinstance(target, ast.Attribute):
            self.visit(target.value)
            self._bind_self_attr(target, value, order, path, kind)
        else:  # subscripts: visit their expressions
            self.visit(target)

    def _bind_self_attr(self, target: ast.Attribute, value, order, path, kind="assign") -> None:
        scope = self.scope
        cls = scope.class_scope
        if cls is not None and isinstance(target.value, ast.Name) and target.value.id == scope.self_name:
            cls.self_attrs.setdefault(target.attr, []).append(
                Binding(target.attr, kind if value is not None else "bound", order, scope=scope,
                        control=self.control, value=value, path=path, node=target)
            )

    @staticmethod
    def _end(node: ast.AST) -> Tuple[int, int]:
        return (node.end_lineno, node.end_col_offset)

    # --- scopes --------------------------------------------------------------------------------
    def _function(self, node) -> None:
        for deco in getattr(node, "decorator_list", ()):
            self.visit(deco)
        args = node.args
        for default in list(args.defaults) + [d for d in args.kw_defaults if d is not None]:
            self.visit(default)
        if not isinstance(node, ast.Lambda):
            for arg in _all_args(args):
                if arg.annotation is not None:
                    self.visit(arg.annotation)
            if node.returns is not None:
                self.visit(node.returns)
            self._bind(node.name, "def", (node.lineno, node.col_offset), node=node)
        scope = Scope("lambda" if isinstance(node, ast.Lambda) else "function", node, self.scope)
        positional = args.posonlyargs + args.args
        is_static = any(
            isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")
            for d in getattr(node, "decorator_list", ())
        )
        if self.scope.kind == "class" and positional and not is_static:
            scope.self_name = positional[0].arg
        self.scope_of_def[id(node)] = scope
        saved_scope, saved_control = self.scope, self.control
        self.scope, self.control = scope, ()
        for arg in _all_args(args):
            scope.add(Binding(arg.arg, "param", (0, 0), scope=scope, value=arg.annotation, node=arg))
        if isinstance(node, ast.Lambda):
            self.visit(node.body)
            scope.returns.append(node.body)
        else:
            for stmt in node.body:
                self.visit(stmt)
        self.scope, self.control = saved_scope, saved_control

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for expr in node.decorator_list + node.bases + [k.value for k in node.keywords]:
            self.visit(expr)
        scope = Scope("class", node, self.scope)
        self.scope_of_def[id(node)] = scope
        saved_scope, saved_control = self.scope, self.control
        self.scope, self.control = scope, ()
        for stmt in node.body:
            self.visit(stmt)
        self.scope, self.control = saved_scope, saved_control
        self._bind(node.name, "class", self._end(node), node=node)

    def visit_Global(self, node: ast.Global) -> None:
        self.scope.global_names.update(node.names)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None:
            self.visit(node.value)
            self.scope.returns.append(node.value)

    # --- bindings ------------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        order = self._end(node)
        for alias in node.names:
            if alias.asname:
                self._bind(alias.asname, "import", order, qualname=alias.name, node=node)
            else:
                top = alias.name.split(".")[0]
                self._bind(top, "import", order, qualname=top, node=node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:  # relative imports: the project's own modules, resolved by astroid if ever
            base = "." * node.level + (node.module or "")
        else:
            base = node.module or ""
        order = self._end(node)
        for alias in node.names:
            if alias.name == "*":
                self.module.star_imports.append(base)
                continue
            self._bind(alias.asname or alias.name, "import", order, qualname=f"{base}.{alias.name}", node=node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self._bind_target(target, node.value, self._end(node))

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.visit(node.annotation)
        if node.value is not None:
            self.visit(node.value)
            self._bind_target(node.target, node.value, self._end(node))
        elif not isinstance(node.target, ast.Name):
            self.visit(node.target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            self.visit(ast.copy_location(ast.Name(node.target.id, ast.Load()), node.target))
            self._bind(node.target.id, "augment", self._end(node), value=node.value, node=node)
        else:
            self.visit(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self._bind_target(node.target, node.value, self._end(node))

    def _loop(self, node) -> None:
        self.visit(node.iter)
        # ``iter``: the value is one item of ``value`` (a DataLoader's batch, say), found by the facts.
        self._bind_target(node.target, node.iter, self._end(node.target), kind="iter")
        self._visit_block(node, "body", node.body)
        self._visit_block(node, "orelse", node.orelse)

    visit_For = visit_AsyncFor = _loop

    def visit_While(self, node: ast.While) -> None:
        self.visit(node.test)
        self._visit_block(node, "body", node.body)
        self._visit_block(node, "orelse", node.orelse)

    def visit_If(self, node: ast.If) -> None:
        self.visit(node.test)
        self._visit_block(node, "body", node.body)
        self._visit_block(node, "orelse", node.orelse)

    def _with(self, node) -> None:
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self._bind_target(item.optional_vars, None, self._end(item.optional_vars), kind="bound")
        for stmt in node.body:  # a with body runs unconditionally
            self.visit(stmt)

    visit_With = visit_AsyncWith = _with

    def _try(self, node) -> None:
        self._visit_block(node, "body", node.body)
        for handler in node.handlers:
            if handler.type is not None:
                self.visit(handler.type)
            saved = self.control
            self.control = saved + ((handler, "body"),)
            if handler.name:
                self._bind(handler.name, "bound", (handler.lineno, handler.col_offset), node=handler)
            for stmt in handler.body:
                self.visit(stmt)
            self.control = saved
        self._visit_block(node, "orelse", node.orelse)
        for stmt in node.finalbody:
            self.visit(stmt)

    visit_Try = _try
    visit_TryStar = _try

    def visit_Match(self, node) -> None:
        self.visit(node.subject)
        for case in node.cases:
            self._visit_block(case, "body", [case.pattern] + ([case.guard] if case.guard else []) + case.body)

    def _comprehension(self, node) -> None:
        # The first iterable is evaluated outside; the rest lives in the comprehension's own scope,
        # whose targets shadow the enclosing names (their values are unknown).
        self.visit(node.generators[0].iter)
        scope = Scope("comprehension", node, self.scope)
        saved_scope, saved_control = self.scope, self.control
        self.scope, self.control = scope, ()
        for i, gen in enumerate(node.generators):
            if i:
                self.visit(gen.iter)
            self._bind_target(gen.target, gen.iter, (0, 0), kind="iter")
            for cond in gen.ifs:
                self.visit(cond)
        for name in ("elt", "key", "value"):
            if hasattr(node, name):
                self.visit(getattr(node, name))
        self.scope, self.control = saved_scope, saved_control

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def visit_Constant(self, node: ast.Constant) -> None:
        pass  # no child nodes (``ast.NodeVisitor``'s own looks for the visitors of its old classes)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            use = self._use
            if use.scope is not self.scope or use.control is not self.control:
                use = self._use = Use(self.scope, self.control)
            self.uses[id(node)] = use
        elif isinstance(node.ctx, ast.Store):  # e.g. match captures
            self._bind(node.id, "bound", self._end(node), node=node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name):
                self._bind(target.id, "bound", self._end(node), node=node)
            else:
                self.visit(target)


def _all_args(args: ast.arguments) -> List[ast.arg]:
    result = list(args.posonlyargs) + list(args.args)
    if args.vararg:
        result.append(args.vararg)
    result += list(args.kwonlyargs)
    if args.kwarg:
        result.append(args.kwarg)
    return result
