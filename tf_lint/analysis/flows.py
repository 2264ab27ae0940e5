"""Facts about what reaches a name that the file does not build in plain sight.

Real code passes models and tokenizers into functions, pads inside a ``Dataset``'s ``__getitem__`` or a
collate function, and reads the batch back out of a ``DataLoader``. Each kind of evidence here is one
function, mixed into ``Facts``:

- ``tokenizer_call_by_keywords``: a call whose callee is unknown is a tokenizer call when it passes
  a tokenizer's own keywords (``padding=`` or ``pad_to_max_length=``, with ``truncation=``,
  ``return_tensors=`` or ``max_length=``).
- ``parameter_at_call_sites``: a parameter holds what every call site of its function in the file
  passes, when the function is only ever called there (never passed around, never decorated).
- ``dataset_item``: what one item of a ``Dataset`` defined in the file holds (its ``__getitem__``
  returns).
- ``collate_function_batch``: what a collate function defined in the file returns.
- ``default_collated``: a ``DataLoader``'s batch made by the default collation of such items.
- ``forward_fills_attention_mask``: a model class defined in the file whose ``forward`` builds the
  mask itself when it is not given (``if attention_mask is None: attention_mask = ids != pad``).
- ``filled_container``: a list bound to ``[]`` that the code fills with ``.append(row)`` (or a dict bound
  to ``{}`` filled with ``d[key] = value``) holds rows of one kind: ``Rows``.
- ``stacked_rows``: ``torch.tensor(rows)``, ``torch.cat(rows)``, ``torch.stack(rows)`` of such rows is
  the batch they make (rows padded to ``max_length``, or by hand, make a padded batch).
- ``literal_of_name``: the list literal a name holds, when its one assignment reaches the use and the
  file never changes the list in place.
- ``star_imported``: a name that nothing in the file binds, in a file whose only ``import *`` is
  ``from transformers import *``, is that export of transformers.
- The call sites of a ``torch.nn.Module`` subclass's ``forward`` are the calls of its instances
  (``model(ids)`` runs ``forward(ids)``); ``super(Cls, self)`` is not a use of the class.

Every answer may be ``None``: unknown (evidence or silence).
"""

from __future__ import annotations

import ast
import builtins
import re
from typing import Dict, List, Optional, Set, Tuple

from tf_lint.analysis.scopes import Binding
from tf_lint.analysis.values import (
    Batches,
    Collator,
    Constant,
    Encoding,
    EncodingField,
    HandPadded,
    ImportedName,
    Instance,
    LocalClass,
    LocalFunction,
    Model,
    Record,
    Rows,
    TupleValue,
    Value,
    join,
)

# A tokenizer's own keywords: ``padding=`` and one of these make a call a tokenizer call.
TOKENIZER_KEYWORDS = frozenset({"truncation", "return_tensors", "max_length"})
# ``padding=``, or its transformers 2.x-4.x spelling ``pad_to_max_length=`` (a keyword only tokenizers take).
PADDING_KEYWORDS = frozenset({"padding", "pad_to_max_length"})
_UNRESOLVED = object()
# ``filled_container``'s answer for a binding that is not an empty container the code fills.
NOT_FILLED = object()
# Calls that make one tensor of a sequence of rows: each row becomes one row of the batch
# (``torch.cat`` of rows shaped ``(1, n)``, ``torch.stack`` / ``torch.tensor`` of rows shaped ``(n,)``).
STACKING = frozenset({"torch.tensor", "torch.as_tensor", "torch.LongTensor", "torch.IntTensor", "torch.cat",
                      "torch.concat", "torch.concatenate", "torch.stack", "torch.vstack", "numpy.array",
                      "numpy.asarray", "numpy.stack", "numpy.vstack", "numpy.concatenate"})
# ``Dataset.from_dict({"input_ids": rows, ...})``: a dataset whose items hold one row of each column.
DICT_DATASETS = frozenset({"datasets.Dataset.from_dict", "datasets.arrow_dataset.Dataset.from_dict"})
# Functions that split each of their positional arguments into two parts (train, test), in order.
SPLITS = frozenset({"sklearn.model_selection.train_test_split"})
# Trainers whose forward takes the items of ``train_dataset`` / ``eval_dataset`` through
# ``data_collator`` (transformers 5.24 ``Trainer.__init__``: model, args, data_collator, train_dataset,
# eval_dataset); without a collator, a ``processing_class`` / ``tokenizer`` that pads makes it
# ``DataCollatorWithPadding``, else ``default_data_collator``.
TRAINERS = frozenset({"transformers.Trainer", "transformers.trainer.Trainer", "transformers.Seq2SeqTrainer",
                      "transformers.trainer_seq2seq.Seq2SeqTrainer"})
