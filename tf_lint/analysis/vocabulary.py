"""Tokens added to a tokenizer, and the models used with that tokenizer: the evidence of TFL701.

- :func:`token_addition`: a ``tokenizer.add_tokens(...)`` / ``tokenizer.add_special_tokens({...})``
  call on a known tokenizer, with the token strings it passes when the code spells them out; or a
  tokenizer's ``from_pretrained(..., additional_special_tokens=[...], pad_token="...")``, which adds
  the tokens its vocabulary lacks as it loads (the same ids past the end of the model's embedding).
  A token taken from the tokenizer itself (``{"pad_token": tokenizer.eos_token}``) adds nothing.
- :func:`new_tokens`: which of those strings the tokenizer's vocabulary does not hold yet, when the
  knowledge layer can tell (:mod:`tf_lint.knowledge.vocabularies`).
- :func:`models_used_with`: the models of the document that work with a tokenizer's ids: the same
  checkpoint string, the same ``Trainer(model=..., tokenizer=... / processing_class=...)`` or
  ``pipeline(model=..., tokenizer=...)``, a call given ``model=`` and a data collator built on the
  tokenizer (``Trainer(model=m, data_collator=DataCollatorForLanguageModeling(tok))``,
  ``DataCollatorForSeq2Seq(tok, model=m)``: the collator pads with its ids), or a model call or
  ``generate`` given one of its encodings.
- :func:`resizes_embeddings`: whether the document resizes any model's embeddings at all.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from tf_lint.analysis.values import Collator, Constant, Encoding, EncodingField, Model, Tokenizer, TupleValue
from tf_lint.knowledge import vocabularies

if TYPE_CHECKING:  # pragma: no cover
    from tf_lint.analysis.facts import Facts

_ADDERS = ("add_tokens", "add_special_tokens")
# Keywords of a tokenizer's ``from_pretrained`` whose tokens the tokenizer adds to its vocabulary when
# it lacks them (``AutoTokenizer.from_pretrained("gpt2", pad_token="[PAD]")`` gives "[PAD]" id 50257).
LOAD_TIME_TOKENS = ("additional_special_tokens", "bos_token", "eos_token", "unk_token", "sep_token",
                    "pad_token", "cls_token", "mask_token")
# The words a document must hold for an addition to be there (the rule's text gate): a load-time
# addition is a ``from_pretrained`` call.
ADDITION_WORDS = _ADDERS + ("from_pretrained",)
_ADDED_TOKEN = frozenset({"transformers.AddedToken", "tokenizers.AddedToken",
                          "transformers.tokenization_utils_base.AddedToken"})
# Keywords of trainers and collators that hand them the tokenizer.
_TOKENIZER_KEYWORDS = ("tokenizer", "processing_class")
_RESIZERS = ("resize_token_embeddings", "resize_embeddings")


@dataclass(frozen=True)
class TokenAddition:
    """A call adding tokens to ``tokenizer``: ``tokens`` are the strings it passes, None when the code
    does not spell them all out; ``taken_from_tokenizer`` counts the values that are the tokenizer's
    own tokens (``tokenizer.eos_token``), which add nothing."""

    call: ast.Call
    tokenizer: Tokenizer
    tokens: Optional[Tuple[str, ...]]
    # ``add_special_tokens({"pad_token": "[PAD]"})``: the role each token is added for.
    roles: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()


def token_addition(facts: "Facts", call: ast.Call) -> Optional[TokenAddition]:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "from_pretrained":
        return _load_time_addition(facts, call)
    if not (isinstance(func, ast.Attribute) and func.attr in _ADDERS and call.args):
        return None
    tokenizer = facts.value(func.value)
    if not isinstance(tokenizer, Tokenizer) or tokenizer.kind != "tokenizer":
        return None
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return TokenAddition(call, tokenizer, None)
    if func.attr == "add_tokens":
        return TokenAddition(call, tokenizer, _strings(facts, call.args[0], tokenizer))
    mapping = call.args[0]
    if not isinstance(mapping, ast.Dict) or any(k is None for k in mapping.keys):
        return TokenAddition(call, tokenizer, None)
    tokens: List[str] = []
    roles: List[Tuple[str, Tuple[str, ...]]] = []
    for key, value in zip(mapping.keys, mapping.values):
        found = _strings(facts, value, tokenizer)
        if found is None:
            return TokenAddition(call, tokenizer, None)
        tokens.extend(found)
        role = facts.constant(key)
        if isinstance(role, Constant) and isinstance(role.value, str):
            roles.append((role.value, found))
    return TokenAddition(call, tokenizer, tuple(tokens), tuple(roles))


def _load_time_addition(facts: "Facts", call: ast.Call) -> Optional[TokenAddition]:
    """The tokens a tokenizer's ``from_pretrained`` call adds through its special-token keywords."""
    keywords = [k for k in call.keywords if k.arg in LOAD_TIME_TOKENS]
    if not keywords:
        return None
    tokenizer = facts.value(call)
    if not isinstance(tokenizer, Tokenizer) or tokenizer.kind != "tokenizer":
        return None
    tokens: List[str] = []
    roles: List[Tuple[str, Tuple[str, ...]]] = []
    for keyword in keywords:
        found = _strings(facts, keyword.value, tokenizer)
        if found is None:
            return TokenAddition(call, tokenizer, None)
        tokens.extend(found)
        if keyword.arg != "additional_special_tokens":
            roles.append((keyword.arg, found))
    return TokenAddition(call, tokenizer, tuple(tokens), tuple(roles))


