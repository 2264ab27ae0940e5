"""Padding (TFL1xx): padded batches that reach a model without the mask, on the wrong side, or that a
tokenizer without a pad token cannot pad at all."""

from __future__ import annotations

import ast
from typing import Dict, Iterable, List, Optional, Tuple

from tf_lint.analysis import Model
from tf_lint.analysis.flows import TRAINERS, trainer_argument
from tf_lint.analysis.objects import is_pad_id_name
from tf_lint.analysis.values import (
    Collator,
    Encoding,
    EncodingField,
    HandPadded,
    ModelOutput,
    Record,
    Tokenizer,
)
from tf_lint.diagnostics import Applicability, Diagnostic, Fix
from tf_lint.knowledge.checkpoint_families import DECODER, NO_ATTENTION_MASK
from tf_lint.knowledge.classes import PACKAGE
from tf_lint.registry import Rule

# The text gate, implied by the evidence every padding rule needs: a Transformers model, tokenizer or
# data collator, which the facts layer knows only from a name imported from the package (a qualified
# name ``transformers.X``: ``from transformers import X``, ``import transformers``, ``from
# transformers import *``, ``__import__("transformers")``). The padding itself may be written with no
# word of its own (``torch.tensor([[101, 102, 0], [101, 7, 102]])``, ``ids + [0] * k``, a collator
# spelled ``DataCollatorWithPadding``), so no word of it can be the gate. tests/test_gates.py holds it.
_TRIGGERS = (PACKAGE,)
# Model types whose configs carry no pad id: ``generate`` then cannot infer the mask from the ids.
# Source: the ``pad_token_id`` defaults of GPT2Config, GPTNeoConfig, GPTJConfig, LlamaConfig,
# MistralConfig, MixtralConfig in transformers 5.24.
_NO_PAD_MODEL_TYPES = frozenset({"gpt2", "gpt_neo", "gptj", "llama", "mistral", "mixtral"})


# --- what the rules share ------------------------------------------------------------------------
def _keyword(call: ast.Call, *names: str) -> Optional[ast.expr]:
    for keyword in call.keywords:
        if keyword.arg in names:
            return keyword.value
    return None


def _has_double_star(call: ast.Call) -> bool:
    return any(k.arg is None for k in call.keywords)


def _input_ids(call: ast.Call, *names: str) -> Optional[ast.expr]:
    found = _keyword(call, *names)
    if found is not None:
        return found
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    return None


def _model_call(facts, node: ast.Call) -> Tuple[Optional[Model], Optional[str]]:
    """The model a call runs, and how: "forward" (``model(...)``, ``model.forward(...)``) or "generate"."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in ("forward", "generate"):
        return facts.model(func.value), func.attr
    return facts.model(func), "forward"


def _padded_input(facts, expr: Optional[ast.expr]):
    """The evidence that ``expr`` holds padded ids: the padded encoding's field, or a hand-padded batch."""
    return _padded_value(facts.value(expr)) if expr is not None else None


def _padded_value(value):
    """``value`` itself when it is padded ids (a padded encoding's ``input_ids``, a hand-padded batch)."""
    if isinstance(value, EncodingField) and value.field == "input_ids" and value.encoding.padded:
        return value
    if isinstance(value, HandPadded):
        return value
    return None


def _strip_moves(expr: ast.expr) -> ast.expr:
    while (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)
           and expr.func.attr in ("to", "cuda", "cpu", "long", "int", "contiguous", "clone", "detach")):
        expr = expr.func.value
    return expr