# Tensors of one value throughout: as an attention mask they mask no position.
CONSTANT_MASKS = frozenset({"torch.ones_like", "torch.zeros_like", "torch.ones", "torch.zeros", "numpy.ones_like",
                            "numpy.zeros_like", "numpy.ones", "numpy.zeros", "tensorflow.ones_like",
                            "tensorflow.zeros_like", "tensorflow.ones", "tensorflow.zeros"})
# ``tf.data.Dataset.from_tensor_slices(x)``: a dataset of the rows of ``x`` (of each element of a tuple).
TF_SLICES = frozenset({"tensorflow.data.Dataset.from_tensor_slices"})
# Methods of a ``tf.data`` dataset that keep its items as they are.
TF_DATASET_SAME = frozenset({"shuffle", "repeat", "prefetch", "cache", "take", "skip"})
# The main layers of Transformers' TF models (``TFBertMainLayer``): their call takes ``attention_mask`` as
# the models' does.
_MAIN_LAYER = re.compile(r"^transformers\.TF\w+MainLayer$")
_TRAINER_PARAMETERS = ("model", "args", "data_collator", "train_dataset", "eval_dataset")
DEFAULT_COLLATORS = frozenset({"transformers.default_data_collator",
                               "transformers.data.data_collator.default_data_collator"})
# Methods of a list or dict that read it (anything else called on it may change it).
_READING_METHODS = frozenset({"append", "get", "keys", "values", "items", "index", "count", "copy"})
# What changes a list or dict in place (also when called on one of its elements, a nested list).
_CHANGING_METHODS = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
                               "update", "setdefault", "popitem", "setitem", "change"})
