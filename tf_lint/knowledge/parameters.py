"""Exact parameter shapes of Transformers models, computed from a config dict (no torch, no transformers).

Each architecture lists the ``nn.Parameter`` tensors its PyTorch modules create, read from transformers
5.24's ``models/<type>/modeling_<type>.py`` (module ``__init__`` methods) and its tying rules (a tied LM head
shares the input embedding's weight, so it is counted once, as ``model.parameters()`` does).
``tests/test_memory_params.py`` checks every architecture against a model instantiated on PyTorch's
``meta`` device.

Heads: ``"base"`` (``AutoModel``), ``"lm"`` (causal, masked or seq2seq language modelling head),
``"seq-cls"`` (``ForSequenceClassification``), ``"token-cls"`` (``ForTokenClassification``).
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

Shape = Tuple[int, ...]
Shapes = List[Tuple[str, Shape]]

HEADS = ("base", "lm", "seq-cls", "token-cls")


class Config:
    """Read access to a config dict with the aliases transformers' configs define (``attribute_map``)."""

    def __init__(self, data: Dict[str, Any]) -> None:
        self.data = data

    def get(self, *names: str, default: Any = None) -> Any:
        for name in names:
            value = self.data.get(name)
            if value is not None:
                return value
        return default

    def int(self, *names: str, default: Optional[int] = None) -> int:
        value = self.get(*names, default=default)
        if value is None:
            raise KeyError(names[0])
        return int(value)

    @property
    def model_type(self) -> str:
        return str(self.data.get("model_type", ""))

    @property
    def num_labels(self) -> int:
        labels = self.data.get("id2label")
        if isinstance(labels, dict) and labels:
            return len(labels)
        return int(self.data.get("num_labels", 2))

    def tied(self, default: bool = True) -> bool:
        value = self.data.get("tie_word_embeddings")
        return default if value is None else bool(value)


def _linear(name: str, n_in: int, n_out: int, bias: bool = True) -> Shapes:
    shapes: Shapes = [(name + ".weight", (n_out, n_in))]
    if bias:
        shapes.append((name + ".bias", (n_out,)))
    return shapes


def _norm(name: str, n: int, bias: bool = True) -> Shapes:
    return [(name + ".weight", (n,))] + ([(name + ".bias", (n,))] if bias else [])


def _prefixed(prefix: str, shapes: Shapes) -> Shapes:
    return [(f"{prefix}.{n}", s) for n, s in shapes]


# --- encoders -------------------------------------------------------------------------------------
def _bert_layer(h: int, inner: int) -> Shapes:
    """BertLayer / RobertaLayer / ElectraLayer: q, k, v, attention output, two LayerNorms, FFN."""
    return (_linear("q", h, h) + _linear("k", h, h) + _linear("v", h, h) + _linear("o", h, h) + _norm("ln1", h)
            + _linear("fc1", h, inner) + _linear("fc2", inner, h) + _norm("ln2", h))


def _bert(c: Config, head: str) -> Shapes:
    mt = c.model_type
    h = c.int("hidden_size")
    e = c.int("embedding_size", default=h) if mt in ("electra", "albert") else h
    v = c.int("vocab_size")
    shapes: Shapes = [("word", (v, e)), ("pos", (c.int("max_position_embeddings"), e))]
    if c.int("type_vocab_size", default=2) > 0:
        shapes.append(("type", (c.int("type_vocab_size", default=2), e)))
    shapes += _norm("emb_ln", e)
    if e != h:
        shapes += _linear("emb_proj", e, h)
    inner = c.int("intermediate_size")
    if mt == "albert":
        groups, per_group = c.int("num_hidden_groups", default=1), c.int("inner_group_num", default=1)
        shapes += _bert_layer(h, inner) * (groups * per_group)
    else:
        shapes += _bert_layer(h, inner) * c.int("num_hidden_layers")
    labels = c.num_labels
    # Which classes build the pooler (``add_pooling_layer``): BertModel, BertForSequenceClassification,
    # RobertaModel, AlbertModel, AlbertForSequenceClassification; never Electra.
    roberta_like = mt in ("roberta", "xlm-roberta", "camembert")
    pooler = mt != "electra" and (head == "base" or (head == "seq-cls" and not roberta_like))
    if pooler:
        shapes += _linear("pooler", h, h)
    if head == "lm":
        if mt == "albert":
            shapes += _norm("mlm_ln", e) + [("mlm_bias", (v,))] + _linear("mlm_dense", h, e)
        elif mt == "electra":
            shapes += _linear("gen_dense", h, e) + _norm("gen_ln", e) + [("gen_bias", (v,))]
        else:  # BERT's transform + tied decoder with its own bias; RoBERTa's dense + layer_norm the same
            shapes += _linear("mlm_dense", h, h) + _norm("mlm_ln", h) + [("mlm_bias", (v,))]
        if not c.tied():
            shapes.append(("decoder", (v, e)))
    elif head == "seq-cls":
        if roberta_like or mt == "electra":
            shapes += _linear("cls_dense", h, h) + _linear("cls_out", h, labels)
        else:
            shapes += _linear("classifier", h, labels)
    elif head == "token-cls":
        shapes += _linear("classifier", h, labels)
    return shapes