class _Padding(Rule):
    """Shared machinery of the padding rules (not a rule: no code)."""

    triggers = _TRIGGERS
    # What the text gate stands for, asked of the code: a model, tokenizer or collator is only ever a
    # name of the package (a package's relative imports of its own modules, as in transformers' own
    # sources, bring in none).
    packages = (PACKAGE,)
    node_types = (ast.Call,)

    def _text(self, expr: ast.expr) -> str:
        doc = self.ctx.document
        return doc.segment(doc.start_of(expr), doc.end_of(expr))

    def _mask_expression(self, expr: ast.expr, evidence) -> Optional[str]:
        """``attention_mask`` taken from the same encoding as ``expr``, in the same access style."""
        facts, doc = self.ctx.facts, self.ctx.document
        if isinstance(evidence, EncodingField):
            existing = self._mask_variable(expr, evidence.encoding)
            if existing:
                return existing
            if isinstance(expr, ast.Name):
                definition = self._definition(expr)
                return self._mask_expression(definition, evidence) if definition is not None else None
            core = _strip_moves(expr)
            text = doc.segment(doc.start_of(expr), doc.end_of(expr))
            core_start = doc.offset(doc.start_of(core)) - doc.offset(doc.start_of(expr))
            core_end = doc.offset(doc.end_of(core)) - doc.offset(doc.start_of(expr))
            core_text = text[core_start:core_end]
            if isinstance(core, (ast.Subscript, ast.Attribute)) and not _holds_mask_of(
                    facts.value(core.value), evidence.encoding):
                return None  # the ids were taken out of a batch that may not carry their mask
            if isinstance(core, ast.Subscript) and facts.string(core.slice) == "input_ids":
                key = doc.segment(doc.start_of(core.slice), doc.end_of(core.slice))
                if key[:1] not in ("'", '"') or not isinstance(core.slice, ast.Constant):
                    return None
                quote = key[0]
                new_core = core_text[: len(core_text) - len(key) - 1] + f"{quote}attention_mask{quote}]"
                if not core_text.endswith(key + "]"):
                    return None
            elif isinstance(core, ast.Attribute) and core.attr == "input_ids" and core_text.endswith("input_ids"):
                new_core = core_text[: -len("input_ids")] + "attention_mask"
            else:
                return None
            return text[:core_start] + new_core + text[core_end:]
        return None

    def _mask_variable(self, expr: ast.expr, encoding: Encoding) -> Optional[str]:
        """A name already holding this encoding's attention mask, bound before ``expr`` in its scope."""
        facts = self.ctx.facts
        use = None
        for node in ast.walk(expr):
            if isinstance(node, ast.Name):
                use = facts.scopes.uses.get(id(node))
                break
        if use is None:
            return None
        position = (expr.lineno, expr.col_offset)
        for name, bindings in use.scope.bindings.items():
            before = [b for b in bindings if b.order <= position]
            if len(before) != len(bindings) or len(bindings) != 1 or bindings[0].kind != "assign":
                continue
            value = facts._binding_value(bindings[0])
            if isinstance(value, EncodingField) and value.encoding is encoding and value.field == "attention_mask":
                return name
        return None

    def _definition(self, name: ast.Name) -> Optional[ast.expr]:
        """The one assignment that gives ``name`` its value, when the names it reads are not rebound."""
        facts = self.ctx.facts
        use = facts.scopes.uses.get(id(name))
        if use is None:
            return None
        bindings = use.scope.bindings.get(name.id, [])
        if len(bindings) != 1 or bindings[0].kind != "assign" or bindings[0].path:
            return None
        value = bindings[0].value
        for node in ast.walk(value):
            if isinstance(node, ast.Name) and len(use.scope.bindings.get(node.id, [])) > 1:
                return None
        return value

    def _hand_mask(self, expr: ast.expr, evidence: HandPadded) -> Optional[str]:
        """``(input_ids != pad_id).long()`` for a batch padded by hand, when the pad id is known."""
        if not isinstance(expr, (ast.Name, ast.Attribute)):
            return None
        origin = evidence.origin
        if isinstance(origin, ast.Call):
            qualname = self.ctx.facts.qualified_name(origin.func) or ""
            if not qualname.startswith("torch."):
                return None
        elif not self._torch_tensor(expr):
            return None
        doc = self.ctx.document
        if evidence.pad_value is not None:
            pad = str(evidence.pad_value)
        elif evidence.how.startswith("list_") or evidence.how in ("pad_sequence", "functional_pad", "literal_named"):
            if evidence.how.startswith("list_"):
                pad_expr = _list_pad_element(evidence.origin)
            elif evidence.how == "literal_named":
                pad_expr = _literal_pad_element(evidence.origin)
            else:
                pad_expr = _keyword(origin, "padding_value", "value")
            if pad_expr is None or not isinstance(pad_expr, ast.Attribute):
                return None
            pad = doc.segment(doc.start_of(pad_expr), doc.end_of(pad_expr))
        else:
            return None
        text = doc.segment(doc.start_of(expr), doc.end_of(expr))
        return f"({text} != {pad}).long()"

    def _torch_tensor(self, expr: ast.expr) -> bool:
        """Whether a hand-padded list reached ``expr`` through ``torch.tensor(...)``."""
        facts = self.ctx.facts
        if isinstance(expr, ast.Name):
            definition = self._definition(expr)
            while (isinstance(definition, ast.Call) and isinstance(definition.func, ast.Attribute)
                   and definition.func.attr in ("unsqueeze", "to", "cuda", "long")):
                definition = definition.func.value  # ``torch.tensor(row).unsqueeze(0)``: a batch of one
            if isinstance(definition, ast.Call):
                return (facts.qualified_name(definition.func) or "").startswith("torch.")
        return False

    def _add_keywords(self, call: ast.Call, pairs: List[Tuple[str, str]]):
        document = self.ctx.document

        def edits():
            from tf_lint.fixes.calls import add_keywords

            edit = add_keywords(document, call, pairs)
            return [edit] if edit is not None else []

        return edits


