"""The one shared answer to "what does this expression hold?".

Built lazily on first question, from the binding analysis in ``scopes``: names resolve to the bindings
that can reach them (the last unconditional one and any conditional ones after it), imports to
qualified names, calls of Transformers classes' factories to models, calls of functions defined in the
document to what they return, ``self.x`` to what the class's methods assign to it. Whenever reaching
values disagree, or anything on the way is unknown, the answer is ``None``.
"""

from __future__ import annotations

import ast
from typing import Dict, List, Optional, Sequence, Tuple

from tf_lint.analysis.scopes import LOOPS, Binding, Control, Scope, ScopeBuilder
from tf_lint.analysis import flows, objects, runtime
from tf_lint.analysis.values import (
    Constant,
    ImportedName,
    Instance,
    LocalClass,
    LocalFunction,
    Model,
    ModelOutput,
    TupleValue,
    Value,
    join,
)
from tf_lint.knowledge.classes import MODEL_FACTORIES, SELF_RETURNING, model_framework
from tf_lint.tree import TreeIndex

_MAX_DEPTH = 40
_PENDING = object()
_CYCLE = object()  # in the memo while an expression is evaluated: asked again meanwhile, it is unknown


_TRY_NODES = (ast.Try,) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())


class Facts(objects.ObjectFacts, flows.FlowFacts, runtime.RunTimeFacts):
    def __init__(self, tree: ast.Module, path: Optional[str] = None, index: Optional[TreeIndex] = None) -> None:
        self.tree = tree
        self.path = path  # the checked file: where the project's other modules are found
        # The document's one traversal (the engine's, else made on first use): every question that
        # scans the whole document (every call, every assignment, a node's parent) reads it.
        self._index = index
        self._builder: Optional[ScopeBuilder] = None
        self._memo: Dict[int, Optional[Value]] = {}
        self._binding_memo: Dict[int, object] = {}
        self._in_progress: set = set()  # ids of the bindings being evaluated
        self._evaluating: set = set()  # ids of the expressions being evaluated
        self._depth = 0
        self._modules_held: Optional[set] = None  # see ``may_hold_module``
        self._packages_named: Optional[set] = None  # see ``may_hold_names_of``
        self._init_object_facts()
        self._init_flow_facts()
        self._init_run_time_facts()

    @property
    def scopes(self) -> ScopeBuilder:
        if self._builder is None:
            self._builder = ScopeBuilder(self.tree)
        return self._builder

    @property
    def index(self) -> TreeIndex:
        if self._index is None:
            self._index = TreeIndex(self.tree)
        return self._index

    def nodes(self, types=ast.AST) -> List[ast.AST]:
        """Every node of the document that is an instance of ``types`` (a class or a tuple), in
        ``ast.walk`` order (expression contexts aside: see :mod:`tf_lint.tree`), from the document's
        one traversal."""
        return self.index.nodes(types)

    # --- public questions ----------------------------------------------------------------------
    def value(self, expr: Optional[ast.AST]) -> Optional[Value]:
        """What ``expr`` holds, or None when unknown."""
        if expr is None:
            return None
        key = id(expr)
        known = self._memo.get(key, _PENDING)
        if known is not _PENDING:
            return None if known is _CYCLE else known  # type: ignore[return-value]
        if self._depth > _MAX_DEPTH:
            return None
        self._memo[key] = _CYCLE  # cycles resolve to unknown
        self._depth += 1
        self._evaluating.add(key)
        try:
            result = self._evaluate(expr)
        finally:
            self._depth -= 1
            self._evaluating.discard(key)
        self._memo[key] = result
        return result

    def settled(self, expr: ast.AST) -> bool:
        """Whether ``value(expr)`` is final: evaluated, and not being evaluated now (what a question
        read while it was being evaluated may still change when it completes)."""
        key = id(expr)
        known = self._memo.get(key, _PENDING)
        return known is not _PENDING and known is not _CYCLE and key not in self._evaluating

    def constant(self, expr: Optional[ast.AST]) -> Optional[Value]:
        """``value(expr)``, and for a name imported from another module of the project
        (``from .settings import MODEL_NAME``) the constant it holds there (see
        :mod:`tf_lint.analysis.project`). Asked by rules that want a string or number, so that the
        other module is read only for them."""
        value = self.value(expr)
        if isinstance(value, ImportedName) and self.path and isinstance(expr, ast.Name):
            from tf_lint.analysis import project

            found = project.imported_constant(self.path, value.qualname)
            if found is not None:
                return Constant(found)
        return value

    def assigned_expression(self, name: ast.Name) -> Optional[ast.expr]:
        """The right-hand side of the one plain assignment that reaches ``name``, if exactly one does
        (``device = torch.device("cuda")`` for a later ``device``): for questions about expressions
        the value model does not cover."""
        use = self.scopes.uses.get(id(name))
        if use is None:
            return None
        bindings = self._reaching(name.id, use.scope, use.control, (name.lineno, name.col_offset))
        if len(bindings) == 1 and bindings[0].kind == "assign" and not bindings[0].path:
            return bindings[0].value
        return None

    def iterated_expression(self, name: ast.Name) -> Optional[ast.expr]:
        """``(iterable, path)``'s iterable for the one ``for`` (or comprehension) binding that reaches
        ``name``, if exactly one does: ``loader`` for ``batch`` in ``for batch in loader:`` (path ``()``)
        and in ``for step, batch in enumerate(loader):`` (the caller reads the path from
        :meth:`iterated_path`)."""
        binding = self._iter_binding(name)
        return binding.value if binding is not None else None

    def iterated_path(self, name: ast.Name) -> Optional[Tuple[int, ...]]:
        """Where ``name`` sits in the loop's target (``()`` for the whole item, ``(1,)`` for ``batch`` in
        ``for step, batch in ...``), for the binding :meth:`iterated_expression` reads."""
        binding = self._iter_binding(name)
        return tuple(binding.path) if binding is not None else None

    def _iter_binding(self, name: ast.Name):
        use = self.scopes.uses.get(id(name))
        if use is None:
            return None
        bindings = self._reaching(name.id, use.scope, use.control, (name.lineno, name.col_offset))
        if len(bindings) == 1 and bindings[0].kind == "iter" and bindings[0].value is not None:
            return bindings[0]
        return None

    def unpacked_from(self, name: ast.Name) -> Optional[Tuple[ast.expr, Tuple[int, ...]]]:
        """(right-hand side, unpacking path) of the one unpacking assignment that reaches ``name``
        (``model, tokenizer = setup_chat_format(model, tokenizer)``: the call and ``(0,)`` for ``model``)."""
        use = self.scopes.uses.get(id(name))
        if use is None:
            return None
        bindings = self._reaching(name.id, use.scope, use.control, (name.lineno, name.col_offset))
        if len(bindings) == 1 and bindings[0].kind == "assign" and bindings[0].path and bindings[0].value is not None:
            return bindings[0].value, bindings[0].path
        return None

    def qualified_name(self, expr: ast.AST) -> Optional[str]:
        """``transformers.TFAutoModel`` for any expression that names an imported object."""
        value = self.value(expr)
        return value.qualname if isinstance(value, ImportedName) else None

    def model(self, expr: ast.AST) -> Optional[Model]:
        value = self.value(expr)
        return value if isinstance(value, Model) else None

    def class_framework(self, value: Optional[Value]) -> Optional[str]:
        """The framework of a Transformers model *class* (imported, or a local subclass of one)."""
        if isinstance(value, ImportedName):
            return model_framework(value.qualname)
        if isinstance(value, LocalClass):
            key = id(value.node)
            cached = self._binding_memo.get(key, _PENDING)
            if cached is not _PENDING:
                return cached  # type: ignore[return-value]
            self._binding_memo[key] = None
            frameworks = {self.class_framework(self.value(base)) for base in value.node.bases}
            frameworks.discard(None)
            result = frameworks.pop() if len(frameworks) == 1 else None
            self._binding_memo[key] = result
            return result
        return None

    # --- evaluation ----------------------------------------------------------------------------
    def _evaluate(self, expr: ast.AST) -> Optional[Value]:
        if isinstance(expr, ast.Constant):
            return Constant(expr.value)
        if isinstance(expr, ast.Name):
            return self._name(expr)
        if isinstance(expr, ast.Attribute):
            return self._attribute(expr)
        if isinstance(expr, ast.Call):
            return self._call(expr)
        if isinstance(expr, (ast.Tuple, ast.List)) and not any(isinstance(e, ast.Starred) for e in expr.elts):
            return TupleValue(tuple(self.value(e) for e in expr.elts))
        if isinstance(expr, ast.NamedExpr):
            return self.value(expr.value)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, _ARITHMETIC):
            folded = _fold(expr.op, self.value(expr.left), self.value(expr.right))
            if folded is not None:
                return folded
        if isinstance(expr, ast.Await):
            return None
        return self._evaluate_more(expr)

    def _name(self, node: ast.Name) -> Optional[Value]:
        use = self.scopes.uses.get(id(node))
        if use is None:
            return None
        bindings = self._reaching(node.id, use.scope, use.control, (node.lineno, node.col_offset))
        if not bindings:
            return self.star_imported(node)
        # ``x = x.cuda()`` in a loop: while that binding is being evaluated, the ``x`` it reads holds
        # what the other bindings give it (the joins at the later uses still see them all).
        bindings = [b for b in bindings if id(b) not in self._in_progress]
        if not bindings:
            return None
        bindings = self._past_unknown_fallbacks(bindings)
        joined = self._join_around(node, bindings, later=(node.lineno, node.col_offset))
        if joined is None and len(bindings) > 1:
            return self.padded_when_short(node.id, bindings)
        return joined

    def binding_values(self, expr: ast.expr) -> Optional[List[Optional[Value]]]:
        """What each binding that can reach ``expr`` (a name, or ``self.<attr>`` in a method) gives it,
        before they are joined; None when ``expr`` is neither."""
        if isinstance(expr, ast.Name):
            use = self.scopes.uses.get(id(expr))
            if use is None:
                return None
            bindings = self._reaching(expr.id, use.scope, use.control, (expr.lineno, expr.col_offset))
        elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            use = self.scopes.uses.get(id(expr.value))
            scope = _method_of_self(use.scope, expr.value.id) if use else None
            if (scope is None or scope.class_scope is None or expr.value.id != scope.self_name
                    or scope.bindings.get(expr.value.id, [None])[1:]):
                return None
            cls = scope.class_scope
            bindings = list(cls.self_attrs.get(expr.attr, ())) + list(cls.bindings.get(expr.attr, ()))
        else:
            return None
        bindings = [b for b in bindings if id(b) not in self._in_progress]
        return [self._binding_value(b) for b in self._past_unknown_fallbacks(bindings)]

    def _past_unknown_fallbacks(self, bindings: List[Binding]) -> List[Binding]:
        """``bindings`` less those in an ``except`` handler whose value is unknown, when a binding in the
        body of the same ``try`` reaches too and its value is known (``try: model =
        AutoModel.from_pretrained(p)`` / ``except ...: model = torch.load(f)``): the body's binding is what
        the name holds whenever the ``try`` body runs through, the path the code is written for; the
        handler runs only when it fails. An ``if``/``else`` choice of another object is not a fallback
        and still joins to unknown, as does a handler whose value is known and differs."""
        if len(bindings) < 2:
            return bindings
        tries = {id(owner): owner for b in bindings for owner, field in b.control
                 if field == "body" and isinstance(owner, _TRY_NODES)}
        if not tries:
            return bindings
        known_tries = set()
        for b in bindings:
            for owner, field in b.control:
                if field == "body" and id(owner) in tries and self._binding_value(b) is not None:
                    known_tries.add(id(owner))
        if not known_tries:
            return bindings
        kept = []
        for b in bindings:
            fallback = any(isinstance(owner, ast.ExceptHandler) and field == "body"
                           and any(owner in tries[t].handlers for t in known_tries)
                           for owner, field in b.control)
            if fallback and self._binding_value(b) is None:
                continue
            kept.append(b)
        return kept or bindings

    def _reaching(self, name: str, scope: Scope, control: Control, pos) -> List[Binding]:
        """The bindings of ``name`` that can be current at ``pos`` in ``scope``."""
        if name in scope.global_names:
            return list(self.scopes.module.bindings.get(name, ()))
        own = scope.bindings.get(name)
        if own:
            result: List[Binding] = []
            dominator: Optional[Binding] = None
            for binding in reversed(own):  # the bindings before ``pos``, latest first
                if binding.order > pos:
                    continue
                result.append(binding)
                if binding.control == control[: len(binding.control)]:
                    dominator = binding
                    break  # this one dominates the use: nothing earlier reaches it
            # Inside a loop, a binding later in the same loop reaches the next iteration, unless the
            # loop's own target rebinds the name at the start of every iteration. A loop around that
            # one comes back to the use only through its header too, so it rebinds the name as well.
            rebinding_depth = -1
            if dominator is not None and dominator.kind == "iter":
                for i, (owner, _) in enumerate(control):
                    if isinstance(owner, LOOPS) and getattr(owner, "iter", None) is dominator.value:
                        rebinding_depth = i
            for i, (owner, _) in enumerate(control):
                if isinstance(owner, LOOPS):
                    if i <= rebinding_depth:
                        continue
                    prefix = control[: i + 1]
                    result += [b for b in own if b.order > pos and b.control[: i + 1] == prefix]
            if scope.kind != "module" or result:
                return result
            return []
        # Not bound here: the enclosing function and module scopes (class bodies are not enclosing).
        parent = scope.parent
        while parent is not None and parent.kind == "class":
            parent = parent.parent
        if parent is None:
            return []
        return list(parent.bindings.get(name, ())) or self._reaching_outer(name, parent)

    def _reaching_outer(self, name: str, scope: Scope) -> List[Binding]:
        parent = scope.parent
        while parent is not None and parent.kind == "class":
            parent = parent.parent
        if parent is None:
            return []
        return list(parent.bindings.get(name, ())) or self._reaching_outer(name, parent)

    def _binding_value(self, binding: Binding) -> Optional[Value]:
        key = id(binding)
        cached = self._binding_memo.get(key, _PENDING)
        if cached is not _PENDING:
            return cached  # type: ignore[return-value]
        self._binding_memo[key] = None
        self._in_progress.add(key)
        try:
            result = self._evaluate_binding(binding)
        finally:
            self._in_progress.discard(key)
        self._binding_memo[key] = result
        return result

    def _evaluate_binding(self, binding: Binding) -> Optional[Value]:
        result: Optional[Value] = None
        if binding.kind == "import":
            result = ImportedName(binding.qualname) if binding.qualname else None
        elif binding.kind == "assign":
            # A field of a dataclass that an argument parser reads is a command-line option.
            option = self.parsed_field(binding) if binding.scope.kind == "class" else None
            filled = flows.NOT_FILLED if option is not None else self.filled_container(binding)
            if option is not None:
                result = option
            elif filled is not flows.NOT_FILLED:
                result = filled
            else:
                # ``a, b = x.cuda(), y.cuda()``: ``a`` holds what its own element holds (evaluating the
                # whole tuple would also evaluate ``y.cuda()``, which may be what is being asked).
                element = flows.element_of(binding.value, binding.path) if binding.path else None
                if element is not None:
                    result = self.value(element)
                else:
                    result = _project(self.value(binding.value), binding.path)
        elif binding.kind == "augment":
            result = self.augmented(binding)
        elif binding.kind == "def":
            result = LocalFunction(binding.name, binding.node)
        elif binding.kind == "class":
            result = LocalClass(binding.name, binding.node)
        elif binding.kind == "iter" and binding.value is not None:
            result = _project(self.iterate(binding.value), binding.path)
        elif binding.kind == "param":
            if binding.value is not None:
                result = self._instance_of(self._annotation(binding.value, binding.scope))
            if result is None:
                result = self.command_parameter(binding)
            if result is None:
                result = self.parameter_at_call_sites(binding)
        return result

    def _right_hand_side_evaluating(self, binding: Binding) -> bool:
        element = flows.element_of(binding.value, binding.path) if binding.path else None
        return id(binding.value) in self._evaluating or (element is not None and id(element) in self._evaluating)

    def _annotation(self, annotation: ast.expr, scope: Scope) -> Optional[Value]:
        """Resolve a parameter annotation, including a string one, to the class it names."""
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            try:
                parsed = ast.parse(annotation.value.strip(), mode="eval").body
            except (SyntaxError, ValueError, MemoryError, RecursionError):  # any string may be there
                return None
            return self._resolve_detached(parsed, scope.parent or scope)
        if isinstance(annotation, ast.Subscript):  # Optional[X]
            base = self.qualified_name(annotation.value)
            if base in ("typing.Optional", "typing_extensions.Optional"):
                return self._annotation(annotation.slice, scope)
            return None
        return self.value(annotation)

    def _resolve_detached(self, expr: ast.expr, scope: Scope) -> Optional[Value]:
        """Evaluate a dotted name that is not part of the tree (from a string annotation)."""
        parts: List[str] = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None
        bindings = list(scope.bindings.get(expr.id, ())) or self._reaching_outer(expr.id, scope)
        value = join([self._binding_value(b) for b in bindings]) if bindings else None
        for attr in reversed(parts):
            value = ImportedName(f"{value.qualname}.{attr}") if isinstance(value, ImportedName) else None
        return value

    def _instance_of(self, cls: Optional[Value]) -> Optional[Value]:
        framework = self.class_framework(cls)
        if framework is None:
            return self._annotated_instance(cls)
        return Model(framework, _class_name(cls), "annotation")

    def _attribute(self, node: ast.Attribute) -> Optional[Value]:
        base = node.value
        if isinstance(base, ast.Name):
            use = self.scopes.uses.get(id(base))
            scope = _method_of_self(use.scope, base.id) if use else None
            # ``self.x`` in a method (or in a function nested in one, where ``self`` is the method's):
            # what the class's methods (or its body) assign to ``x``.
            if scope is not None and scope.class_scope is not None and base.id == scope.self_name:
                if not scope.bindings.get(base.id, [None])[1:]:  # ``self`` not rebound
                    return self._self_attribute(scope.class_scope, node.attr, node)
        value = self.value(base)
        if isinstance(value, ImportedName):
            return ImportedName(f"{value.qualname}.{node.attr}")
        return self._attribute_of(value, node)

    def _self_attribute(self, cls: Scope, attr: str, node: Optional[ast.expr] = None) -> Optional[Value]:
        bindings = list(cls.self_attrs.get(attr, ())) + list(cls.bindings.get(attr, ()))
        # ``self.m = DataParallel(self.m)``: while that binding is being evaluated, ``self.m`` on its
        # right-hand side holds what the other bindings give it (the outer join still sees them all).
        bindings = [b for b in bindings if id(b) not in self._in_progress]
        if not bindings:
            return None
        if node is not None:
            return self._join_around(node, bindings)
        return join([self._binding_value(b) for b in bindings])

    def _join_around(self, node: ast.expr, bindings: List[Binding], later: Optional[tuple] = None) -> Optional[Value]:
        """The join of what ``bindings`` give ``node``, where some of them may hold ``node`` in their own
        right-hand side (``x = x.cuda()`` later in a loop, ``self.m = DataParallel(self.m)``): ``node``
        holds what the others give it, and, from then on, what those compute from it; both are joined.
        ``later``: only bindings after this position can hold ``node`` (names; None for attributes)."""
        own = [b for b in bindings if b.value is not None and (later is None or b.order > later)
               and _contains(b.value, node)]
        # An own binding whose right-hand side is being evaluated right now is what that evaluation
        # computes from ``node``: it adds nothing here.
        bindings = [b for b in bindings if not (b in own and self._right_hand_side_evaluating(b))]
        own = [b for b in own if b in bindings]
        if not bindings:
            return None
        if own and len(own) < len(bindings):
            first = join([self._binding_value(b) for b in bindings if b not in own])
            self._memo[id(node)] = first
            return join([first] + [self._binding_value(b) for b in own])
        return join([self._binding_value(b) for b in bindings])

    def may_hold_module(self, module: str) -> bool:
        """Whether any expression of the document can hold the module ``module`` itself: only a name that
        ``import module`` (``as`` an alias, or ``import module.sub``) binds, or ``__import__("module")``,
        evaluates to it (``ImportedName(module)``). False lets a question about every expression (is
        this attribute read on ``transformers``?) skip evaluating them all."""
        found = self._modules_held
        if found is None:
            found = self._modules_held = set()
            for node in self.index.in_source_order(ast.Import):
                for alias in node.names:
                    found.add(alias.name if alias.asname else alias.name.split(".")[0])
            for call in self.index.in_source_order(ast.Call):
                func = call.func
                if (isinstance(func, ast.Name) and func.id == "__import__" and call.args
                        and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
                    found.add(call.args[0].value)
        return module in found

    def may_hold_names_of(self, package: str) -> bool:
        """Whether any expression of the document can hold a name of ``package`` (the package itself or
        anything in it: ``ImportedName`` with a qualified name ``package`` or ``package.X``). Only an
        absolute import of it (``import package[.sub] [as y]``, ``from package[.sub] import X`` or
        ``*``) or ``__import__("package...")`` brings one in; every other qualified name is built from
        those (an attribute of one). False tells a rule whose every finding needs an object of the
        package (a Transformers model, tokenizer or collator) that no expression needs evaluating."""
        found = self._packages_named
        if found is None:
            found = self._packages_named = set()
            for node in self.index.in_source_order(ast.Import):
                for alias in node.names:
                    found.add(alias.name.split(".")[0])
            for node in self.index.in_source_order(ast.ImportFrom):
                if not node.level and node.module:
                    found.add(node.module.split(".")[0])
            for call in self.index.in_source_order(ast.Call):
                func = call.func
                if (isinstance(func, ast.Name) and func.id == "__import__" and call.args
                        and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
                    found.add(call.args[0].value.split(".")[0])
        return package in found

    def _name_is_bound(self, node: ast.Name) -> bool:
        """Whether the file binds ``node``'s name anywhere it could be seen (a builtin otherwise)."""
        use = self.scopes.uses.get(id(node))
        scope = use.scope if use else self.scopes.module
        while scope is not None:
            if node.id in scope.bindings:
                return True
            scope = scope.parent
        return False

    def _call(self, node: ast.Call) -> Optional[Value]:
        func = node.func
        if (isinstance(func, ast.Name) and func.id == "__import__" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                and not self._name_is_bound(func)):
            # ``__import__("os")`` (what a notebook's ``%env`` is masked into) is the module itself.
            return ImportedName(node.args[0].value)
        if isinstance(func, ast.Name) and func.id == "map" and not self._name_is_bound(func):
            return self.mapped(node)
        if isinstance(func, ast.Attribute):
            found = self._method_call(node, func)
            if found is not None:
                return found
            if func.attr in MODEL_FACTORIES:
                owner = self.value(func.value)
                framework = self.class_framework(owner)
                if framework is not None:
                    return Model(framework, _class_name(owner), func.attr.lstrip("_"), _checkpoint_arg(node))
            if func.attr in SELF_RETURNING:
                owner = self.value(func.value)
                if isinstance(owner, Model) and owner.framework == "pt":
                    return owner
                if isinstance(owner, Instance) and self.module_method_returns_self(owner, func.attr):
                    return owner
        callee = self.value(func)
        if isinstance(callee, LocalFunction):
            scope = self.scopes.scope_of_def.get(id(callee.node))
            if scope is None or not scope.returns or isinstance(callee.node, ast.AsyncFunctionDef):
                return None
            return join([self.value(r) for r in scope.returns])
        framework = self.class_framework(callee)
        if framework is not None:
            return Model(framework, _class_name(callee), "constructor")
        if isinstance(callee, Model):
            return ModelOutput(callee, node)
        return self._call_of(callee, node)


def _contains(outer: ast.expr, node: ast.expr) -> bool:
    """Whether ``node`` lies inside ``outer`` (by source position)."""
    start = (outer.lineno, outer.col_offset)
    end = (getattr(outer, "end_lineno", None) or outer.lineno, getattr(outer, "end_col_offset", None) or 0)
    node_end = (getattr(node, "end_lineno", None) or node.lineno, getattr(node, "end_col_offset", None) or 0)
    return start <= (node.lineno, node.col_offset) and node_end <= end


def _method_of_self(scope: Scope, name: str) -> Scope:
    """The method whose first parameter ``name`` is, when ``name`` is read in ``scope`` or in functions
    nested in that method that do not bind ``name`` themselves; else ``scope``."""
    found = scope
    while found.self_name != name and name not in found.bindings and found.kind in ("function", "lambda",
                                                                                    "comprehension"):
        if found.parent is None:
            return scope
        found = found.parent
    return found if found.self_name == name else scope


def _class_name(value: Optional[Value]) -> Optional[str]:
    if isinstance(value, ImportedName):
        return value.qualname
    if isinstance(value, LocalClass):
        return value.name
    return None


def _checkpoint_arg(call: ast.Call) -> Optional[ast.expr]:
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    for kw in call.keywords:
        if kw.arg in ("pretrained_model_name_or_path", "config"):
            return kw.value
    return None


def _project(value: Optional[Value], path: Sequence[int]) -> Optional[Value]:
    for index in path:
        if not isinstance(value, TupleValue) or index >= len(value.items):
            return None
        value = value.items[index]
    return value


_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Div, ast.Mod, ast.Pow)


def _fold(op: ast.operator, left: Optional[Value], right: Optional[Value]) -> Optional[Value]:
    """Constant arithmetic on numbers (``2 * BATCH``, ``BLOCK // 2``), bounded so that a huge power
    cannot stall the linter."""
    if not (isinstance(left, Constant) and isinstance(right, Constant)):
        return None
    a, b = left.value, right.value
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b)):
        return None
    if any(isinstance(x, int) and x.bit_length() > 256 for x in (a, b)):
        return None  # `A1 = A0 * A0` repeated doubles the digits each time: no real size is that big
    try:
        if isinstance(op, ast.Pow):
            if abs(b) > 64 or abs(a) > 2 ** 32:
                return None
            return Constant(a ** b)
        return Constant({ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                         ast.FloorDiv: lambda: a // b, ast.Div: lambda: a / b, ast.Mod: lambda: a % b}[type(op)]())
    except (ZeroDivisionError, OverflowError, KeyError):
        return None
