"""Facts about what reaches a name that the file does not build in plain sight.

Real code passes models and tokenizers into functions, pads inside a ``Dataset``'s ``__getitem__`` or a
collate function, and reads the batch back out of a ``DataLoader``. Each kind of evidence here is one
function, mixed into ``Facts``:

- ``tokenizer_call_by_keywords``: a call whose callee is unknown is a tokenizer call when it passes
  a tokenizer's own keywords (``padding=`` with ``truncation=``, ``return_tensors=`` or ``max_length=``).
- ``parameter_at_call_sites``: a parameter holds what every call site of its function in the file
  passes, when the function is only ever called there (never passed around, never decorated).
- ``dataset_item``: what one item of a ``Dataset`` defined in the file holds (its ``__getitem__``
  returns).
- ``collate_function_batch``: what a collate function defined in the file returns.
- ``default_collated``: a ``DataLoader``'s batch made by the default collation of such items.
- ``forward_fills_attention_mask``: a model class defined in the file whose ``forward`` builds the
  mask itself when it is not given (``if attention_mask is None: attention_mask = ids != pad``).

Every answer may be ``None``: unknown (evidence or silence).
"""

from __future__ import annotations

import ast
from typing import Dict, List, Optional, Tuple

from tf_lint.analysis.scopes import Binding
from tf_lint.analysis.values import (
    Encoding,
    EncodingField,
    HandPadded,
    Instance,
    LocalClass,
    LocalFunction,
    Model,
    Record,
    TupleValue,
    Value,
    join,
)

# A tokenizer's own keywords: ``padding=`` and one of these make a call a tokenizer call.
TOKENIZER_KEYWORDS = frozenset({"truncation", "return_tensors", "max_length"})
_UNRESOLVED = object()