def _list_pad_element(origin: ast.AST) -> Optional[ast.expr]:
    if isinstance(origin, ast.AugAssign):  # ``ids += [pad] * k``
        part = origin.value
        return part.left.elts[0] if isinstance(part, ast.BinOp) and isinstance(part.left, ast.List) else None
    if isinstance(origin, ast.BinOp):
        for part in (origin.right, origin.left):
            if isinstance(part, ast.BinOp) and isinstance(part.op, ast.Mult) and isinstance(part.left, ast.List):
                return part.left.elts[0]
    return None


def _causal_word(kind: Optional[str]) -> str:
    return "decoder-only" if kind == DECODER else "causal-masked"


def _holds_mask_of(container, encoding: Encoding) -> bool:
    """Whether ``container`` is ``encoding`` itself, or a record (a ``Dataset`` item's dict) that also
    carries that encoding's ``attention_mask`` under its own name."""
    if container is encoding:
        return True
    if isinstance(container, Record):
        mask = container.get("attention_mask")
        return isinstance(mask, EncodingField) and mask.encoding is encoding and mask.field == "attention_mask"
    return False


def _literal_pad_element(origin: ast.AST) -> Optional[ast.expr]:
    """The pad id written as a name in the last row of a literal batch that ends in it."""
    if isinstance(origin, ast.Call) and origin.args and isinstance(origin.args[0], ast.List):
        for row in origin.args[0].elts:
            if isinstance(row, ast.List) and row.elts and is_pad_id_name(row.elts[-1]):
                return row.elts[-1]
    return None


def _side_of(evidence) -> Optional[str]:
    if isinstance(evidence, EncodingField):
        return evidence.encoding.side
    if isinstance(evidence, HandPadded):
        if evidence.how == "list_left":
            return "left"
        if evidence.how in ("list_right", "pad_sequence", "literal", "literal_named"):
            return "right"
    return None