def new_tokens(facts: "Facts", addition: TokenAddition) -> Optional[Tuple[str, ...]]:
    """The strings of ``addition`` its tokenizer does not hold yet; None when that is not known for
    some of them (an empty tuple: it adds nothing)."""
    if addition.tokens is None:
        return None
    checkpoint = facts.string(addition.tokenizer.checkpoint)
    base_dir = os.path.dirname(os.path.abspath(facts.path)) if facts.path else None
    new = []
    superseded = _superseded(facts, addition)
    for token in dict.fromkeys(t for t in addition.tokens if t not in superseded):
        held = vocabularies.holds_token(checkpoint, token, base_dir)
        if held is None:
            return None
        if not held:
            new.append(token)
    return tuple(new)


def models_used_with(facts: "Facts", tokenizer: Tokenizer) -> List[Tuple[Model, ast.AST]]:
    """(model, the node that shows it) for each model of the document that uses ``tokenizer``'s ids."""
    found: List[Tuple[Model, ast.AST]] = []
    checkpoint = facts.string(tokenizer.checkpoint)
    for node in facts.nodes(ast.Call):
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        # Trainer(model=m, processing_class=tokenizer); a collator on the tokenizer beside model=
        if "model" in keywords and (any(facts.value(keywords.get(k)) is tokenizer for k in _TOKENIZER_KEYWORDS)
                                    or _collates_with(facts, node, keywords, tokenizer)):
            model = facts.model(keywords["model"])
            if model is not None:
                found.append((model, node))
        # model(**enc), model(enc["input_ids"]), model.generate(**enc)
        callee = node.func
        if isinstance(callee, ast.Attribute) and callee.attr == "generate":
            callee = callee.value
        model = facts.model(callee)
        if model is not None and _given_encoding_of(facts, node, tokenizer):
            found.append((model, node))
        # the same checkpoint, unless the model is only ever given embeddings (``inputs_embeds=``)
        if checkpoint and isinstance(node.func, ast.Attribute) and node.func.attr == "from_pretrained":
            model = facts.model(node)
            if model is not None and facts.string(model.checkpoint) == checkpoint and not _embeds_only(facts, model):
                found.append((model, node))
    return found


def _collates_with(facts: "Facts", call: ast.Call, keywords: Dict[str, ast.expr], tokenizer: Tokenizer) -> bool:
    """Whether ``call``, given ``model=``, is a data collator built on ``tokenizer``
    (``DataCollatorForSeq2Seq(tokenizer, model=m)``) or is given one (``Trainer(model=m,
    data_collator=DataCollatorForLanguageModeling(tokenizer))``): its batches hold the tokenizer's ids."""
    values = [facts.value(call)] + [facts.value(v) for k, v in keywords.items() if k != "model"]
    return any(isinstance(v, Collator) and v.tokenizer is tokenizer for v in values)


