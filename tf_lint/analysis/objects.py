"""The facts about Transformers objects other than models, and about configuration values.

Tokenizers and processors (their checkpoint; whether the file sets their pad token or padding side),
what a tokenizer call returns (an encoding: padded or not, a batch or one text, which tensors), its
fields (``enc["input_ids"]``, ``enc.input_ids``, through ``.to(device)``), padding data collators and
the batches of a ``DataLoader`` built with one, pipelines, batches padded by hand, and configuration
values (instances of the document's own classes; what argument parsers return, whose options are
answered by :mod:`tf_lint.analysis.runtime`). Mixed into ``Facts``; every answer may be ``None``: unknown.
"""

from __future__ import annotations

import ast
import re
from typing import Dict, List, Optional, Tuple

from tf_lint.analysis.values import (
    ArgParser,
    Batches,
    Collator,
    Constant,
    Encoding,
    EncodingField,
    HandPadded,
    ImportedName,
    Instance,
    LocalClass,
    Model,
    ModelOutput,
    ParsedArgs,
    Pipeline,
    Record,
    Rows,
    Strings,
    Tokenizer,
    TupleValue,
    Value,
    join,
)
from tf_lint.analysis.flows import DICT_DATASETS, SPLITS, STACKING, TF_DATASET_SAME, TF_SLICES
from tf_lint.analysis.runtime import ENVIRONMENT_READS, NOT_SET
from tf_lint.knowledge import checkpoint_families as families

_TOKENIZER = re.compile(r"^\w*Tokenizer(Fast|Base)?$")
_PROCESSOR = re.compile(r"^\w*Processor$")
_NOT_TEXT_PROCESSOR = re.compile(r"Image|Logits|Feature|Video|Audio")
# Data collators and whether they pad. Source: transformers 5.24 ``data/data_collator.py``.
COLLATORS = {
    "DataCollatorWithPadding": True,
    "DataCollatorForSeq2Seq": True,
    "DataCollatorForTokenClassification": True,
    "DataCollatorForLanguageModeling": True,
    "DataCollatorForWholeWordMask": True,
    "DataCollatorForMultipleChoice": True,
    "DataCollatorWithFlattening": False,
    "DefaultDataCollator": False,
}
DATALOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
TENSOR_DATASETS = frozenset({"torch.utils.data.TensorDataset", "torch.utils.data.dataset.TensorDataset"})
VARIABLE = frozenset({"torch.autograd.Variable", "torch.autograd.variable.Variable"})
# Wrappers whose forward runs the wrapped module's forward on the same arguments.
PARALLEL_WRAPPERS = frozenset({"torch.nn.DataParallel", "torch.nn.parallel.DataParallel",
                               "torch.nn.parallel.DistributedDataParallel",
                               "torch.nn.parallel.distributed.DistributedDataParallel"})
TENSOR_FACTORIES = frozenset({"torch.tensor", "torch.as_tensor", "torch.LongTensor", "torch.IntTensor",
                              "numpy.array", "numpy.asarray", "torch.from_numpy", "tensorflow.constant",
                              "tensorflow.convert_to_tensor"})
PAD_SEQUENCE = frozenset({"torch.nn.utils.rnn.pad_sequence"})
FUNCTIONAL_PAD = frozenset({"torch.nn.functional.pad"})
ITERATION_WRAPPERS = frozenset({"tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm", "tqdm.std.tqdm"})
# Methods of an encoding, or of a tensor taken from one, that return the same data (moved or cast).
SAME_DATA = frozenset({"to", "cuda", "cpu", "long", "int", "contiguous", "clone", "detach"})
# Methods that take the one row of an encoding of one text out of its batch dimension, or put it back
# in one: the row keeps its pads (a ``Dataset`` item padded to ``max_length``).
ROW_OF_ONE = frozenset({"squeeze", "flatten", "unsqueeze"})
ENCODING_METHODS = {"__call__": "call", "encode_plus": "one", "batch_encode_plus": "batch", "pad": "pad"}
_PADDING_STRATEGIES = {"LONGEST": "longest", "MAX_LENGTH": "max_length", "DO_NOT_PAD": False}
# Fields a model reads from an encoding.
ENCODING_FIELDS = frozenset({"input_ids", "attention_mask", "token_type_ids", "position_ids", "labels",
                             "decoder_input_ids", "decoder_attention_mask", "special_tokens_mask"})