# --- TFL101 ----------------------------------------------------------------------------------------
class ForwardWithoutAttentionMask(_Padding):
    """## What it does
    Finds a model call (`model(...)`, `model.forward(...)`) whose `input_ids` come from a padded batch
    and that passes neither `attention_mask` nor the whole encoding (`**enc`), nor a second positional
    argument (`model(ids, mask)`: `attention_mask` is the second parameter of most forwards); a mask of
    one value throughout (`torch.ones_like(ids)`, `torch.zeros_like(ids)`, by keyword or positionally)
    masks no pad token and counts as none (the finding then has no fix), as does `attention_mask=None`
    (written so, or a parameter of the file's own function that every call site leaves at its `None`
    default or passes `None`): a forward given `None` runs without a mask. A text the code builds as one
    string (an f-string, `" ".join(words)`, `str(x)`) is one text: `padding=True` pads nothing. A padded
    batch is the output of a tokenizer asked to pad several texts (`padding=True`, `"longest"`, `"max_length"`,
    `PaddingStrategy.LONGEST`), a batch of a `DataLoader` whose collator pads
    (`DataCollatorWithPadding` & co.), or a batch padded by hand: `pad_sequence`,
    `torch.nn.functional.pad`, `ids + [tokenizer.pad_token_id] * (n - len(ids))` (or `ids += ...`, also
    in the branch of an `if` on the row's own length whose other branch cuts it), or a literal tensor
    whose rows end in the model's pad id (or in `tokenizer.pad_token_id` written as a name), also when
    the literal is bound to a name first. The batch is followed where real code puts it: through a
    `Dataset`'s `__getitem__`, a `TensorDataset` and a collate function into the `DataLoader`'s batches
    (`for ids, labels in loader`, `batch["input_ids"]`, `batch.pop("input_ids")`); rows padded to
    `max_length` one at a time, collected with `.append` and stacked (`torch.cat`, `torch.tensor`,
    `torch.stack`), or rebound as arrays (`a, b = map(np.array, [a, b])`), and slices of their rows; a
    model bound in a `try` body and, by something unknown, in its `except` fallback is the `try` body's
    model (what runs when loading works; an `if`/`else` choice of another model stays unknown); into functions whose parameters receive the model, the
    tokenizer or the loader at every call site in the file, and into the `forward` of a
    `torch.nn.Module` wrapper of the file, which receives what its instances are called with. Models
    are followed through `DataParallel`, `self.model = DataParallel(self.model)` and dicts filled by
    key. A call with a tokenizer's own keywords (`padding=` or `pad_to_max_length=`, with
    `truncation=`, `return_tensors=` or `max_length=`) is a tokenizer call whatever its callee's name;
    the model must be known to be a Transformers model. A model class of the file whose `forward`
    fills in `attention_mask` itself is not reported.

    The forward may also happen inside `Trainer` (or `Seq2SeqTrainer`): a `train_dataset` or
    `eval_dataset` whose items hold padded `input_ids` and no `attention_mask` (a
    `Dataset.from_dict({"input_ids": rows, "labels": y})` of rows padded to `max_length`, a dataset class
    of the file), given with no collator, `default_data_collator` or a padding collator (which adds a
    mask of ones over rows already padded), is reported at the `Trainer(...)` call; a collator of the
    file's own may build the mask and is not judged. Likewise inside Keras: `fit`, `predict` or `evaluate`
    of a TF Transformers model, or of a model class of the file whose `call` runs a Transformers model or
    main layer (`TFBertMainLayer`) on its inputs alone, on a `tf.data.Dataset.from_tensor_slices((ids,
    labels)).batch(n)` (or on `x=ids`) of padded ids without their mask.

    Decoder-only models (GPT-2, Llama, Mistral ...) attend causally: on a right-padded batch the real
    tokens never see the pads, so they are reported only when the batch is left-padded, or when the
    code reads the padded positions (a loss over `labels=` that include pads, the last position of a
    right-padded row). So are the other model classes that the target version's modeling source masks
    causally throughout, such as CLIP's text model (`CLIPTextModel`, the text encoder of Stable
    Diffusion, whose tokenizer pads on the right and whose pipelines were trained on these unmasked
    embeddings). Models whose forward takes no attention mask (FNet ...) are not reported.

    ## Why is this bad?
    Without the mask, every token attends to the pad tokens too: the outputs of the shorter rows are
    silently different from what the same text gives alone (measured with BERT: different logits,
    and Transformers 5 no longer warns). The model runs, the numbers are just wrong.

    ## Example
    ```python
    enc = tokenizer(["a short text", "a much longer text than the first"], padding=True, return_tensors="pt")
    logits = model(enc["input_ids"]).logits
    ```

    ## Use instead
    ```python
    logits = model(enc["input_ids"], attention_mask=enc["attention_mask"]).logits
    # or simply
    logits = model(**enc).logits
    ```
    For a left-padded decoder-only model, also pass
    `position_ids=(attention_mask.cumsum(-1) - 1).clamp(min=0)`: with the mask alone, the positions of
    the real tokens are still shifted by the pads.

    ## Fix safety
    Adding `attention_mask=` taken from the same encoding, in the same access style
    (`enc["attention_mask"]`, `enc.attention_mask`, with the same `.to(device)`) is safe: it only makes
    the outputs of padded rows what they were meant to be. For a left-padded decoder-only model the fix
    also adds `position_ids=` computed from the mask, which is unsafe (it assumes the model's forward
    takes `position_ids` and PyTorch tensors). For a batch padded by hand the fix is
    `attention_mask=(input_ids != pad_id).long()`, also unsafe: a real token equal to the pad id (GPT-2's
    pad is often its end-of-text token) would be masked too. A loss over padded labels gets no fix:
    set the labels of pad positions to -100.
    """

    code = "TFL101"
    name = "forward-without-attention-mask"
    summary = "Model called on padded input ids without `attention_mask`"
    fix_availability = "sometimes"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._last_position_reads: Optional[Dict[int, ast.AST]] = None

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        facts = self.ctx.facts
        mask = _keyword(node, "attention_mask")
        # ``attention_mask=None`` is no mask; ``**kwargs`` beside it cannot hold another one.
        none_given = mask is not None and facts.passes_no_mask(mask)
        if none_given:
            for diagnostic in self._without_mask(node):
                yield self.diagnostic(node, _with_none_mask(diagnostic.message, self._text(mask)))
            return
        if _has_double_star(node) or (mask is not None and not facts.masks_nothing(mask)):
            return
        if mask is None and facts.qualified_name(node.func) in TRAINERS:
            yield from self._trainer(node)
            return
        if mask is None and isinstance(node.func, ast.Attribute) and node.func.attr in _KERAS_LOOPS:
            yield from self._keras(node)
            return
        model, how = _model_call(facts, node)
        if model is None or how != "forward":
            return
        if len(node.args) > 1:
            if mask is None and facts.passes_no_mask(node.args[1]):
                for diagnostic in self._forward(node, model, None):
                    yield self.diagnostic(node, _with_none_mask(diagnostic.message, self._text(node.args[1])))
                return
            if mask is not None or not facts.masks_nothing(node.args[1]):
                return  # `model(ids, mask)`: the second parameter is `attention_mask` in most forwards
            mask = node.args[1]
        for diagnostic in self._forward(node, model, mask):
            if mask is not None:  # a mask of one value throughout: the finding stands, the fix does not
                diagnostic = self.diagnostic(node, _with_constant_mask(diagnostic.message, self._text(mask)))
            yield diagnostic

    def _without_mask(self, node: ast.Call) -> Iterable[Diagnostic]:
        """The findings of a forward call (by keyword ``attention_mask=None``) as if it passed no mask."""
        model, how = _model_call(self.ctx.facts, node)
        if model is not None and how == "forward" and len(node.args) < 2:
            yield from self._forward(node, model, None)

    def _forward(self, node: ast.Call, model: Model, mask: Optional[ast.expr]) -> Iterable[Diagnostic]:
        facts = self.ctx.facts
        expr = _input_ids(node, "input_ids")
        evidence = _padded_input(facts, expr)
        if evidence is None or facts.model_type(model) in NO_ATTENTION_MASK:
            return
        if facts.forward_fills_attention_mask(model):
            return  # the file's own model class derives the mask from the ids
        if isinstance(evidence, HandPadded) and evidence.how == "literal":
            pad_id = facts.model_pad_id(model)
            if pad_id is None or pad_id != evidence.pad_value:
                return
        kind = facts.model_kind(model)
        side = _side_of(evidence)
        cls = (model.cls or "model").rsplit(".", 1)[-1]
        if kind == DECODER or self._causal_masked(model):
            if side == "left":
                message = (f"left-padded input ids go into {_causal_word(kind)} {cls} without `attention_mask` (and "
                           "`position_ids`): every row attends to its pads and is shifted by them")
                yield self.diagnostic(node, message, self._fix(node, expr, evidence, left_decoder=True))
            elif _keyword(node, "labels") is not None:
                message = (f"padded input ids go into {_causal_word(kind)} {cls} with `labels=` and no `attention_mask`: "
                           "the loss includes the pad positions; pass `attention_mask` and set the labels "
                           "of pad positions to -100")
                yield self.diagnostic(node, message)
            elif side == "right" and self._reads_last_position(node):
                message = (f"the last position of a right-padded row is a pad token: {_causal_word(kind)} {cls} is "
                           "called without `attention_mask` and its last-position logits are read; pad on the "
                           "left (with `attention_mask` and `position_ids`) or read each row at its length")
                yield self.diagnostic(node, message)
            return
        what = "padded input ids" if not isinstance(evidence, HandPadded) else "input ids padded by hand"
        message = (f"{what} go into {cls} without `attention_mask`: the shorter rows attend to their "
                   "pad tokens and get wrong outputs")
        yield self.diagnostic(node, message, self._fix(node, expr, evidence, left_decoder=False))

    def _trainer(self, node: ast.Call) -> Iterable[Diagnostic]:
        """A ``Trainer`` whose dataset's batches hold padded ``input_ids`` and no ``attention_mask``: the
        forward it runs in training and evaluation gets the ids alone."""
        facts = self.ctx.facts
        model_expr = trainer_argument(node, "model")
        model = facts.model(model_expr) if model_expr is not None else None
        if model is None or model.framework != "pt" or facts.model_type(model) in NO_ATTENTION_MASK:
            return
        if facts.model_kind(model) == DECODER or self._causal_masked(model) or facts.forward_fills_attention_mask(model):
            return  # causal attention: right pads reach no real token (their labels are another matter)
        for keyword, batch in facts.trainer_rows(node):
            keys = {key for key, _ in batch.items}
            if "attention_mask" in keys or _padded_value(batch.get("input_ids")) is None:
                continue
            cls = (model.cls or "model").rsplit(".", 1)[-1]
            message = (f"the `{keyword}` given to Trainer holds padded input ids and no `attention_mask`: "
                       f"{cls} attends to the pad tokens in every forward of training and evaluation")
            yield self.diagnostic(node, message)
            return

    def _keras(self, node: ast.Call) -> Iterable[Diagnostic]:
        """Keras ``fit`` / ``predict`` / ``evaluate`` of a TF Transformers model (or of a class of the file
        that runs one on its inputs) on batches of padded ids without ``attention_mask``."""
        facts = self.ctx.facts
        model = facts.model(node.func.value)  # type: ignore[attr-defined]
        if model is None or not facts.keras_call_runs_transformer(model):
            return
        if facts.model_type(model) in NO_ATTENTION_MASK or facts.model_kind(model) == DECODER:
            return
        inputs = facts.keras_inputs(node)
        if isinstance(inputs, Record):
            if any(key == "attention_mask" for key, _ in inputs.items):
                return
            inputs = inputs.get("input_ids")
        if _padded_value(inputs) is None:
            return
        cls = (model.cls or "model").rsplit(".", 1)[-1]
        method = node.func.attr  # type: ignore[attr-defined]
        message = (f"padded input ids go into {cls} through Keras `{method}` without `attention_mask`: the "
                   "shorter rows attend to their pad tokens and get wrong outputs")
        yield self.diagnostic(node, message)

    def _causal_masked(self, model: Model) -> bool:
        """The model's class masks attention causally throughout (CLIP's text model), by the target
        version's modeling source: like a decoder-only model, its real tokens never see right pads."""
        name = (model.cls or "").rsplit(".", 1)[-1]
        return model.cls is not None and model.cls.startswith("transformers.") and name in self.knowledge.causal_classes

    def _fix(self, node: ast.Call, expr: ast.expr, evidence, left_decoder: bool) -> Optional[Fix]:
        if isinstance(evidence, HandPadded):
            mask = self._hand_mask(expr, evidence)
            if mask is None:
                return None
            return Fix(Applicability.UNSAFE, "Pass `attention_mask` computed from the pad id",
                       self._add_keywords(node, [("attention_mask", mask)]))
        mask = self._mask_expression(expr, evidence)
        if mask is None:
            return None
        if left_decoder:
            if evidence.encoding.tensors != "pt":
                return None
            return Fix(Applicability.UNSAFE, "Pass `attention_mask` and `position_ids`",
                       self._add_keywords(node, [("attention_mask", mask),
                                                 ("position_ids", f"({mask}.cumsum(-1) - 1).clamp(min=0)")]))
        return Fix(Applicability.SAFE, "Pass `attention_mask` from the same encoding",
                   self._add_keywords(node, [("attention_mask", mask)]))

    def _reads_last_position(self, call: ast.Call) -> bool:
        """Whether the code reads ``<output>.logits[:, -1]`` of this call's output."""
        if self._last_position_reads is None:
            reads: Dict[int, ast.AST] = {}
            facts = self.ctx.facts
            for node in facts.nodes(ast.Subscript):
                if (isinstance(node.value, ast.Attribute)
                        and node.value.attr == "logits" and _is_last_position(node.slice)):
                    output = facts.value(node.value.value)
                    if isinstance(output, ModelOutput):
                        reads[id(output.origin)] = node
            self._last_position_reads = reads
        return id(call) in self._last_position_reads