MODULE_BASES = frozenset({"torch.nn.Module", "torch.nn.modules.module.Module"})
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class FlowFacts:
    """Mixed into ``Facts`` (which provides ``value``, ``scopes``, ``_binding_value`` ...)."""

    def _init_flow_facts(self) -> None:
        self._references: Optional[Dict[str, List[Tuple[ast.AST, Optional[ast.Call]]]]] = None
        self._container_ops: Optional[Dict[tuple, List[Tuple[str, ast.AST, Optional[ast.expr]]]]] = None
        self._instance_calls: Optional[List[ast.Call]] = None
        # The calls of ``_instance_calls`` whose callee is an instance of a class of the file, by the
        # class's id: kept once every callee's value is settled (then asking again gives the same).
        self._instance_calls_by_class: Optional[Dict[int, List[ast.Call]]] = None

    # --- a call is a tokenizer call by its keywords ----------------------------------------------
    @staticmethod
    def tokenizer_call_by_keywords(call: ast.Call) -> bool:
        """Whether ``call`` is a tokenizer call whatever its callee: it has a text (a first positional
        argument or ``text=``), asks for ``padding=`` (or ``pad_to_max_length=``) and passes one more
        keyword only tokenizers take together with it (``truncation=``, ``return_tensors=``,
        ``max_length=``). ``nn.Conv2d(padding=1)``
        and ``F.pad`` take ``padding`` alone; a processor called on text is a tokenizer call too."""
        names = {k.arg for k in call.keywords}
        if None in names or not names & PADDING_KEYWORDS or not names & TOKENIZER_KEYWORDS:
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
        if function.name == "forward" and scope.class_scope is not None:
            return self._forward_call_sites(scope.class_scope.node)
        sites: List[Tuple[ast.Call, int]] = []
        for node, call in self._references_to(name):
            if node is function or node is owner:
                continue
            if owner is not None and self._is_super_argument(node, owner):
                continue  # ``super(Cls, self).__init__()`` makes no instance
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

    def _is_super_argument(self, node: ast.AST, owner: ast.ClassDef) -> bool:
        """``node`` is the first argument of a ``super(Cls, self)`` call inside the class ``owner``."""
        call = self.index.parent(node)
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "super"
                and call.args and call.args[0] is node and "super" not in self.scopes.module.bindings):
            return False
        return any(ancestor is owner for ancestor in self.index.ancestors(call))

    def _is_module_class(self, cls: ast.ClassDef) -> bool:
        """A class of the file that subclasses ``torch.nn.Module`` directly (and defines no ``__call__``):
        calling an instance runs its ``forward``."""
        if any(isinstance(s, ast.FunctionDef) and s.name == "__call__" for s in cls.body):
            return False
        return any(self.qualified_name(base) in MODULE_BASES for base in cls.bases)

    def module_method_returns_self(self, instance: Instance, method: str) -> bool:
        """``m.cuda()``, ``m.to(device)``, ``m.eval()`` ... on an instance of a ``torch.nn.Module``
        subclass of the file that does not define that method itself: ``torch.nn.Module``'s own
        method, which returns the module."""
        cls = instance.cls.node
        if any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == method for s in cls.body):
            return False
        return self._is_module_class(cls)

    def _forward_call_sites(self, cls: ast.ClassDef) -> Optional[List[Tuple[ast.Call, int]]]:
        """The calls that run ``cls.forward``: ``m(...)`` and ``m.forward(...)`` on instances of ``cls``
        (each binds ``self``), or None when there is none, when ``cls`` is not a ``torch.nn.Module`` or
        when some ``.forward`` is read on an object that may be such an instance but is not called."""
        if not self._is_module_class(cls):
            return None
        by_class = self._instance_calls_by_class
        if by_class is None:
            if self._instance_calls is None:
                self._instance_calls = [n for n in self.nodes(ast.Call)
                                        if isinstance(n.func, (ast.Name, ast.Attribute))]
            by_class = {}
            for call in self._instance_calls:
                callee = self.value(call.func)
                if isinstance(callee, Instance):
                    by_class.setdefault(id(callee.cls.node), []).append(call)
            if all(self.settled(call.func) for call in self._instance_calls):
                self._instance_calls_by_class = by_class
        sites: List[Tuple[ast.Call, int]] = [(call, 1) for call in by_class.get(id(cls), ())]
        for node, call in self._references_to("forward"):
            if not isinstance(node, ast.Attribute):
                continue  # the ``def forward`` of this and other classes; a plain name ``forward``
            base = self.value(node.value)
            mine = isinstance(base, Instance) and base.cls.node is cls
            if base is not None and not mine:
                continue  # another object's ``forward``
            if not mine or call is None:
                return None
            sites.append((call, 1))
        return sites or None

    def _references_to(self, name: str) -> List[Tuple[ast.AST, Optional[ast.Call]]]:
        """Every def/class named ``name`` and every load of ``name`` (as a name or an attribute), with
        the call it is the callee of, if it is one. Indexed in one pass for the names asked about (the
        file's functions and classes, and ``forward``); any other name is looked up alone."""
        if self._references is None:
            wanted = {node.name for node in self.nodes(_DEFINITIONS)} | {"forward"}
            self._references = self._find_references(wanted)
        if name in self._references:
            return self._references[name]
        found = self._references[name] = self._find_references({name}).get(name, [])
        return found

    def _find_references(self, wanted: Set[str]) -> Dict[str, List[Tuple[ast.AST, Optional[ast.Call]]]]:
        found: Dict[str, List[Tuple[ast.AST, Optional[ast.Call]]]] = {name: [] for name in wanted}
        parent_of = self.index.parents.get
        Name, Attribute, Call, Store = ast.Name, ast.Attribute, ast.Call, ast.Store
        for node in self.nodes(_DEFINITIONS + (ast.Name, ast.Attribute)):
            cls = node.__class__
            if cls is Name:
                key = node.id
                if key not in wanted or isinstance(node.ctx, Store):
                    continue
            elif cls is Attribute:
                key = node.attr
                if key not in wanted:
                    continue
            else:
                if node.name in wanted:
                    found[node.name].append((node, None))
                continue
            parent = parent_of(id(node))  # the call whose callee ``node`` is, if it is one
            found[key].append((node, parent if parent.__class__ is Call and parent.func is node else None))
        return found

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
        whose own ``__getitem__`` returns it (all its ``return``s agree), or a ``TensorDataset``
        (``Rows`` of the tuple of its tensors' rows)."""
        if isinstance(dataset, Rows):
            return dataset.item
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

    def padded_when_short(self, name: str, bindings: List[Binding]) -> Optional[Value]:
        """A row padded by hand in the branch of an ``if`` that tests the row's own length and cut (or left
        as it is) otherwise: ``if len(ids) > n: ids = ids[:n] else: ids += [pad] * (n - len(ids))``. Every
        row shorter than ``n`` holds pads, as with ``padding="max_length", truncation=True``: the padded
        value. Unknown when anything else may reach the use (another condition decides the padding)."""
        padded = [b for b in bindings if isinstance(self._binding_value(b), HandPadded)]
        if not padded:
            return None
        value = self._binding_value(padded[0])
        if any(self._binding_value(b) is not value for b in padded):
            return None
        guard = None
        for owner, branch in reversed(padded[0].control):
            if isinstance(owner, ast.If) and _reads_length_of(owner.test, name):
                guard = (owner, branch)
                break
        if guard is None:
            return None
        owner, branch = guard
        depth = padded[0].control.index(guard)
        start = (owner.lineno, owner.col_offset)
        for binding in bindings:
            control = binding.control
            if binding in padded:
                if control[: depth + 1] != padded[0].control[: depth + 1]:
                    return None
            elif len(control) > depth and control[depth][0] is owner:
                if control[depth][1] == branch:
                    return None  # the padded branch rebinds the row after padding it
            elif not (binding.order <= start and control == padded[0].control[: len(control)]):
                return None
        return value

    # --- containers filled one row at a time, and the batches stacked from them ------------------
    def filled_container(self, binding: Binding):
        """What a name or ``self.<attr>`` bound to an empty ``[]`` / ``{}`` holds when the code fills it:
        ``Rows`` of the common value of every ``.append(row)`` (list) or ``[key] = value`` (dict) that
        this binding reaches; None (unknown) when the rows disagree or anything else may change the
        container (``.extend``, ``.insert``, ``+=``, ``del``, an item assignment on a list); ``NOT_FILLED``
        when the binding is not an empty container, or nothing fills it (it holds the literal)."""
        if binding.kind != "assign":
            return NOT_FILLED
        empty = element_of(binding.value, binding.path)
        if isinstance(empty, ast.List) and not empty.elts:
            fill = "append"
        elif isinstance(empty, ast.Dict) and not empty.keys:
            fill = "setitem"
        else:
            return NOT_FILLED
        if isinstance(binding.node, ast.Name):
            key = ("name", binding.name)
        elif isinstance(binding.node, ast.Attribute):
            key = ("attr", binding.node.attr)
        else:
            return NOT_FILLED
        rows: List[Optional[Value]] = []
        for operation, base, value in self._container_operations().get(key, ()):
            if not self._same_container(binding, base):
                continue
            if operation != fill:
                return None
            rows.append(self.value(value))
        if not rows:
            return NOT_FILLED
        item = join(rows)
        return Rows(item, empty) if item is not None else None

    def _same_container(self, binding: Binding, base: ast.expr) -> bool:
        """Whether ``base`` (a name, or ``self.<attr>``) may hold what ``binding`` bound."""
        if isinstance(base, ast.Name):
            use = self.scopes.uses.get(id(base))
            if use is None or use.scope is not binding.scope:
                return False
            reaching = self._reaching(base.id, use.scope, use.control, (base.lineno, base.col_offset))
            return binding in reaching
        if isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name):
            use = self.scopes.uses.get(id(base.value))
            if use is None or use.scope.self_name != base.value.id:
                return False
            return use.scope.class_scope is not None and use.scope.class_scope is binding.scope.class_scope
        return False

    def _container_operations(self) -> Dict[tuple, List[Tuple[str, ast.expr, Optional[ast.expr]]]]:
        """For every name and every ``self.<attr>``: the operations the document applies to the object
        it holds: ``("append", base, row)``, ``("setitem", base, value)``, or another method's name /
        ``"change"`` (``x[i] += 1``, ``del x[i]``) with no value."""
        if self._container_ops is None:
            found: Dict[tuple, List[Tuple[str, ast.expr, Optional[ast.expr]]]] = {}

            def add(base, operation, value=None):
                if isinstance(base, ast.Subscript):  # ``x[i].append(v)``, ``x[i][j] = v``: x changes
                    if operation not in _CHANGING_METHODS:
                        return  # ``models[k].to(device)``: a method of an element, not of the container
                    while isinstance(base, ast.Subscript):
                        base = base.value
                    operation, value = "change", None
                key = _container_key(base)
                if key is not None:
                    found.setdefault(key, []).append((operation, base, value))

            for node in self.nodes((ast.Call, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Delete)):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    method = node.func.attr
                    if method == "append" and len(node.args) == 1 and not node.keywords:
                        add(node.func.value, "append", node.args[0])
                    elif method not in _READING_METHODS:
                        add(node.func.value, method)
                elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Delete)):
                    targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
                    for target in targets:
                        for sub in _subscript_targets(target):
                            if isinstance(node, ast.Assign) and sub is target:
                                add(sub.value, "setitem", node.value)
                            else:
                                add(sub.value, "change")
                        if isinstance(node, ast.AugAssign) and isinstance(target, (ast.Name, ast.Attribute)):
                            add(target, "change")
            self._container_ops = found
        return self._container_ops

    def dict_dataset(self, call: ast.Call) -> Optional[Value]:
        """``Dataset.from_dict({"input_ids": rows, "labels": y})``: ``Rows`` of a ``Record`` of one row of
        each column (a column of rows collected one at a time gives its row; a padded batch, one of its
        rows, pads and all; anything else: unknown, its key kept)."""
        mapping = call.args[0] if call.args else _keyword_of(call, "mapping")
        if not isinstance(mapping, ast.Dict) or len(call.args) > 1 or any(k is None for k in mapping.keys):
            return None
        items = []
        for key, column in zip(mapping.keys, mapping.values):
            name = self.value(key)
            if not isinstance(name, Constant) or not isinstance(name.value, str):
                return None
            value = self.value(column)
            if isinstance(value, Rows):
                value = value.item
            elif not isinstance(value, (EncodingField, HandPadded)):
                value = None
            items.append((name.value, value))
        return Rows(Record(tuple(items)), call)

    def split_rows(self, call: ast.Call) -> Optional[Value]:
        """``train_test_split(x, y, ...)``: ``(x_train, x_test, y_train, y_test)``, each part holding rows
        of the same kind as what it was split from."""
        if not call.args or any(isinstance(a, ast.Starred) for a in call.args):
            return None
        parts: List[Optional[Value]] = []
        for arg in call.args:
            value = self.value(arg)
            kept = value if isinstance(value, (Rows, EncodingField, HandPadded)) else None
            parts += [kept, kept]
        return TupleValue(tuple(parts))

    def trainer_rows(self, call: ast.Call) -> List[Tuple[str, Record]]:
        """For a ``Trainer`` / ``Seq2SeqTrainer`` call: ``(keyword, batch)`` for each dataset it is given
        whose batches are known, as the model's forward receives them. Known only when the batches
        are made by ``default_data_collator`` (no collator and no tokenizer, or named), which stacks
        the items' columns as they are, or by a padding collator (also what a tokenizer given without
        a collator makes), which pads nothing of rows already padded and adds an ``attention_mask``
        of ones over them: for this question, the columns as they are too. A collator of the
        file's own (or unknown) makes the batches unknown."""
        if any(k.arg is None for k in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args):
            return []
        collator = trainer_argument(call, "data_collator")
        if collator is not None:
            qualname = self.qualified_name(collator)
            value = self.value(collator)
            if qualname not in DEFAULT_COLLATORS and not (isinstance(value, Collator) and value.pads):
                return []
        found = []
        for keyword in ("train_dataset", "eval_dataset"):
            dataset = trainer_argument(call, keyword)
            if dataset is None:
                continue
            batch = self.default_collated(self.dataset_item(self.value(dataset)))
            if isinstance(batch, Record):
                found.append((keyword, batch))
        return found

    def tensor_slices(self, call: ast.Call) -> Optional[Value]:
        """``tf.data.Dataset.from_tensor_slices((ids, labels))``: ``Rows`` of one row of each element (a
        padded batch's row keeps its pads; anything else: unknown)."""
        if len(call.args) != 1 or call.keywords:
            return None
        data = self.value(call.args[0])
        kept = (EncodingField, HandPadded)
        if isinstance(data, TupleValue):
            return Rows(TupleValue(tuple(v if isinstance(v, kept) else None for v in data.items)), call)
        return Rows(data, call) if isinstance(data, kept) else None

    def tf_dataset_method(self, call: ast.Call, base: Optional[Value]) -> Optional[Value]:
        """``.batch(n)`` of a dataset of rows: its batches; ``.shuffle()``, ``.repeat()`` ...: the same."""
        attr = call.func.attr  # type: ignore[attr-defined]
        if attr == "batch" and isinstance(base, Rows) and isinstance(base.origin, ast.Call):
            if self.qualified_name(base.origin.func) in TF_SLICES:
                return Batches(self.default_collated(base.item), call)
        if attr in TF_DATASET_SAME and isinstance(base, Batches):
            return base
        if attr in TF_DATASET_SAME and isinstance(base, Rows) and isinstance(base.origin, ast.Call):
            return base if self.qualified_name(base.origin.func) in TF_SLICES else None
        return None

    def tensor_dataset(self, call: ast.Call) -> Optional[Value]:
        """``TensorDataset(ids, labels)``: its items are tuples of one row of each tensor. A row of a
        padded batch keeps its pads; what other rows hold is not followed (unknown)."""
        if not call.args or call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
            return None
        rows = []
        for arg in call.args:
            value = self.value(arg)
            rows.append(value if isinstance(value, (EncodingField, HandPadded)) else None)
        return Rows(TupleValue(tuple(rows)), call)

    def stacked_rows(self, rows: Optional[Value]) -> Optional[Value]:
        """The batch that ``torch.tensor(rows)`` / ``torch.cat(rows)`` / ``torch.stack(rows)`` makes of
        ``Rows``: padded when every row is padded to ``max_length`` or by hand (rows padded to their own
        longest text pad nothing: unknown)."""
        if isinstance(rows, Rows):
            return self.default_collated(rows.item)
        return None

    def literal_of_name(self, expr: ast.expr) -> Optional[ast.expr]:
        """The list literal ``expr`` (a name) holds: the right-hand side of the one assignment that
        reaches it, when nothing in the file calls a method on the name or assigns into it."""
        if not isinstance(expr, ast.Name):
            return None
        assigned = self.assigned_expression(expr)
        if not isinstance(assigned, ast.List):
            return None
        if _container_key(expr) in self._container_operations():
            return None
        return assigned

    # --- ``from transformers import *`` --------------------------------------------------------
    def star_imported(self, node: ast.Name) -> Optional[Value]:
        """``transformers.<name>`` for a name the file never binds and Python does not provide, when the
        module's only ``import *`` is ``from transformers import *``."""
        if self.scopes.module.star_imports != ["transformers"] or hasattr(builtins, node.id):
            return None
        if self._name_is_bound(node):
            return None
        return ImportedName("transformers." + node.id)

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


    def masks_nothing(self, mask: ast.expr) -> bool:
        """Whether ``mask``, passed as an attention mask, is the same for every position: all ones or all
        zeros (``torch.ones_like(ids)``, ``torch.zeros_like(ids)``, ``torch.ones(ids.shape)``, moved or
        cast), so that it masks no pad token."""
        for _ in range(4):  # through moves and casts, and names assigned once
            if (isinstance(mask, ast.Call) and isinstance(mask.func, ast.Attribute)
                    and mask.func.attr in ("to", "cuda", "cpu", "long", "int", "float", "bool")):
                mask = mask.func.value
            elif isinstance(mask, ast.Name):
                assigned = self.assigned_expression(mask)
                if assigned is None:
                    return False
                mask = assigned
            else:
                break
        return isinstance(mask, ast.Call) and self.qualified_name(mask.func) in CONSTANT_MASKS

    def passes_no_mask(self, mask: ast.expr) -> bool:
        """Whether ``mask``, passed as an attention mask, is ``None``: written so, or a name (a parameter
        whose every call site in the file passes ``None`` or leaves it to its ``None`` default) that
        holds it. A forward or ``generate`` given ``attention_mask=None`` runs as if given none."""
        value = self.value(mask)
        return isinstance(value, Constant) and value.value is None

    def keras_inputs(self, call: ast.Call) -> Optional[Value]:
        """What the model's ``call`` receives as its inputs in Keras ``fit`` / ``predict`` / ``evaluate``:
        the ``x`` of each batch of a ``tf.data`` dataset of ``(x, y)`` (or of ``x``), or a batch of the
        rows of ``x=`` given as an array."""
        data = _keyword_of(call, "x")
        if data is None and call.args and not isinstance(call.args[0], ast.Starred):
            data = call.args[0]
        value = self.value(data) if data is not None else None
        if isinstance(value, Batches):
            value = value.item
            if isinstance(value, TupleValue):
                value = value.items[0] if value.items else None
            return value
        return value if isinstance(value, (EncodingField, HandPadded, Record)) else None

    def keras_call_runs_transformer(self, model: Model) -> bool:
        """Whether Keras runs a Transformers forward on the inputs of ``model`` as they are: a Transformers
        TF class, or a class of the file whose ``call`` passes its inputs (and no ``attention_mask``) to
        a Transformers model or main layer (``TFBertMainLayer``) that it holds."""
        if model.framework != "tf" or not model.cls:
            return False
        if "." in model.cls:
            return model.cls.startswith("transformers.")
        for binding in self.scopes.module.bindings.get(model.cls, ()):
            if binding.kind != "class" or not isinstance(binding.node, ast.ClassDef):
                continue
            for statement in binding.node.body:
                if isinstance(statement, ast.FunctionDef) and statement.name == "call":
                    return self._passes_inputs_to_transformer(statement)
        return False

    def _passes_inputs_to_transformer(self, method: ast.FunctionDef) -> bool:
        params = method.args.args
        if len(params) < 2:
            return False
        owner, inputs = params[0].arg, params[1].arg
        rest = method.args.kwarg.arg if method.args.kwarg else None
        scope = self.scopes.scope_of_def.get(id(method))
        if scope is None or scope.class_scope is None or _assigns(method, inputs):
            return False
        for node in ast.walk(method):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == owner):
                continue
            if not (node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == inputs):
                continue
            if any(k.arg == "attention_mask" or (k.arg is None and not (
                    isinstance(k.value, ast.Name) and k.value.id == rest)) for k in node.keywords):
                continue
            if isinstance(self.value(node.func), Model) or self._holds_main_layer(scope.class_scope, node.func.attr):
                return True
        return False

    def _holds_main_layer(self, cls, attr: str) -> bool:
        """Whether every assignment of ``self.<attr>`` in the class makes a Transformers TF main layer."""
        bindings = cls.self_attrs.get(attr, ())
        return bool(bindings) and all(
            isinstance(b.value, ast.Call) and not b.path
            and _MAIN_LAYER.match(self.qualified_name(b.value.func) or "") for b in bindings)