_MISSING = object()
# Methods of ``str`` that return one ``str``.
_STR_METHODS = frozenset({"lower", "upper", "strip", "lstrip", "rstrip", "replace", "casefold", "title",
                          "capitalize", "format", "removeprefix", "removesuffix"})


def tokenizer_kind(qualname: Optional[str]) -> Optional[str]:
    """"tokenizer" / "processor" when ``qualname`` names a Transformers tokenizer or processor class."""
    if not qualname or not qualname.startswith("transformers."):
        return None
    name = qualname.rsplit(".", 1)[1]
    if _TOKENIZER.match(name):
        return "tokenizer"
    if _PROCESSOR.match(name) and not _NOT_TEXT_PROCESSOR.search(name):
        return "processor"
    return None


# Stands for ``<tokenizer>.pad_token_id`` in a literal batch's rows.
PAD_NAME = "pad_token_id"


def is_pad_id_name(expr: ast.expr) -> bool:
    """``tokenizer.pad_token_id`` (also ``model.config.pad_token_id``): the code names the pad id."""
    return isinstance(expr, ast.Attribute) and expr.attr == PAD_NAME


def literal_padded_with_pad_name(rows: List[list]) -> Optional[str]:
    """"literal_named" when some rows of a literal batch end in the pad id written as a name and at
    least one row does not: ``[[200, 200, 200], [200, 200, tokenizer.pad_token_id]]``. A row holding
    the name anywhere but in its trailing run is not padding."""
    padded = [r for r in rows if r[-1] == PAD_NAME]
    if not padded or len(padded) == len(rows) or any(PAD_NAME in r for r in rows if r[-1] != PAD_NAME):
        return None
    for row in padded:
        tail = len(row)
        while tail and row[tail - 1] == PAD_NAME:
            tail -= 1
        if tail == 0 or PAD_NAME in row[:tail]:
            return None
    return "literal_named"


def _transformers_name(qualname: Optional[str]) -> Optional[str]:
    if qualname and qualname.startswith("transformers."):
        return qualname.rsplit(".", 1)[1]
    return None