def _with_none_mask(message: str, mask: str) -> str:
    """A message about a call without a mask, said of a call whose mask is ``None`` (no fix: the
    keyword is there already)."""
    given = "`attention_mask=None`" if mask == "None" else f"`attention_mask={mask}`, which is None here"
    return message.replace("without `attention_mask`", f"with {given}", 1).replace(
        "and no `attention_mask`", f"and {given}", 1)


def _with_constant_mask(message: str, mask: str) -> str:
    """A message about a call without a mask, said of a call whose mask is one value throughout."""
    given = f"`{mask}` as `attention_mask` (one value throughout: it masks no pad token)"
    return message.replace("without `attention_mask`", f"with {given}", 1).replace(
        "and no `attention_mask`", f"and {given}", 1)


# Keras loops that run the model's ``call`` on each batch's inputs.
_KERAS_LOOPS = frozenset({"fit", "predict", "evaluate", "predict_on_batch", "train_on_batch", "test_on_batch"})


def _is_last_position(index: ast.expr) -> bool:
    if not isinstance(index, ast.Tuple) or len(index.elts) < 2:
        return False
    second = index.elts[1]
    return (isinstance(second, ast.UnaryOp) and isinstance(second.op, ast.USub)
            and isinstance(second.operand, ast.Constant) and second.operand.value == 1)