def _distilbert(c: Config, head: str) -> Shapes:
    h, v = c.int("dim", "hidden_size"), c.int("vocab_size")
    inner = c.int("hidden_dim", "intermediate_size")
    shapes: Shapes = [("word", (v, h)), ("pos", (c.int("max_position_embeddings"), h))] + _norm("emb_ln", h)
    layer = (_linear("q", h, h) + _linear("k", h, h) + _linear("v", h, h) + _linear("o", h, h) + _norm("ln1", h)
             + _linear("fc1", h, inner) + _linear("fc2", inner, h) + _norm("ln2", h))
    shapes += layer * c.int("n_layers", "num_hidden_layers")
    if head == "lm":
        shapes += _linear("vocab_transform", h, h) + _norm("vocab_ln", h) + [("vocab_bias", (v,))]
        if not c.tied():
            shapes.append(("vocab_projector", (v, h)))
    elif head == "seq-cls":
        shapes += _linear("pre_classifier", h, h) + _linear("classifier", h, c.num_labels)
    elif head == "token-cls":
        shapes += _linear("classifier", h, c.num_labels)
    return shapes


# --- decoder-only -----------------------------------------------------------------------------------
def _lm_head(c: Config, head: str, h: int, v: int, tied_default: bool) -> Shapes:
    if head == "lm":
        return [] if c.tied(tied_default) else [("lm_head", (v, h))]
    if head == "seq-cls":
        return [("score", (c.num_labels, h))]
    if head == "token-cls":
        return _linear("score", h, c.num_labels)
    return []


def _gpt2(c: Config, head: str) -> Shapes:
    h, v = c.int("n_embd", "hidden_size"), c.int("vocab_size")
    inner = c.int("n_inner", default=4 * h)
    shapes: Shapes = [("wte", (v, h)), ("wpe", (c.int("n_positions", "max_position_embeddings"), h))]
    layer = (_norm("ln_1", h) + _linear("c_attn", h, 3 * h) + _linear("c_proj", h, h) + _norm("ln_2", h)
             + _linear("c_fc", h, inner) + _linear("mlp_proj", inner, h))
    shapes += layer * c.int("n_layer", "num_hidden_layers") + _norm("ln_f", h)
    if head == "token-cls":
        return shapes + _linear("classifier", h, c.num_labels)
    return shapes + _lm_head(c, head, h, v, True)


def _opt(c: Config, head: str) -> Shapes:
    h, v = c.int("hidden_size"), c.int("vocab_size")
    e = c.int("word_embed_proj_dim", default=h)
    bias = bool(c.get("enable_bias", default=True))
    affine = bool(c.get("layer_norm_elementwise_affine", default=True))
    ffn = c.int("ffn_dim")
    shapes: Shapes = [("embed_tokens", (v, e)), ("embed_positions", (c.int("max_position_embeddings") + 2, h))]
    if e != h:
        shapes += _linear("project_out", h, e, False) + _linear("project_in", e, h, False)
    ln = _norm("ln", h) if affine else []
    layer = (_linear("k", h, h, bias) + _linear("v", h, h, bias) + _linear("q", h, h, bias)
             + _linear("o", h, h, bias) + ln + _linear("fc1", h, ffn, bias) + _linear("fc2", ffn, h, bias) + ln)
    shapes += layer * c.int("num_hidden_layers")
    if c.get("do_layer_norm_before", default=True) and not c.get("_remove_final_layer_norm", default=False):
        shapes += ln
    if head == "seq-cls":
        return shapes + [("score", (c.num_labels, e))]
    return shapes + _lm_head(c, head, e, v, True)