class ObjectFacts:
    """Mixed into ``Facts`` (which provides ``value``, ``qualified_name``, ``scopes`` ...)."""

    def _init_object_facts(self) -> None:
        self._settings: Optional[List[Tuple[ast.expr, str, Optional[ast.expr]]]] = None
        self._stored_attrs: Optional[set] = None

    # --- public questions ----------------------------------------------------------------------
    def string(self, expr: Optional[ast.AST]) -> Optional[str]:
        value = self.constant(expr)
        return value.value if isinstance(value, Constant) and isinstance(value.value, str) else None

    def checkpoint(self, expr: Optional[ast.AST]) -> Optional[families.CheckpointFacts]:
        name = self.string(expr)
        return families.checkpoint_facts(name) if name else None

    def model_type(self, model: Model) -> Optional[str]:
        found = families.class_model_type(model.cls)
        if found is None:
            facts = self.checkpoint(model.checkpoint)
            found = facts.model_type if facts else None
        return found

    def model_kind(self, model: Model) -> Optional[str]:
        """"decoder-only", "encoder-only" or "encoder-decoder", when the class or checkpoint says so."""
        kind = families.class_kind(model.cls)
        if kind is None:
            model_type = self.model_type(model)
            kind = families.MODEL_TYPE_KIND.get(model_type) if model_type else None
        return kind

    def model_pad_id(self, model: Model) -> Optional[int]:
        facts = self.checkpoint(model.checkpoint)
        return facts.pad_id if facts else None

    def tokenizer_settings(self, tokenizer: Tokenizer, attr: str) -> Optional[List[Optional[ast.expr]]]:
        """The values this file gives ``attr`` ("pad_token" or "padding_side") of ``tokenizer``: a list
        (empty: never set), or None when a setting on an object of unknown origin may be this one's."""
        found: List[Optional[ast.expr]] = []
        option = (tokenizer.options or {}).get(attr)
        if option is not None:
            found.append(option)
        for base, name, value in self._tokenizer_settings():
            if name != attr and not (attr == "pad_token" and name == "pad_token_id"):
                continue
            owner = self.value(base)
            if owner is tokenizer:
                found.append(value)
            elif owner is None:
                return None
        return found

    def has_pad_token(self, tokenizer: Tokenizer) -> Optional[bool]:
        settings = self.tokenizer_settings(tokenizer, "pad_token")
        if settings is None:
            return None
        if settings:
            return True
        facts = self.checkpoint(tokenizer.checkpoint)
        return facts.has_pad_token if facts else None

    def padding_side(self, tokenizer: Optional[Tokenizer]) -> Optional[str]:
        if tokenizer is None:
            return None
        settings = self.tokenizer_settings(tokenizer, "padding_side")
        if settings is None:
            return None
        if settings:
            sides = {self.string(v) for v in settings}
            return sides.pop() if len(sides) == 1 else None
        facts = self.checkpoint(tokenizer.checkpoint)
        return facts.padding_side if facts else None

    def iterate(self, expr: ast.expr) -> Optional[Value]:
        """What one item of iterating over ``expr`` holds."""
        if isinstance(expr, ast.Call) and expr.args:
            if isinstance(expr.func, ast.Name) and expr.func.id == "enumerate" and self._builtin("enumerate"):
                return TupleValue((None, self.iterate(expr.args[0])))
            if self.qualified_name(expr.func) in ITERATION_WRAPPERS:
                return self.iterate(expr.args[0])
        value = self.value(expr)
        if isinstance(value, TupleValue) and value.items and all(
                isinstance(v, Constant) and isinstance(v.value, str) for v in value.items):
            return Strings(tuple(v.value for v in value.items))
        if isinstance(value, Rows) and isinstance(value.origin, ast.DictComp):
            return None  # iterating over a dict gives its keys
        return value.item if isinstance(value, (Batches, Rows)) else None

    # --- evaluation hooks (called by Facts) ----------------------------------------------------
    def _evaluate_more(self, expr: ast.AST) -> Optional[Value]:
        if isinstance(expr, ast.Subscript):
            return self._subscript(expr)
        if isinstance(expr, ast.DictComp):
            return self._dict_comprehension(expr)
        if isinstance(expr, ast.BinOp):
            return self._hand_padding(expr)
        if isinstance(expr, ast.ListComp):
            item = self.value(expr.elt)
            if isinstance(item, HandPadded):
                return item
            # ``[encoded[i]["input_ids"] for i in ...]``: rows collected as ``.append`` collects them
            return Rows(item, expr) if isinstance(item, (Encoding, EncodingField)) else None
        if isinstance(expr, ast.Dict):
            return self._record(expr)
        if isinstance(expr, ast.UnaryOp) and isinstance(expr.operand, ast.Constant):
            try:
                return Constant(eval(compile(ast.Expression(expr), "<const>", "eval"), {}, {}))  # noqa: S307
            except Exception:
                return None
        return None

    def _annotated_instance(self, cls: Optional[Value]) -> Optional[Value]:
        """A parameter annotated with a tokenizer class holds a tokenizer of unknown checkpoint."""
        if isinstance(cls, ImportedName):
            kind = tokenizer_kind(cls.qualname)
            if kind:
                return Tokenizer(cls.qualname, None, cls, kind)  # type: ignore[arg-type]
        return None

    def _attribute_of(self, value: Optional[Value], node: ast.Attribute) -> Optional[Value]:
        attr = node.attr
        if isinstance(value, Encoding) and attr in ENCODING_FIELDS:
            return EncodingField(value, attr)
        if isinstance(value, (ParsedArgs, Instance)):
            if attr in self._attributes_stored_outside():
                found = self.attribute_set_by_code(value, node)
                if found is not NOT_SET:
                    return found
            if isinstance(value, ParsedArgs):
                return self.argparse_option(value.parser, attr)
            return self._instance_attribute(value, attr)
        return None

    def _method_call(self, node: ast.Call, func: ast.Attribute) -> Optional[Value]:
        attr = func.attr
        if attr == "batch" or attr in TF_DATASET_SAME:
            found = self.tf_dataset_method(node, self.value(func.value))
            if found is not None:
                return found
        if attr in ("from_pretrained",):
            owner = self.value(func.value)
            kind = tokenizer_kind(owner.qualname) if isinstance(owner, ImportedName) else None
            if kind:
                return Tokenizer(owner.qualname, _first_arg(node, "pretrained_model_name_or_path"), node, kind,
                                 {k.arg: k.value for k in node.keywords if k.arg})
            return None
        if attr in SAME_DATA:
            base = self.value(func.value)
            if isinstance(base, (Encoding, EncodingField, HandPadded)):
                return base
            return None
        if attr in ROW_OF_ONE:
            base = self.value(func.value)
            return base if isinstance(base, (EncodingField, HandPadded)) else None
        if attr == "encode":
            return self._encoded_ids(node, func)
        if attr in ENCODING_METHODS:
            base = self.value(func.value)
            if isinstance(base, Tokenizer):
                return self._encoding(base, node, ENCODING_METHODS[attr])
            if base is None and self.tokenizer_call_by_keywords(node):
                return self._encoding(None, node, ENCODING_METHODS[attr])
            return None
        if attr in ("pop", "get") and len(node.args) == 1 and not node.keywords:
            base = self.value(func.value)
            key = self.value(node.args[0])
            if isinstance(base, Record) and isinstance(key, Constant):
                return base.get(key.value)
            if isinstance(base, Encoding) and isinstance(key, Constant) and key.value in ENCODING_FIELDS:
                return EncodingField(base, key.value)
            return None
        if attr in ("add_argument_group", "add_mutually_exclusive_group"):
            base = self.value(func.value)
            return base if isinstance(base, ArgParser) else None
        if attr in ("parse_args", "parse_known_args", "parse_args_into_dataclasses", "parse_dict",
                    "parse_json_file", "parse_yaml_file", "parse_args_and_config"):
            base = self.value(func.value)
            if not isinstance(base, ArgParser):
                return None
            if base.dataclasses:
                if attr not in ("parse_args_into_dataclasses", "parse_args_and_config"):
                    return None  # values come from a file or dict: unknown
                instances = tuple(Instance(c) if c is not None else None for c in base.dataclasses)
                rest = _keyword(node, "return_remaining_strings")
                if rest is not None:
                    if not (isinstance(rest, ast.Constant) and rest.value in (True, False)):
                        return None
                    if rest.value:
                        instances += (None,)
                return TupleValue(instances)
            if attr == "parse_args":
                return ParsedArgs(base)
            if attr == "parse_known_args":
                return TupleValue((ParsedArgs(base), None))
        return None

    def _encoded_ids(self, node: ast.Call, func: ast.Attribute) -> Optional[Value]:
        """``tokenizer.encode(text, padding="max_length", ...)``: the ids of one text, padded as asked
        (``encode`` returns the ids themselves, not an encoding)."""
        base = self.value(func.value)
        if isinstance(base, Tokenizer) or (base is None and self.tokenizer_call_by_keywords(node)):
            encoding = self._encoding(base, node, "one")
            return EncodingField(encoding, "input_ids") if encoding is not None else None
        return None

    def _call_of(self, callee: Optional[Value], node: ast.Call) -> Optional[Value]:
        if isinstance(callee, Tokenizer):
            return self._encoding(callee, node, "call")
        if callee is None and self.tokenizer_call_by_keywords(node):
            return self._encoding(None, node, "call")
        if isinstance(callee, LocalClass):
            return Instance(callee, node)
        if isinstance(callee, Collator):
            return None
        if not isinstance(callee, ImportedName):
            return None
        qualname = callee.qualname
        name = _transformers_name(qualname)
        kind = tokenizer_kind(qualname)
        if kind:
            return Tokenizer(qualname, None, node, kind, {k.arg: k.value for k in node.keywords if k.arg})
        if name in COLLATORS:
            tok = self.value(_first_arg(node, "tokenizer"))
            return Collator(qualname, COLLATORS[name], tok if isinstance(tok, Tokenizer) else None, node)
        if name == "pipeline":
            return Pipeline(self.string(_first_arg(node, "task")), _keyword(node, "model"), node)
        parser = self.dataclass_parser(qualname)
        if parser is not None:
            arg = _first_arg(node, "dataclass_types")
            types = arg.elts if isinstance(arg, (ast.Tuple, ast.List)) else [arg]
            if any(t is None or isinstance(t, ast.Starred) for t in types):
                return None
            # The document's own classes; another (``TrainingArguments``): an instance of unknown fields.
            classes = tuple(c if isinstance(c, LocalClass) else None for c in (self.value(t) for t in types))
            if any(classes):
                return ArgParser(node, classes, parser)
            return None
        if qualname in ENVIRONMENT_READS:
            return self.environment_read(qualname, node)
        if qualname == "argparse.ArgumentParser":
            return ArgParser(node)
        if qualname in DATALOADERS:
            return self._dataloader(node)
        if qualname in TENSOR_DATASETS:
            return self.tensor_dataset(node)
        if qualname in TF_SLICES:
            return self.tensor_slices(node)
        if qualname in DICT_DATASETS:
            return self.dict_dataset(node)
        if qualname in SPLITS:
            return self.split_rows(node)
        if qualname in VARIABLE and len(node.args) == 1 and not node.keywords:
            data = self.value(node.args[0])  # ``Variable(t)`` is ``t`` itself since PyTorch 0.4
            return data if isinstance(data, (EncodingField, HandPadded)) else None
        if qualname in PARALLEL_WRAPPERS:
            wrapped = self.value(_first_arg(node, "module"))
            return wrapped if isinstance(wrapped, Model) and wrapped.framework == "pt" else None
        if qualname == "dataclasses.field":
            default = _keyword(node, "default")
            return self.value(default) if default is not None else None
        if qualname in PAD_SEQUENCE:
            return HandPadded("pad_sequence", self._int(_keyword(node, "padding_value"), 0), node)
        if qualname in FUNCTIONAL_PAD:
            value = _keyword(node, "value")
            if value is None and len(node.args) > 3:
                value = node.args[3]
            return HandPadded("functional_pad", self._int(value, 0), node)
        if node.args:
            return self._tensor_of(qualname, node.args[0], node)
        return None

    def _tensor_of(self, qualname: str, arg: ast.expr, node: ast.Call) -> Optional[Value]:
        """What the tensor factory or stacking function ``qualname`` makes of ``arg`` (``node`` the call,
        or the ``map`` that applies it)."""
        if qualname in TENSOR_FACTORIES:
            data = self.value(arg)
            if isinstance(data, (HandPadded, EncodingField)):
                return data
            if isinstance(data, Rows):
                return self.stacked_rows(data)
            literal = self.literal_of_name(arg)
            return self._literal_padded(literal if literal is not None else arg, node)
        if qualname in STACKING:
            return self.stacked_rows(self.value(arg))
        return None

    def mapped(self, node: ast.Call) -> Optional[Value]:
        """``map(np.array, [a, b])`` (a list or tuple written out, a tensor factory or stacking function
        applied): the tuple of what the function makes of each element, for ``a, b = map(...)``."""
        if len(node.args) != 2 or node.keywords or not isinstance(node.args[1], (ast.List, ast.Tuple)):
            return None
        qualname = self.qualified_name(node.args[0])
        elements = node.args[1].elts
        if qualname is None or not (qualname in TENSOR_FACTORIES or qualname in STACKING):
            return None
        if any(isinstance(e, ast.Starred) for e in elements):
            return None
        return TupleValue(tuple(self._tensor_of(qualname, e, node) for e in elements))

    # --- helpers -------------------------------------------------------------------------------
    def _builtin(self, name: str) -> bool:
        return name not in self.scopes.module.bindings

    def _int(self, expr: Optional[ast.expr], default: Optional[int]) -> Optional[int]:
        if expr is None:
            return default
        value = self.value(expr)
        if isinstance(value, Constant) and isinstance(value.value, int) and not isinstance(value.value, bool):
            return value.value
        return None

    def _encoding(self, tokenizer: Optional[Tokenizer], call: ast.Call, method: str) -> Optional[Encoding]:
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        if any(k.arg is None for k in call.keywords):
            padding, batch = None, None  # **kwargs may ask for anything
        else:
            if method == "pad":
                padding = self._padding(keywords["padding"]) if "padding" in keywords else "longest"
            elif "padding" in keywords:
                padding = self._padding(keywords["padding"])
            elif "pad_to_max_length" in keywords:
                flag = self.value(keywords["pad_to_max_length"])
                padding = ("max_length" if flag.value else False) if isinstance(flag, Constant) else None
            else:
                padding = False
            batch = self._is_batch(call, keywords, method)
        if padding is None:
            padded: Optional[bool] = None
        elif padding is False:
            padded = False
        elif padding == "max_length":
            padded = True
        else:
            padded = batch is not False  # padding=True on a single text pads nothing
        side_expr = keywords.get("padding_side")
        side = self.string(side_expr) if side_expr is not None else self.padding_side(tokenizer)
        requested = None if padding is None else padding is not False
        return Encoding(tokenizer, padded, side, batch, self.string(keywords.get("return_tensors")), call,
                        requested)

    def _padding(self, expr: ast.expr):
        """'longest', 'max_length', False, or None (unknown)."""
        value = self.value(expr)
        if isinstance(value, Constant):
            if value.value is True or value.value == "longest":
                return "longest"
            if value.value == "max_length":
                return "max_length"
            if value.value in (False, None, "do_not_pad"):
                return False
            return None
        if isinstance(value, ImportedName):
            for member, padding in _PADDING_STRATEGIES.items():
                if value.qualname.endswith("PaddingStrategy." + member):
                    return padding
        return None

    def _is_batch(self, call: ast.Call, keywords: Dict[str, ast.expr], method: str) -> Optional[bool]:
        if method in ("batch", "pad"):
            return True
        if method == "one":
            return False
        text = call.args[0] if call.args else keywords.get("text", keywords.get("text_target"))
        if text is None:
            return None
        value = self.value(text)
        if isinstance(value, (Strings, Constant)) and isinstance(getattr(value, "value", ""), str):
            return False
        if isinstance(text, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in text.elts):
            return len(text.elts) > 1
        if isinstance(value, TupleValue):
            return len(value.items) > 1
        if self.is_one_text(text):
            return False
        return None

    def is_one_text(self, expr: ast.expr, depth: int = 0) -> bool:
        """Whether ``expr`` is certainly one ``str`` (so a tokenizer given it encodes one text): an
        f-string, a string literal, ``" ".join(...)``, ``"...".format(...)``, ``str(...)``, a string
        method of one of these, a ``+`` or ``%`` with one, or a name assigned once from one."""
        if depth > 4:
            return False
        if isinstance(expr, ast.JoinedStr) or (isinstance(expr, ast.Constant) and isinstance(expr.value, str)):
            return True
        if isinstance(expr, ast.Call):
            func = expr.func
            if isinstance(func, ast.Name) and func.id == "str" and self._builtin("str"):
                return True
            if isinstance(func, ast.Attribute):
                if func.attr in ("join", "format") and isinstance(func.value, ast.Constant) \
                        and isinstance(func.value.value, str):
                    return True
                if func.attr in _STR_METHODS:
                    return self.is_one_text(func.value, depth + 1)
            return False
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Mod)):
            return self.is_one_text(expr.left, depth + 1) or (
                isinstance(expr.op, ast.Add) and self.is_one_text(expr.right, depth + 1))
        if isinstance(expr, ast.Name):
            assigned = self.assigned_expression(expr)
            return assigned is not None and self.is_one_text(assigned, depth + 1)
        return False

    def _subscript(self, node: ast.Subscript) -> Optional[Value]:
        base = self.value(node.value)
        if base is None:
            # ``x[i]`` where the bindings of ``x`` disagree (a list filled with rows, then rebound to the
            # array of the same rows): what each binding's value gives at the index, when they agree.
            values = self.binding_values(node.value)
            if not values or len(values) < 2:
                return None
            return join([None if v is None else self._item_at(v, node) for v in values])
        return self._item_at(base, node)

    def _item_at(self, base: Value, node: ast.Subscript) -> Optional[Value]:
        if isinstance(base, ImportedName):
            return self.argv_or_environment_item(node, base)
        key = self.value(node.slice)
        if isinstance(base, Encoding) and isinstance(key, Constant) and key.value in ENCODING_FIELDS:
            return EncodingField(base, key.value)
        if isinstance(base, Record) and isinstance(key, Constant) and isinstance(key.value, str):
            return base.get(key.value)
        if (isinstance(base, EncodingField) and isinstance(key, Constant) and key.value == 0
                and base.encoding.batch is not True):
            return base  # the one row of an encoding of one text
        if (isinstance(base, EncodingField) and base.encoding.tensors and key is None
                and not isinstance(node.slice, (ast.Tuple, ast.Slice)) and self._pads_to_max_length(base.encoding)):
            return base  # a row of a tensor whose every row is padded to ``max_length``: such a row
        if isinstance(base, TupleValue) and isinstance(key, Constant) and isinstance(key.value, int):
            if -len(base.items) <= key.value < len(base.items):
                return base.items[key.value]
        if isinstance(base, (EncodingField, HandPadded)) and _selects_rows(node.slice):
            return base  # ``ids[i:i + n]``, ``ids[i:i + n, :]``: some rows of the batch, pads and all
        if isinstance(base, Rows):
            return base if isinstance(node.slice, ast.Slice) else base.item
        return None

    def _dict_comprehension(self, node: ast.DictComp) -> Optional[Value]:
        """``{k: v.to(device) for k, v in batch.items()}`` holds the same encoding as ``batch``; any other
        ``{k: V for ...}`` whose every value holds the same (``{s: MyDataset(f"{s}.json") for s in
        splits}``) is ``Rows`` of it, as a dict filled with ``d[k] = V`` is."""
        if len(node.generators) != 1 or node.generators[0].ifs:
            return None
        source = node.generators[0].iter
        if not (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute)
                and source.func.attr == "items" and not source.args):
            item = self.value(node.value)
            return Rows(item, node) if item is not None else None
        encoding = self.value(source.func.value)
        if not isinstance(encoding, (Encoding, Record)):
            return None
        value = node.value
        while isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in SAME_DATA:
            value = value.func.value
        target = node.generators[0].target
        if (isinstance(target, ast.Tuple) and len(target.elts) == 2 and isinstance(value, ast.Name)
                and isinstance(target.elts[1], ast.Name) and value.id == target.elts[1].id
                and isinstance(node.key, ast.Name) and isinstance(target.elts[0], ast.Name)
                and node.key.id == target.elts[0].id):
            return encoding
        return None

    def _hand_padding(self, node: ast.BinOp) -> Optional[Value]:
        """``ids + [pad] * (n - len(ids))`` (right) or ``[pad] * k + ids`` (left)."""
        if not isinstance(node.op, ast.Add):
            return None
        for side, part in (("right", node.right), ("left", node.left)):
            run = self._pad_run(part)
            if run is not None:
                return HandPadded("list_" + side, run[0], node)
        return None

    def augmented(self, binding) -> Optional[Value]:
        """What ``ids += [pad] * (n - len(ids))`` leaves in ``ids``: its row padded by hand on the right
        (any other augmented assignment: unknown)."""
        statement = binding.node
        if isinstance(statement, ast.AugAssign) and isinstance(statement.op, ast.Add):
            run = self._pad_run(statement.value)
            if run is not None:
                return HandPadded("list_right", run[0], statement)
        return None

    def _pad_run(self, part: ast.expr) -> Optional[Tuple[Optional[int]]]:
        """``[pad] * k`` where ``pad`` is an integer or a tokenizer's ``pad_token_id``: (the pad id or None,)."""
        if (isinstance(part, ast.BinOp) and isinstance(part.op, ast.Mult)
                and isinstance(part.left, ast.List) and len(part.left.elts) == 1):
            element = part.left.elts[0]
            pad = self._int(element, None)
            if pad is not None or (isinstance(element, ast.Attribute) and element.attr == "pad_token_id"
                                   and isinstance(self.value(element.value), Tokenizer)):
                return (pad,)
        return None

    def _literal_padded(self, data: ast.expr, call: ast.Call) -> Optional[HandPadded]:
        """A literal batch whose rows have the same length, some of them ending in a run of one value
        that others do not end in: ``[[101, 7592, 102, 0, 0], [101, 7592, 2088, 999, 102]]``."""
        if not isinstance(data, ast.List) or len(data.elts) < 2:
            return None
        rows = []
        for row in data.elts:
            if not isinstance(row, ast.List) or not row.elts:
                return None
            values = [PAD_NAME if is_pad_id_name(e) else self._int(e, None) for e in row.elts]
            if any(v is None for v in values):
                return None
            rows.append(values)
        if len({len(r) for r in rows}) != 1 or len(rows[0]) < 2:  # a padded row: a token, then pads
            return None
        named = literal_padded_with_pad_name(rows)
        if named is not None:
            return HandPadded(named, None, call)
        last = {r[-1] for r in rows}
        if len(last) < 2:
            return None
        for pad in last:
            padded_rows = [r for r in rows if r[-1] == pad]
            if len(padded_rows) < len(rows) and all(
                    r[-2] == pad or pad not in r[:-1] for r in padded_rows):
                if pad in (0, 1) or any(r.count(pad) > 1 for r in padded_rows):
                    return HandPadded("literal", pad, call)
        return None

    def _dataloader(self, node: ast.Call) -> Optional[Batches]:
        collate = _keyword(node, "collate_fn")
        if collate is None:
            batch = self.default_collated(self.dataset_item(self.value(_first_arg(node, "dataset"))))
            return Batches(batch, node) if batch is not None else None
        collator = self.value(collate)
        if isinstance(collator, Collator) and collator.pads:
            tokenizer = collator.tokenizer
            return Batches(Encoding(tokenizer, True, self.padding_side(tokenizer), True, "pt", collator.origin,
                                    True), node)
        batch = self.collate_function_batch(collator)
        return Batches(batch, node) if batch is not None else None

    def _record(self, node: ast.Dict) -> Optional[Record]:
        """A dict literal with string keys (no ``**``) whose values are the fields of a batch."""
        items = []
        for key, value in zip(node.keys, node.values):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return None
            items.append((key.value, self.value(value)))
        return Record(tuple(items))

    def _tokenizer_settings(self) -> List[Tuple[ast.expr, str, Optional[ast.expr]]]:
        """Every ``X.pad_token = v`` / ``X.pad_token_id = v`` / ``X.padding_side = v`` /
        ``X.add_special_tokens({"pad_token": v})`` in the document, except on a model's config."""
        if self._settings is None:
            found: List[Tuple[ast.expr, str, Optional[ast.expr]]] = []
            for node in self.nodes((ast.Assign, ast.AnnAssign, ast.Call)):
                if isinstance(node, (ast.Assign, ast.AnnAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if (isinstance(target, ast.Attribute)
                                and target.attr in ("pad_token", "pad_token_id", "padding_side")
                                and not _is_config(target.value)):
                            found.append((target.value, target.attr, node.value))
                elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                      and node.func.attr == "add_special_tokens" and node.args):
                    tokens = node.args[0]
                    if isinstance(tokens, ast.Dict) and not any(
                            isinstance(k, ast.Constant) and k.value == "pad_token" for k in tokens.keys):
                        continue
                    found.append((node.func.value, "pad_token", None))
            self._settings = found
        return [(b, n, v) for b, n, v in self._settings if not isinstance(self.value(b), (Model, ModelOutput))]

    def _attributes_stored_outside(self) -> set:
        """Attribute names assigned on anything but ``self`` (``args.model = ...``): such attributes
        of parsed arguments and instances may not hold their defaults."""
        if self._stored_attrs is None:
            stored = set()
            for node in self.nodes((ast.Attribute, ast.Call)):
                if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                    if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                        stored.add(node.attr)
                elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr"):
                    stored.add("*")
            self._stored_attrs = stored
        if "*" in self._stored_attrs:
            return _EVERYTHING
        return self._stored_attrs

    def _instance_attribute(self, instance: Instance, attr: str) -> Optional[Value]:
        call = instance.call
        if call is not None and (call.args or any(k.arg is None for k in call.keywords)):
            return None
        if call is not None:
            for keyword in call.keywords:
                if keyword.arg == attr:
                    return self.value(keyword.value)
        scope = self.scopes.scope_of_def.get(id(instance.cls.node))
        if scope is None:
            return None
        return self._self_attribute(scope, attr)


class _Everything(set):
    def __contains__(self, item) -> bool:  # pragma: no cover - trivial
        return True


_EVERYTHING = _Everything()


def _selects_rows(index: ast.expr) -> bool:
    """``[a:b]`` or ``[a:b, :]``: a slice of the batch dimension that keeps every column."""
    if isinstance(index, ast.Slice):
        return True
    if isinstance(index, ast.Tuple) and index.elts and isinstance(index.elts[0], ast.Slice):
        return all(isinstance(e, ast.Slice) and e.lower is None and e.upper is None and e.step is None
                   for e in index.elts[1:])
    return False


def _is_config(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Attribute) and expr.attr in ("config", "generation_config")


def _keyword(call: ast.Call, name: str) -> Optional[ast.expr]:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _first_arg(call: ast.Call, name: str) -> Optional[ast.expr]:
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    return _keyword(call, name)