# --- TFL102 ----------------------------------------------------------------------------------------
class GenerateWithoutAttentionMask(_Padding):
    """## What it does
    Finds `model.generate(...)` on padded input ids (a tokenizer's padded batch, a padding collator's
    batch, a batch padded by hand) without `attention_mask` or the whole encoding (`**enc`), for a
    decoder-only model whose config has no pad id (GPT-2, GPT-Neo, GPT-J, Llama, Mistral families).
    A mask of one value throughout (`attention_mask=torch.ones_like(input_ids)`) is used as it is and
    masks no pad token: that call is reported for any decoder-only model, without a fix.
    `attention_mask=None` (written so, or a parameter of the file's own helper that every call site
    leaves at its `None` default or passes `None`) is no mask: `generate` infers one as if given none,
    so the call is judged as one without the keyword (and reported without a fix).

    A checkpoint given at run time (a command-line option of argparse, an `HfArgumentParser` or
    `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an environment variable) is unknown
    here: the default the code declares for it is a placeholder, not the model that runs, and never
    starts a finding.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    `generate` can only infer the mask from the ids when the model has a pad id that differs from its
    end-of-sequence id. These models have none (the usual `tokenizer.pad_token = tokenizer.eos_token`
    makes the pad *equal* to EOS), so `generate` attends to every pad token: the shorter prompts get
    different, usually wrong, continuations than the same prompt alone. Encoder-decoder models
    (T5, BART ...) have a pad id of their own and are not reported.

    ## Example
    ```python
    tokenizer.padding_side = "left"
    enc = tokenizer(prompts, padding=True, return_tensors="pt")
    out = model.generate(enc.input_ids, max_new_tokens=20)
    ```

    ## Use instead
    ```python
    out = model.generate(enc.input_ids, attention_mask=enc.attention_mask, max_new_tokens=20)
    # or
    out = model.generate(**enc, max_new_tokens=20)
    ```

    ## Fix safety
    Adding `attention_mask=` from the same encoding, in the same access style, is safe: `generate`
    derives the position ids from it. For a batch padded by hand the fix passes
    `(input_ids != pad_id).long()`, which is unsafe when a real token can equal the pad id.
    """

    code = "TFL102"
    name = "generate-without-attention-mask"
    summary = "`generate` on padded input ids without `attention_mask`"
    fix_availability = "sometimes"

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        facts = self.ctx.facts
        given = _keyword(node, "attention_mask")
        none_given = given is not None and facts.passes_no_mask(given)
        if none_given:
            given = None  # ``attention_mask=None``: generate infers the mask as if given none
        if _has_double_star(node) or (given is not None and not facts.masks_nothing(given)):
            return  # ``**kwargs`` may hold a ``pad_token_id`` to infer the mask from
        model, how = _model_call(facts, node)
        if model is None or how != "generate":
            return
        expr = _input_ids(node, "input_ids", "inputs")
        evidence = _padded_input(facts, expr)
        if evidence is None or facts.model_kind(model) != DECODER:
            return
        cls = (model.cls or "model").rsplit(".", 1)[-1]
        if given is not None:  # the mask given is used as it is, whatever pad id the model has
            message = (f"`generate` of {cls} on padded input ids "
                       f"{_with_constant_mask('without `attention_mask`', self._text(given))}: "
                       "the shorter prompts attend to their pads")
            yield self.diagnostic(node, message)
            return
        if facts.model_type(model) not in _NO_PAD_MODEL_TYPES or not _pad_is_eos(node):
            return
        message = (f"`generate` of {cls} on padded input ids without `attention_mask`: the model has no pad id "
                   "to infer the mask from, so the shorter prompts attend to their pads")
        if none_given:
            mask_expr = _keyword(node, "attention_mask")
            yield self.diagnostic(node, _with_none_mask(message, self._text(mask_expr)))
            return
        if isinstance(evidence, HandPadded):
            mask = self._hand_mask(expr, evidence)
            fix = None if mask is None else Fix(Applicability.UNSAFE, "Pass `attention_mask` computed from the pad id",
                                                self._add_keywords(node, [("attention_mask", mask)]))
        else:
            mask = self._mask_expression(expr, evidence)
            fix = None if mask is None else Fix(Applicability.SAFE, "Pass `attention_mask` from the same encoding",
                                                self._add_keywords(node, [("attention_mask", mask)]))
        yield self.diagnostic(node, message, fix)