def _gpt_neox(c: Config, head: str) -> Shapes:
    h, v = c.int("hidden_size"), c.int("vocab_size")
    inner = c.int("intermediate_size")
    bias = bool(c.get("attention_bias", default=True))
    layer = (_norm("ln1", h) + _norm("ln2", h) + _linear("qkv", h, 3 * h, bias) + _linear("dense", h, h, bias)
             + _linear("fc1", h, inner) + _linear("fc2", inner, h))
    shapes: Shapes = [("embed_in", (v, h))] + layer * c.int("num_hidden_layers") + _norm("final_ln", h)
    return shapes + _lm_head(c, head, h, v, False)


def _bloom(c: Config, head: str) -> Shapes:
    h, v = c.int("hidden_size", "n_embed"), c.int("vocab_size")
    layer = (_norm("ln1", h) + _linear("qkv", h, 3 * h) + _linear("dense", h, h) + _norm("ln2", h)
             + _linear("fc1", h, 4 * h) + _linear("fc2", 4 * h, h))
    shapes: Shapes = [("word", (v, h))] + _norm("emb_ln", h) + layer * c.int("n_layer", "num_hidden_layers")
    shapes += _norm("ln_f", h)
    if head == "token-cls":
        return shapes + _linear("classifier", h, c.num_labels)
    return shapes + _lm_head(c, head, h, v, True)


# Llama-like decoders (pre-norm RMSNorm, rotary, gated MLP, optional GQA). Per type: which projections
# carry a bias, extra norms, and the default of ``tie_word_embeddings`` in transformers 5.24's config.
_LLAMA_LIKE: Dict[str, Dict[str, Any]] = {
    "llama": {"tied": False},
    "mistral": {"tied": False},
    "qwen2": {"tied": False, "qkv_bias": True},
    "qwen3": {"tied": False, "qk_norm": True},
    "gemma": {"tied": True},
    "gemma2": {"tied": True, "norms": 4},
    "phi3": {"tied": False},
    "smollm3": {"tied": True},
    "mixtral": {"tied": False, "moe": True},
}