class FlowFacts:
    """Mixed into ``Facts`` (which provides ``value``, ``scopes``, ``_binding_value`` ...)."""

    def _init_flow_facts(self) -> None:
        self._references: Optional[Dict[str, List[Tuple[ast.AST, Optional[ast.Call]]]]] = None

    # --- a call is a tokenizer call by its keywords ----------------------------------------------
    @staticmethod
    def tokenizer_call_by_keywords(call: ast.Call) -> bool:
        """Whether ``call`` is a tokenizer call whatever its callee: it has a text (a first positional
        argument or ``text=``), asks for ``padding=`` and passes one more keyword only tokenizers take
        together with it (``truncation=``, ``return_tensors=``, ``max_length=``). ``nn.Conv2d(padding=1)``
        and ``F.pad`` take ``padding`` alone; a processor called on text is a tokenizer call too."""
        names = {k.arg for k in call.keywords}
        if None in names or "padding" not in names or not names & TOKENIZER_KEYWORDS:
            return False
        has_text = bool(call.args) and not isinstance(call.args[0], ast.Starred)
        return has_text or "text" in names

    # --- a parameter holds what its call sites pass --------------------------------------------
    def parameter_at_call_sites(self, binding: Binding) -> Optional[Value]:
        """What every call site of the parameter's function in this file passes for it (their common
        value), or None: when the function is decorated, is referred to anywhere other than as the
        callee of a call that resolves to it (passed as a callback, called on an object of unknown
        type, ``functools.partial``), has no call site, or a call site passes ``*args``/``**kwargs``
        or leaves the parameter to a default the file cannot read."""
        scope = binding.scope
        function = scope.node
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or function.decorator_list:
            return None
        arg = binding.node
        args = function.args
        if arg is args.vararg or arg is args.kwarg:
            return None
        positional = list(args.posonlyargs) + list(args.args)
        index = next((i for i, a in enumerate(positional) if a is arg), None)
        if index is None and arg not in args.kwonlyargs:
            return None
        if scope.self_name is not None and index == 0:
            return None  # ``self``
        sites = self._call_sites(function, scope)
        if not sites:
            return None
        values = []
        for call, shift in sites:
            expr = self._argument_at(call, function, arg, index, shift)
            if expr is None:
                return None
            values.append(self.value(expr))
        return join(values)

    def _call_sites(self, function: ast.AST, scope) -> Optional[List[Tuple[ast.Call, int]]]:
        """The calls of ``function`` (with how many leading parameters they bind implicitly), or None
        when some reference to its name is not such a call."""
        is_init = function.name == "__init__" and scope.self_name is not None
        owner = scope.parent.node if is_init and scope.parent is not None else None
        name = owner.name if owner is not None else function.name
        sites: List[Tuple[ast.Call, int]] = []
        for node, call in self._references_to(name):
            if node is function or node is owner:
                continue
            if call is None:
                return None
            callee = self.value(call.func)
            if owner is not None:
                if not (isinstance(callee, LocalClass) and callee.node is owner):
                    return None
                sites.append((call, 1))
            elif isinstance(callee, LocalFunction) and callee.node is function:
                bound = scope.self_name is not None and isinstance(call.func, ast.Attribute)
                sites.append((call, 1 if bound else 0))
            else:
                return None
        return sites

    def _references_to(self, name: str) -> List[Tuple[ast.AST, Optional[ast.Call]]]:
        """Every def/class named ``name`` and every load of ``name`` (as a name or an attribute), with
        the call it is the callee of, if it is one."""
        if self._references is None:
            found: Dict[str, List[Tuple[ast.AST, Optional[ast.Call]]]] = {}
            callees = {}
            for node in ast.walk(self.tree):
                if isinstance(node, ast.Call):
                    callees[id(node.func)] = node
            for node in ast.walk(self.tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    found.setdefault(node.name, []).append((node, None))
                elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store):
                    found.setdefault(node.id, []).append((node, callees.get(id(node))))
                elif isinstance(node, ast.Attribute):
                    found.setdefault(node.attr, []).append((node, callees.get(id(node))))
            self._references = found
        return self._references.get(name, [])

    def _argument_at(self, call: ast.Call, function, arg: ast.arg, index: Optional[int],
                     shift: int) -> Optional[ast.expr]:
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return None
        for keyword in call.keywords:
            if keyword.arg == arg.arg:
                return keyword.value
        args = function.args
        if index is not None:
            if 0 <= index - shift < len(call.args):
                return call.args[index - shift]
            positional = list(args.posonlyargs) + list(args.args)
            first_default = len(positional) - len(args.defaults)
            if index >= first_default:
                return args.defaults[index - first_default]
            return None
        default = args.kw_defaults[args.kwonlyargs.index(arg)]
        return default

    # --- datasets, collate functions and the default collation ----------------------------------
    def dataset_item(self, dataset: Optional[Value]) -> Optional[Value]:
        """What one item of ``dataset`` holds, when it is an instance of a class defined in the file
        whose own ``__getitem__`` returns it (all its ``return``s agree)."""
        if not isinstance(dataset, Instance):
            return None
        for statement in dataset.cls.node.body:
            if isinstance(statement, ast.FunctionDef) and statement.name == "__getitem__":
                return self._returned(statement)
        return None

    def collate_function_batch(self, collate: Optional[Value]) -> Optional[Value]:
        """What a collate function defined in the file returns for a batch (its ``return``s agree)."""
        if isinstance(collate, LocalFunction) and isinstance(collate.node, ast.FunctionDef):
            return self._returned(collate.node)
        return None

    def _returned(self, function: ast.FunctionDef) -> Optional[Value]:
        scope = self.scopes.scope_of_def.get(id(function))
        if scope is None or not scope.returns:
            return None
        return join([self.value(r) for r in scope.returns])

    def default_collated(self, item: Optional[Value]) -> Optional[Value]:
        """The batch ``torch.utils.data.default_collate`` makes of ``Dataset`` items: a tuple or a
        mapping of the stacked fields. The ids of one item padded to ``max_length`` (or by hand) are
        padded ids of the batch; an item padded to its own longest text (``padding=True`` on one
        text) pads nothing, so what the batch holds is unknown."""
        if isinstance(item, TupleValue):
            return TupleValue(tuple(self.default_collated(v) for v in item.items))
        if isinstance(item, Record):
            return Record(tuple((k, self.default_collated(v)) for k, v in item.items))
        if isinstance(item, HandPadded):
            return item
        if isinstance(item, (EncodingField, Encoding)):
            encoding = item.encoding if isinstance(item, EncodingField) else item
            if encoding.padded and encoding.batch is not True and not self._pads_to_max_length(encoding):
                return None
            return item
        return None

    def _pads_to_max_length(self, encoding: Encoding) -> bool:
        call = encoding.origin
        if not isinstance(call, ast.Call):
            return False
        for keyword in call.keywords:
            if keyword.arg == "padding":
                return self._padding(keyword.value) == "max_length"
            if keyword.arg == "pad_to_max_length":
                flag = self.value(keyword.value)
                return getattr(flag, "value", None) is True
        return False

    # --- a model class of the file that fills in the mask itself ---------------------------------
    def forward_fills_attention_mask(self, model: Model) -> bool:
        """Whether ``model`` is an instance of a class defined in the file whose own ``forward`` takes
        ``attention_mask`` and assigns it in its body (it derives the mask when none is passed)."""
        if not model.cls or "." in model.cls:
            return False
        for binding in self.scopes.module.bindings.get(model.cls, ()):
            if binding.kind != "class" or not isinstance(binding.node, ast.ClassDef):
                continue
            for statement in binding.node.body:
                if isinstance(statement, ast.FunctionDef) and statement.name == "forward":
                    names = {a.arg for a in statement.args.args + statement.args.kwonlyargs}
                    if "attention_mask" in names and _assigns(statement, "attention_mask"):
                        return True
        return False


def _assigns(function: ast.FunctionDef, name: str) -> bool:
    for node in ast.walk(function):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
    return False