def _pad_is_eos(call: ast.Call) -> bool:
    """False when the call passes a ``pad_token_id=`` that is not some ``.eos_token_id``."""
    pad = _keyword(call, "pad_token_id")
    return pad is None or (isinstance(pad, ast.Attribute) and pad.attr == "eos_token_id")


# --- TFL103 ----------------------------------------------------------------------------------------
class DecoderOnlyRightPadding(_Padding):
    """## What it does
    Finds `generate(...)` of a decoder-only model on a batch that the tokenizer padded on the right:
    the default, unless the tokenizer's config (of a well-known or cached checkpoint) or the code sets
    `padding_side="left"`. Silent when the checkpoint, and so the padding side, is unknown.

    A checkpoint given at run time (a command-line option of argparse, an `HfArgumentParser` or
    `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an environment variable) is unknown
    here: the default the code declares for it is a placeholder, not the model that runs, and never
    starts a finding.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    A decoder-only model continues each row from its last position. On a right-padded batch, the last
    positions of the shorter rows are pad tokens, so their continuations follow the pads: wrong, even
    when the attention mask is passed. Transformers only warns ("right-padding was detected").

    ## Example
    ```python
    tokenizer = AutoTokenizer.from_pretrained("gpt2")
    tokenizer.pad_token = tokenizer.eos_token
    enc = tokenizer(prompts, padding=True, return_tensors="pt")
    out = model.generate(**enc, max_new_tokens=20)
    ```

    ## Use instead
    ```python
    enc = tokenizer(prompts, padding=True, return_tensors="pt", padding_side="left")
    # or: tokenizer = AutoTokenizer.from_pretrained("gpt2", padding_side="left")
    ```

    ## Fix safety
    The fix adds `padding_side="left"` to the tokenizer call that made the batch. It is safe: it changes
    only this call's padding, and `generate` with the attention mask then gives each prompt the
    continuation it gets alone.
    """

    code = "TFL103"
    name = "decoder-only-right-padding"
    summary = "Right-padded batch given to `generate` of a decoder-only model"
    fix_availability = "sometimes"

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        facts = self.ctx.facts
        model, how = _model_call(facts, node)
        if model is None or how != "generate" or facts.model_kind(model) != DECODER:
            return
        encoding = self._encoding_of(node)
        if encoding is None or not encoding.padded or encoding.side != "right":
            return
        cls = (model.cls or "model").rsplit(".", 1)[-1]
        message = (f"right-padded batch given to `generate` of decoder-only {cls}: the shorter prompts are "
                   "continued after their pad tokens; pad on the left (`padding_side=\"left\"`)")
        yield self.diagnostic(node, message, self._fix(encoding))

    def _encoding_of(self, node: ast.Call) -> Optional[Encoding]:
        facts = self.ctx.facts
        for keyword in node.keywords:
            if keyword.arg is None:
                value = facts.value(keyword.value)
                if isinstance(value, Encoding):
                    return value
        value = facts.value(_input_ids(node, "input_ids", "inputs"))
        if isinstance(value, EncodingField) and value.field == "input_ids":
            return value.encoding
        return None

    def _fix(self, encoding: Encoding) -> Optional[Fix]:
        call = encoding.origin
        if not isinstance(call, ast.Call) or _has_double_star(call) or _keyword(call, "padding_side") is not None:
            return None
        if isinstance(self.ctx.facts.value(call.func), Collator):
            return None
        return Fix(Applicability.SAFE, "Pad on the left",
                   self._add_keywords(call, [("padding_side", '"left"')]))