def _head_dim(c: Config, h: int, heads: int) -> int:
    return c.int("head_dim", default=h // heads)


def _llama(c: Config, head: str) -> Shapes:
    traits = _LLAMA_LIKE[c.model_type]
    h, v = c.int("hidden_size"), c.int("vocab_size")
    heads = c.int("num_attention_heads")
    kv = c.int("num_key_value_heads", default=heads)
    d = _head_dim(c, h, heads)
    inner = c.int("intermediate_size")
    attention_bias = bool(c.get("attention_bias", default=False))
    qkv_bias = traits.get("qkv_bias", attention_bias)
    mlp_bias = bool(c.get("mlp_bias", default=False))
    layer = (_linear("q", h, heads * d, qkv_bias) + _linear("k", h, kv * d, qkv_bias)
             + _linear("v", h, kv * d, qkv_bias) + _linear("o", heads * d, h, attention_bias))
    if traits.get("qk_norm"):
        layer += _norm("q_norm", d, False) + _norm("k_norm", d, False)
    if traits.get("moe"):
        experts = c.int("num_local_experts")
        layer += [("router", (experts, h)), ("experts.gate_up", (experts, 2 * inner, h)),
                  ("experts.down", (experts, h, inner))]
    else:
        layer += (_linear("gate", h, inner, mlp_bias) + _linear("up", h, inner, mlp_bias)
                  + _linear("down", inner, h, mlp_bias))
    layer += _norm("norm", h, False) * traits.get("norms", 2)
    shapes: Shapes = [("embed_tokens", (v, h))] + layer * c.int("num_hidden_layers") + _norm("norm", h, False)
    return shapes + _lm_head(c, head, h, v, traits["tied"])


# --- encoder-decoder --------------------------------------------------------------------------------
def _t5(c: Config, head: str) -> Shapes:
    d, v = c.int("d_model"), c.int("vocab_size")
    inner = c.int("num_heads") * c.int("d_kv")
    ff = c.int("d_ff")
    gated = str(c.get("feed_forward_proj", default="relu")).startswith("gated-")
    attention = _linear("q", d, inner, False) + _linear("k", d, inner, False) + _linear("v", d, inner, False) \
        + _linear("o", inner, d, False) + _norm("ln", d, False)
    mlp = (_linear("wi_0", d, ff, False) + _linear("wi_1", d, ff, False) if gated else _linear("wi", d, ff, False)) \
        + _linear("wo", ff, d, False) + _norm("ln", d, False)
    relative = [("relative_bias", (c.int("relative_attention_num_buckets", default=32), c.int("num_heads")))]
    encoder_layers = c.int("num_layers")
    decoder_layers = c.int("num_decoder_layers", default=encoder_layers)
    shapes: Shapes = [("shared", (v, d))]
    shapes += (attention + mlp) * encoder_layers + relative + _norm("enc_final", d, False)
    shapes += (attention * 2 + mlp) * decoder_layers + relative + _norm("dec_final", d, False)
    if head == "lm" and not c.tied(True):
        shapes.append(("lm_head", (v, d)))
    elif head == "seq-cls":
        shapes += _linear("cls_dense", d, d) + _linear("cls_out", d, c.num_labels)
    elif head == "token-cls":
        raise ValueError("T5ForTokenClassification is encoder-only: not covered")
    return shapes


def _bart(c: Config, head: str) -> Shapes:
    d, v = c.int("d_model"), c.int("vocab_size")
    positions = c.int("max_position_embeddings") + 2  # BartLearnedPositionalEmbedding's offset of 2
    enc_ff, dec_ff = c.int("encoder_ffn_dim"), c.int("decoder_ffn_dim")
    attention = _linear("q", d, d) + _linear("k", d, d) + _linear("v", d, d) + _linear("o", d, d) + _norm("ln", d)
    enc_layer = attention + _linear("fc1", d, enc_ff) + _linear("fc2", enc_ff, d) + _norm("ln", d)
    dec_layer = attention * 2 + _linear("fc1", d, dec_ff) + _linear("fc2", dec_ff, d) + _norm("ln", d)
    final_norms = 2 if c.model_type == "mbart" else 1  # MBart adds a layer_norm after each stack
    shapes: Shapes = [("shared", (v, d))]
    shapes += [("enc_pos", (positions, d))] + enc_layer * c.int("encoder_layers") + _norm("ln", d) * final_norms
    shapes += [("dec_pos", (positions, d))] + dec_layer * c.int("decoder_layers") + _norm("ln", d) * final_norms
    if head == "lm" and not c.tied(True):
        shapes.append(("lm_head", (v, d)))
    elif head == "seq-cls":
        shapes += _linear("cls_dense", d, d) + _linear("cls_out", d, c.num_labels)
    return shapes


ARCHITECTURES: Dict[str, Callable[[Config, str], Shapes]] = {
    **{t: _bert for t in ("bert", "roberta", "xlm-roberta", "camembert", "electra", "albert")},
    "distilbert": _distilbert,
    "gpt2": _gpt2,
    "opt": _opt,
    "gpt_neox": _gpt_neox,
    "bloom": _bloom,
    **{t: _llama for t in _LLAMA_LIKE},
    "t5": _t5,
    "mt5": _t5,
    "bart": _bart,
    "mbart": _bart,
}

# Model types whose families are decoder-only / encoder-decoder (the others here are encoders).
DECODERS = frozenset({"gpt2", "opt", "gpt_neox", "bloom", *_LLAMA_LIKE})
ENCODER_DECODERS = frozenset({"t5", "mt5", "bart", "mbart"})


def parameter_shapes(config: Dict[str, Any], head: str = "base") -> Optional[Shapes]:
    """Every parameter tensor's (name, shape) of the model ``config`` describes, or None when the model
    type is not one this module knows (or the config lacks a size it needs)."""
    c = Config(config)
    build = ARCHITECTURES.get(c.model_type)
    if build is None or head not in HEADS:
        return None
    try:
        return build(c, head)
    except (KeyError, TypeError, ValueError):
        return None


def numel(shape: Shape) -> int:
    n = 1
    for size in shape:
        n *= size
    return n


def parameter_count(config: Dict[str, Any], head: str = "base") -> Optional[int]:
    shapes = parameter_shapes(config, head)
    return None if shapes is None else sum(numel(s) for _, s in shapes)