def _superseded(facts: "Facts", addition: TokenAddition) -> frozenset:
    """Tokens added for a role (``{"pad_token": "[PAD]"}``) that the code then gives to another token
    (``tokenizer.pad_token_id = 0``, ``tokenizer.pad_token = tokenizer.eos_token``) further down the
    same body: the tokenizer no longer emits the added one, so its id never reaches a model."""
    if not addition.roles:
        return frozenset()
    later = set()
    for node in facts.nodes(ast.Attribute):
        if (isinstance(node.ctx, ast.Store) and node.lineno > addition.call.lineno
                and facts.value(node.value) is addition.tokenizer):
            later.add(node.attr[:-3] if node.attr.endswith("_id") else node.attr)
    return frozenset(t for role, tokens in addition.roles if role in later for t in tokens)


def _embeds_only(facts: "Facts", model: Model) -> bool:
    """Whether every use of ``model`` the document shows gives it ``inputs_embeds`` and no ids: then no
    token id indexes its embedding matrix. A model handed to anything else (a trainer, a pipeline, a
    function) may be given ids there: not embeddings only."""
    calls = 0
    for node in facts.nodes(ast.Call):
        callee = node.func
        if isinstance(callee, ast.Attribute) and callee.attr in ("generate", "forward"):
            callee = callee.value
        if facts.model(callee) == model:
            keywords = {k.arg for k in node.keywords}
            if node.args or None in keywords or "input_ids" in keywords or "inputs_embeds" not in keywords:
                return False
            calls += 1
        elif any(facts.model(a) == model for a in list(node.args) + [k.value for k in node.keywords]):
            return False
    return calls > 0


def resizes_embeddings(facts: "Facts") -> bool:
    """Whether anything in the document resizes embeddings (``model.resize_token_embeddings(...)``,
    or a function of that name): then which model it resizes is not ours to guess."""
    for node in facts.nodes((ast.Attribute, ast.Name, ast.FunctionDef, ast.AsyncFunctionDef)):
        if isinstance(node, ast.Attribute) and node.attr in _RESIZERS:
            return True
        if isinstance(node, ast.Name) and node.id in _RESIZERS:
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in _RESIZERS:
            return True
    return False


def _given_encoding_of(facts: "Facts", call: ast.Call, tokenizer: Tokenizer) -> bool:
    values = [facts.value(a.value if isinstance(a, ast.Starred) else a) for a in call.args]
    values += [facts.value(k.value) for k in call.keywords]
    for value in values:
        encoding = value.encoding if isinstance(value, EncodingField) else value
        if isinstance(encoding, Encoding) and encoding.tokenizer is tokenizer:
            return True
    return False


def _strings(facts: "Facts", expr: ast.expr, tokenizer: Tokenizer) -> Optional[Tuple[str, ...]]:
    """The token strings ``expr`` spells out: a string, an ``AddedToken("...")``, a list of those;
    ``()`` for the tokenizer's own tokens; None when unknown."""
    if isinstance(expr, ast.Attribute) and facts.value(expr.value) is tokenizer:
        return ()  # tokenizer.eos_token: a token the vocabulary already holds
    if isinstance(expr, (ast.List, ast.Tuple)):
        result: List[str] = []
        for element in expr.elts:
            found = _strings(facts, element, tokenizer)
            if found is None:
                return None
            result.extend(found)
        return tuple(result)
    if isinstance(expr, ast.Call) and facts.qualified_name(expr.func) in _ADDED_TOKEN and expr.args:
        return _strings(facts, expr.args[0], tokenizer)
    value = facts.constant(expr)
    if isinstance(value, Constant) and isinstance(value.value, str):
        return (value.value,)
    if isinstance(value, TupleValue) and all(isinstance(v, Constant) and isinstance(v.value, str) for v in value.items):
        return tuple(v.value for v in value.items)
    return None