# --- TFL104 ----------------------------------------------------------------------------------------
class PaddingWithoutPadToken(_Padding):
    """## What it does
    Finds padding asked of a tokenizer that has no pad token: a tokenizer call with `padding=True`,
    `"longest"`, `"max_length"`, `tokenizer.pad(...)`, or a padding data collator
    (`DataCollatorWithPadding` ...) built on it, for a checkpoint whose tokenizer ships without one
    (GPT-2, GPT-Neo, Llama, Mistral families, or what a local or cached `tokenizer_config.json` /
    `special_tokens_map.json` says), with no `tokenizer.pad_token = ...`,
    `tokenizer.add_special_tokens({"pad_token": ...})` or `pad_token=` option anywhere in the file.
    Silent when the checkpoint is unknown.

    A checkpoint given at run time (a command-line option of argparse, an `HfArgumentParser` or
    `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an environment variable) is unknown
    here: the default the code declares for it is a placeholder, not the tokenizer that runs, and never
    starts a finding.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    It raises `ValueError: Asking to pad but the tokenizer does not have a padding token` at run time,
    typically deep inside a training or evaluation loop.

    ## Example
    ```python
    tokenizer = AutoTokenizer.from_pretrained("gpt2")
    enc = tokenizer(texts, padding=True, return_tensors="pt")
    ```

    ## Use instead
    ```python
    tokenizer = AutoTokenizer.from_pretrained("gpt2")
    tokenizer.pad_token = tokenizer.eos_token
    enc = tokenizer(texts, padding=True, return_tensors="pt")
    ```

    ## Fix safety
    The fix sets the pad token to the EOS token right after the tokenizer is created. It is unsafe:
    with pad = EOS, a real EOS in the text is indistinguishable from padding (a collator for causal LM
    masks it out of the loss, `generate` cannot infer the mask), and a dedicated pad token may be
    what the model was trained with.
    """

    code = "TFL104"
    name = "padding-without-pad-token"
    summary = "Padding asked of a tokenizer that has no pad token"
    fix_availability = "sometimes"

    _assignments: Optional[Dict[int, ast.Assign]] = None

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        facts = self.ctx.facts
        value = facts.value(node)
        if isinstance(value, Encoding) and value.origin is node and value.requested:
            tokenizer, what = value.tokenizer, "padding requested"
        elif isinstance(value, Collator) and value.origin is node and value.pads:
            tokenizer, what = value.tokenizer, f"{value.cls.rsplit('.', 1)[-1]} pads"
        else:
            return
        if tokenizer is None or tokenizer.kind != "tokenizer" or facts.has_pad_token(tokenizer) is not False:
            return
        checkpoint = facts.string(tokenizer.checkpoint)
        message = (f"{what} but the tokenizer of {checkpoint!r} has no pad token: this raises `ValueError`; "
                   "set `tokenizer.pad_token` first")
        yield self.diagnostic(node, message, self._fix(tokenizer))

    def _fix(self, tokenizer: Tokenizer) -> Optional[Fix]:
        if self._assignments is None:  # built once per document, on its first finding
            self._assignments = _simple_assignments(self.ctx.facts)
        statement = self._assignments.get(id(tokenizer.origin))
        if statement is None:
            return None
        doc = self.ctx.document
        target = statement.targets[0]
        name = doc.segment(doc.start_of(target), doc.end_of(target))

        def edits():
            from tf_lint.fixes.statements import insert_after

            return [insert_after(doc, statement, f"{name}.pad_token = {name}.eos_token")]

        return Fix(Applicability.UNSAFE, "Set the pad token to the EOS token", edits)


def _simple_assignments(facts) -> Dict[int, ast.Assign]:
    """id(value) -> ``name = value`` / ``obj.name = value`` (the first, one target only)."""
    found: Dict[int, ast.Assign] = {}
    for node in facts.nodes(ast.Assign):
        if len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) or (isinstance(target, ast.Attribute)
                                                and isinstance(target.value, ast.Name)):
                found.setdefault(id(node.value), node)
    return found