def element_of(value: Optional[ast.expr], path: Tuple[int, ...]) -> Optional[ast.expr]:
    """The element of a literal tuple/list that an unpacking path selects (``a, b = [], []``)."""
    for index in path:
        if not isinstance(value, (ast.Tuple, ast.List)) or index >= len(value.elts):
            return None
        value = value.elts[index]
    return value


def _container_key(base: ast.expr) -> Optional[tuple]:
    if isinstance(base, ast.Name):
        return ("name", base.id)
    if isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name):
        return ("attr", base.attr)
    return None


def _subscript_targets(target: ast.AST) -> List[ast.Subscript]:
    if isinstance(target, ast.Subscript):
        return [target]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [s for elt in target.elts for s in _subscript_targets(elt)]
    if isinstance(target, ast.Starred):
        return _subscript_targets(target.value)
    return []


def trainer_argument(call: ast.Call, name: str) -> Optional[ast.expr]:
    """The argument of a ``Trainer`` call for its parameter ``name``, by keyword or by position."""
    found = _keyword_of(call, name)
    if found is None and name in _TRAINER_PARAMETERS:
        index = _TRAINER_PARAMETERS.index(name)
        found = call.args[index] if index < len(call.args) else None
    return found


def _keyword_of(call: ast.Call, name: str) -> Optional[ast.expr]:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _reads_length_of(test: ast.expr, name: str) -> bool:
    """Whether ``test`` compares ``len(name)``."""
    return any(isinstance(node, ast.Compare) and any(
        isinstance(part, ast.Call) and isinstance(part.func, ast.Name) and part.func.id == "len"
        and len(part.args) == 1 and isinstance(part.args[0], ast.Name) and part.args[0].id == name
        for part in [node.left, *node.comparators]) for node in ast.walk(test))


def _assigns(function: ast.FunctionDef, name: str) -> bool:
    for node in ast.walk(function):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
    return False
