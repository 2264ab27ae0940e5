"""Peak GPU memory of one training step and of one evaluation step, from a model's config.

No torch, no transformers: every number is a formula over the config's sizes, the batch and sequence
length, the precision, the optimizer and the training options. Sizes are in bytes.

Training peak (the start of the backward pass, the moment every saved activation is still alive)::

    weights + weight copies + optimizer state + max(activations + logits, gradients) + CUDA context

  * **weights**: every parameter (``tf_lint.knowledge.parameters``, exact) × bytes of the weights' dtype
    (``torch_dtype``/``dtype``: 4 for float32, 2 for bfloat16/float16).
  * **weight copies**: under mixed precision (``fp16=True``/``bf16=True``: ``torch.autocast``), each matrix
    that a matmul uses is cast to 16 bits once per forward, kept in autocast's weight cache and saved for
    the backward pass: 2 bytes × the parameters of every ≥2-D tensor that feeds a matmul (all of them but
    input-only embeddings). Source: PyTorch's autocast weight cache (``aten/src/ATen/autocast_mode.cpp``,
    ``cached_cast``); Hugging Face's "Model training anatomy" guide gives the same 4 + 2 bytes/parameter.
  * **gradients**: trainable parameters × bytes of the weights' dtype (gradients take the parameter's
    dtype). Backward frees activations layer by layer while it allocates gradients, so the two are not
    added: the peak is the larger of (all activations + the LM head's gradient) and (all gradients).
    With gradient accumulation the gradients of the previous micro-batches are alive during the whole
    step, so then they add up.
  * **optimizer state**: per trainable parameter, by ``optim`` (``OPTIMIZER_STATE``): AdamW 2 states
    (exp_avg, exp_avg_sq) of the parameter's dtype; Adafactor (Trainer's default: no first moment,
    ``beta1=None``) factored second moments: a row and a column vector per matrix, a full vector per 1-D
    tensor (transformers ``optimization.py``); bitsandbytes 8-bit optimizers 1 byte per state element
    for tensors of ≥ 4096 elements plus one float32 absmax per 256-element block, 32-bit states below
    that size (bitsandbytes ``optim/optimizer.py``, ``min_8bit_size=4096``, block size 256); SGD as the
    Trainer builds it (``momentum=0``) none. (The ``step`` counters, a scalar per tensor, are left out.)
  * **activations**: what autograd saves for backward, counted per operation of each layer (``_layer``:
    every term names the op that saves it), summed over layers; eager attention also saves the
    ``heads × seq × seq`` score and probability matrices, SDPA/flash attention only the log-sum-exp. The
    accounting follows Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer
    Models" (§4.1, ``sbh(34 + 5as/h)`` bytes per layer for GPT-3 with 16-bit activations), term by term
    for each architecture's actual ops in transformers 5.24. With activation (gradient) checkpointing,
    each layer keeps only its input (``hidden_states``) and one layer is recomputed at a time during
    backward (``torch.utils.checkpoint``).
  * **logits**: ``batch × seq × vocab`` for a language-modelling head. The loss upcasts the logits to
    float32 (``loss_utils.ForCausalLMLoss``: ``logits.float()``), ``cross_entropy``'s ``log_softmax`` saves
    its float32 output, and at the start of backward the gradients of ``nll_loss`` and ``log_softmax``
    (float32) are allocated before it is freed: 12 bytes per logit, plus 2 for the 16-bit gradient that
    goes back into the LM head under mixed precision.
  * **CUDA context**: ``CUDA_CONTEXT_BYTES`` (0.5 GiB): the context, cuBLAS workspace and kernels that
    are resident on the device but not counted by ``torch.cuda.max_memory_allocated``.

Evaluation peak (``torch.no_grad``): weights + the largest transient of one layer + logits (the 16-bit or
float32 logits, their float32 upcast and the loss's ``log_softmax``) + CUDA context.

PEFT/LoRA: only adapters are trainable: gradients and optimizer state for ``rank × (in + out)`` per
adapted linear layer; activations are counted as for full fine-tuning (an upper bound: frozen linear
layers do not save their inputs).

QLoRA (``Setup.quantization``, bitsandbytes 4-bit): the packed weights (``quantized_model_weights``), the
other parameters in ``weights_dtype``, the activations of ``quantized_activation_bytes`` (4-bit layers
keep no input for backward), a 16-bit copy of the unpacked LM head only, and one weight dequantized at a
time (``dequantized_weight``). Measured against bitsandbytes 0.50.2 (``tests/test_memory_qlora.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Optional, Tuple

from tf_lint.knowledge.parameters import (
    DECODERS,
    ENCODER_DECODERS,
    HEADS,
    Config,
    Shapes,
    numel,
    parameter_shapes,
)

GIB = 1024 ** 3
CUDA_CONTEXT_BYTES = GIB // 2
# The fix aims below this fraction of the device: the caching allocator's fragmentation and the
# estimate's own error need room.
FIT_MARGIN = 0.85

DTYPE_BYTES = {"float32": 4, "fp32": 4, "float": 4, "bfloat16": 2, "bf16": 2, "float16": 2, "fp16": 2,
               "half": 2}

# --- optimizers ---------------------------------------------------------------------------------------
# ``optim`` value -> (kind, states). Source: transformers 5.24 ``training_args.OptimizerNames`` and
# ``trainer_optimizer.py``. kinds: "full" (states of the parameter's dtype), "8bit" (bitsandbytes),
# "adafactor" (factored), "none" (no state).
OPTIMIZER_STATE: Dict[str, Tuple[str, int]] = {
    "adamw_torch": ("full", 2),
    "adamw_torch_fused": ("full", 2),
    "adamw_torch_xla": ("full", 2),
    "adamw_torch_npu_fused": ("full", 2),
    "adamw_anyprecision": ("full", 2),
    "stable_adamw": ("full", 2),
    "paged_adamw_32bit": ("full", 2),
    "adamw_bnb_8bit": ("8bit", 2),
    "adamw_8bit": ("8bit", 2),
    "paged_adamw_8bit": ("8bit", 2),
    "ademamix": ("full", 3),
    "paged_ademamix_32bit": ("full", 3),
    "ademamix_8bit": ("8bit", 3),
    "paged_ademamix_8bit": ("8bit", 3),
    "lion_32bit": ("full", 1),
    "paged_lion_32bit": ("full", 1),
    "lion_8bit": ("8bit", 1),
    "paged_lion_8bit": ("8bit", 1),
    "adagrad": ("full", 1),
    "rmsprop": ("full", 1),
    "rmsprop_bnb_32bit": ("full", 1),
    "rmsprop_bnb": ("8bit", 1),
    "rmsprop_bnb_8bit": ("8bit", 1),
    "adafactor": ("adafactor", 0),
    "sgd": ("none", 0),
    "schedule_free_sgd": ("full", 1),
    "schedule_free_adamw": ("full", 2),
    "schedule_free_radam": ("full", 2),
}
# The default ``optim`` of transformers 5.x on torch ≥ 2.8 (``training_args.py``: ``default_optim``).
DEFAULT_OPTIMIZER = "adamw_torch_fused"
BNB_MIN_8BIT_SIZE = 4096
BNB_BLOCK = 256

# --- activations --------------------------------------------------------------------------------------
# How many intermediate-sized (``I``) tensors an activation function saves besides its output, in
# transformers 5.24 ``activations.py``: ``relu`` saves its output only; ``F.gelu``/``F.silu`` their input;
# ``NewGELUActivation`` (``gelu_new``, Python formula) the input, ``0.5*x``, ``tanh(...)`` and ``1+tanh``;
# ``QuickGELU`` (``x * sigmoid(1.702x)``) the input and the sigmoid.
ACTIVATION_SAVES = {"relu": 0, "gelu": 1, "gelu_pytorch_tanh": 1, "silu": 1, "swish": 1, "gelu_new": 4,
                    "gelu_fast": 4, "quick_gelu": 2, "gelu_python": 4}

# Architecture of each model type's layer for the activation count.
#   norm: "ln" (LayerNorm) or "rms" (RMSNorm in float32); norms: per layer; mlp: "gated" or "plain";
#   act: config keys naming the activation function; dropout: config keys of (hidden, attention) dropout.
_BLOCK: Dict[str, Dict[str, Any]] = {
    "bert": {"norm": "ln", "post_ln": True, "act": ("hidden_act",),
             "dropout": ("hidden_dropout_prob", "attention_probs_dropout_prob")},
    "distilbert": {"norm": "ln", "post_ln": True, "act": ("activation",), "dropout": ("dropout", "attention_dropout")},
    "gpt2": {"norm": "ln", "act": ("activation_function",), "dropout": ("resid_pdrop", "attn_pdrop")},
    "opt": {"norm": "ln", "act": ("activation_function",), "dropout": ("dropout", "attention_dropout")},
    "gpt_neox": {"norm": "ln", "act": ("hidden_act",), "dropout": ("hidden_dropout", "attention_dropout")},
    "bloom": {"norm": "ln", "act": ("gelu_bloom",), "dropout": ("hidden_dropout", "attention_dropout")},
    "llama": {"norm": "rms", "mlp": "gated", "act": ("hidden_act", "hidden_activation"),
              "dropout": (None, "attention_dropout")},
    "t5": {"norm": "rms", "act": ("dense_act_fn",), "dropout": ("dropout_rate", "dropout_rate")},
    "bart": {"norm": "ln", "post_ln": True, "act": ("activation_function",), "dropout": ("dropout", "attention_dropout")},
}
_BLOCK_OF = {
    **{t: "bert" for t in ("bert", "roberta", "xlm-roberta", "camembert", "electra", "albert")},
    "distilbert": "distilbert", "gpt2": "gpt2", "opt": "opt", "gpt_neox": "gpt_neox", "bloom": "bloom",
    **{t: "llama" for t in ("llama", "mistral", "qwen2", "qwen3", "gemma", "gemma2", "phi3", "smollm3")},
    "t5": "t5", "mt5": "t5", "bart": "bart", "mbart": "bart",
}
ACTIVATION_TYPES = frozenset(_BLOCK_OF)
# One projection for q, k and v (``c_attn``, ``query_key_value``, ``qkv_proj``); one for gate and up.
FUSED_QKV = frozenset({"gpt2", "gpt_neox", "bloom", "phi3"})
FUSED_GATE_UP = frozenset({"phi3"})
# Bloom's MLP uses its own ``bloom_gelu_forward`` (tanh formula, autograd function saving the input).
ACTIVATION_SAVES["gelu_bloom"] = 1


@dataclass(frozen=True)
class Lora:
    rank: int = 8
    # Module names as PEFT takes them (``q_proj``, ``query`` ...), "all-linear", or None: PEFT's default
    # for the model type.
    targets: Optional[Tuple[str, ...]] = None
    # ``lora_dropout``: each adapted module runs its own dropout on its input before ``lora_A``; None:
    # unknown (sized only where it does not matter: without quantization the estimate leaves it out).
    dropout: Optional[float] = 0.0


@dataclass(frozen=True)
class Setup:
    """One training or evaluation step."""

    batch: int
    seq: int
    training: bool = True
    mixed: Optional[str] = None  # "bf16" / "fp16": torch.autocast; None: off
    weights_dtype: str = "float32"
    optimizer: str = DEFAULT_OPTIMIZER
    checkpointing: bool = False
    attention: str = "sdpa"  # "sdpa", "flash_attention_2", "eager"
    lora: Optional[Lora] = None
    accumulation: int = 1
    head: str = "lm"
    # Processes that share the model (``accelerate launch``) and what each holds of it: None (a full
    # copy), "zero1" (1/N of the optimizer states), "zero2"/"shard_grad_op" (and of the gradients),
    # "zero3"/"full_shard" (and of the weights).
    processes: int = 1
    sharding: Optional[str] = None
    # TRL's preference trainers (``PREFERENCE_TRAINERS`` in ``tf_lint.estimate``): ``concatenated``, the
    # chosen and rejected rows of each example run through the model in one forward (``batch`` examples
    # are ``2 × batch`` rows); ``reference``, a frozen copy of the model is kept beside it and run under
    # ``torch.no_grad`` on the same rows; ``kl_rows``, KTO's mismatched completions, a second set of
    # ``batch`` rows that the policy and the reference run under ``torch.no_grad`` (``_reference_bytes``).
    concatenated: bool = False
    reference: bool = False
    kl_rows: bool = False
    # A model loaded with a bitsandbytes 4-bit ``quantization_config`` (``Quantization``): its linear
    # weights are packed, the others keep ``weights_dtype`` (float32 after PEFT's
    # ``prepare_model_for_kbit_training``); only LoRA adapters train (``quantized_activation_bytes``).
    quantization: Optional["Quantization"] = None


@dataclass
class Estimate:
    parameters: int
    trainable: int
    terms: Dict[str, int] = field(default_factory=dict)  # bytes, in report order

    @property
    def total(self) -> int:
        return sum(self.terms.values())

    def main_terms(self, n: int = 3) -> List[Tuple[str, int]]:
        items = [(k, v) for k, v in self.terms.items() if v > 0]
        return sorted(items, key=lambda kv: -kv[1])[:n]


def _dtype_name(name: Optional[str]) -> str:
    """One name per dtype (``bf16`` and ``torch.bfloat16`` are ``bfloat16``)."""
    name = str(name or "float32").replace("torch.", "").lower()
    return {"fp32": "float32", "float": "float32", "bf16": "bfloat16", "fp16": "float16", "half": "float16"}.get(
        name, name)


def dtype_bytes(name: Optional[str]) -> Optional[int]:
    if name is None:
        return 4
    return DTYPE_BYTES.get(str(name).replace("torch.", "").lower())


# --- parameters -----------------------------------------------------------------------------------------
# PEFT's default LoRA targets per model type (peft ``utils/constants.py``,
# ``TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING``), in this module's parameter names.
_LORA_DEFAULT = {
    **{t: ("q", "v") for t in ("bert", "roberta", "xlm-roberta", "camembert", "electra", "albert", "distilbert",
                               "opt", "llama", "mistral", "qwen2", "qwen3", "gemma", "gemma2", "smollm3",
                               "t5", "mt5", "bart", "mbart", "mixtral")},
    "gpt2": ("c_attn",), "gpt_neox": ("qkv",), "bloom": ("qkv",), "phi3": ("q", "k", "v"),
}
# PEFT module names -> this module's parameter names (transformers' module attribute names).
_LORA_NAMES = {
    "q_proj": "q", "k_proj": "k", "v_proj": "v", "o_proj": "o", "query": "q", "key": "k", "value": "v",
    "q_lin": "q", "k_lin": "k", "v_lin": "v", "out_lin": "o", "out_proj": "o", "dense": "o", "q": "q", "k": "k",
    "v": "v", "o": "o", "gate_proj": "gate", "up_proj": "up", "down_proj": "down", "c_attn": "c_attn",
    "c_proj": "c_proj", "c_fc": "c_fc", "fc1": "fc1", "fc2": "fc2", "lin1": "fc1", "lin2": "fc2",
    "query_key_value": "qkv", "qkv_proj": ("q", "k", "v"), "wi": "wi", "wo": "wo", "wi_0": "wi_0", "wi_1": "wi_1",
    "intermediate.dense": "fc1", "output.dense": "fc2", "dense_h_to_4h": "fc1", "dense_4h_to_h": "fc2",
}
_NOT_LINEAR = ("word", "pos", "type", "embed", "wte", "wpe", "shared", "lm_head", "relative", "score",
               "classifier", "cls_", "decoder", "pooler", "router", "experts")


def _trainable(shapes: Shapes, model_type: str, lora: Optional[Lora]) -> Optional[Shapes]:
    """The trainable tensors: all of them, or LoRA's A and B matrices."""
    if lora is None:
        return shapes
    if lora.targets is None:
        wanted = set(_LORA_DEFAULT.get(model_type, ()))
        if not wanted:
            return None
    elif lora.targets == ("all-linear",):
        wanted = None
    else:
        wanted = set()
        for target in lora.targets:
            mapped = _LORA_NAMES.get(target)
            if mapped is None:
                return None  # a module name we cannot place: unknown
            wanted.update(mapped if isinstance(mapped, tuple) else (mapped,))
    adapters: Shapes = []
    for name, shape in shapes:
        if len(shape) != 2 or not name.endswith(".weight") or name.startswith(_NOT_LINEAR):
            continue
        base = name[: -len(".weight")]
        if wanted is None or base in wanted or (model_type == "gpt2" and base == "mlp_proj" and "c_proj" in wanted):
            out_features, in_features = shape
            adapters += [(base + ".lora_A", (lora.rank, in_features)), (base + ".lora_B", (out_features, lora.rank))]
    return adapters


# --- quantized weights (bitsandbytes through transformers' BitsAndBytesConfig) ---------------------------
@dataclass(frozen=True)
class Quantization:
    """``BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_use_double_quant=...)`` or ``load_in_8bit=True``."""

    bits: int  # 4 or 8
    double_quant: bool = False  # ``bnb_4bit_use_double_quant``: bitsandbytes' ``compress_statistics``
    blocksize: int = 64  # ``quantize_4bit``'s default, which ``Linear4bit``'s weights use
    # ``bnb_4bit_compute_dtype`` (``BitsAndBytesConfig``'s default: float32) and the dtype the weights were
    # loaded in before packing (``QuantState.dtype``: what ``dequantize_4bit`` gives back).
    compute_dtype: str = "float32"
    source_dtype: str = "float32"


def quantized_weight_bytes(shape: Tuple[int, ...], quantization: Quantization) -> int:
    """Bytes one linear layer's weight takes once bitsandbytes has quantized it.

    4-bit (``bitsandbytes/functional.py``, ``quantize_4bit``): the values packed two per byte
    (``(n + 1) // 2`` uint8), one float32 ``absmax`` per block of ``blocksize`` (64) values, and the
    16-value NF4/FP4 code (``get_4bit_type``, a new float32 tensor per weight). With double quantization
    (``compress_statistics``) the absmax are quantized in turn (``quantize_blockwise(absmax,
    blocksize=256)``): one uint8 per block, a float32 absmax per 256 of them, the float32 ``offset`` and
    the 256-value float32 dynamic map, which ``quantize_blockwise`` copies into every weight's state
    (``code.to(A.device, copy=True)``; 0.50.2, counted on real weights by ``tests/test_memory_qlora.py``).
    8-bit (``Int8Params``, ``int8_vectorwise_quant``): int8 values and one float32 scale per output row (``SCB``)."""
    n = numel(shape)
    if quantization.bits == 8:
        return n + 4 * shape[0]
    blocks = -(-n // quantization.blocksize)
    code = 16 * 4
    if quantization.double_quant:
        return (n + 1) // 2 + blocks + 4 * -(-blocks // 256) + 4 + 256 * 4 + code
    return (n + 1) // 2 + 4 * blocks + code


def quantized_model_weights(config: Dict[str, Any], head: str, quantization: Quantization,
                            other_dtype: str) -> Optional[Tuple[int, int]]:
    """(quantized bytes, other bytes) of a model loaded with a bitsandbytes quantization config.

    transformers 5.24 (``integrations/bitsandbytes.py``, ``replace_with_bnb_linear``) replaces every
    ``nn.Linear`` (and GPT-2's ``Conv1D``) with ``Linear4bit``/``Linear8bitLt`` except the modules
    ``get_keys_to_not_convert`` returns (``quantizers/base.py``): the output embeddings (the LM head)
    and the weights tied to them. Embedding tables, norms and biases are not linear weights and keep
    ``other_dtype``: the loading dtype, or float32 after PEFT's ``prepare_model_for_kbit_training``
    (``utils/other.py``: "cast all non INT8 parameters to fp32", every float16/bfloat16 parameter; the
    packed weights are uint8 and stay). Decoder-only models with a language-modelling head only."""
    shapes = parameter_shapes(config, head)
    other = dtype_bytes(other_dtype)
    c = Config(config)
    if shapes is None or other is None or head != "lm" or c.model_type not in DECODERS:
        return None
    quantized = rest = 0
    for name, shape in shapes:
        if _is_quantized(name, shape):
            quantized += quantized_weight_bytes(shape, quantization)
        else:
            rest += numel(shape) * other
    return quantized, rest


def _is_quantized(name: str, shape: Tuple[int, ...]) -> bool:
    """Whether ``replace_with_bnb_linear`` packs this parameter: a linear layer's weight, not the LM head."""
    return len(shape) == 2 and name.endswith(".weight") and not name.startswith(_NOT_LINEAR)


def optimizer_state_bytes(trainable: Shapes, optimizer: str, param_bytes: int) -> Optional[int]:
    """Bytes of optimizer state after the first step, for the given trainable tensors."""
    entry = OPTIMIZER_STATE.get(optimizer)
    if entry is None:
        return None
    kind, states = entry
    total = 0
    for _, shape in trainable:
        n = numel(shape)
        if kind == "full":
            total += states * n * param_bytes
        elif kind == "8bit":
            if n >= BNB_MIN_8BIT_SIZE:
                total += states * (n + 4 * -(-n // BNB_BLOCK))
            else:
                total += states * 4 * n
        elif kind == "adafactor":
            total += 4  # ``state["RMS"]``: a float32 scalar tensor per parameter
            if len(shape) >= 2:
                total += param_bytes * (numel(shape[:-1]) + numel(shape[:-2] + shape[-1:]))
            else:
                total += param_bytes * n
    return total


def _matmul_params(shapes: Shapes, config: Config) -> int:
    """Parameters that feed a matmul (and get a 16-bit copy under autocast): every ≥2-D tensor but
    input-only embedding tables (a tied input embedding is the LM head's matrix: it counts)."""
    tied = config.tied(True)
    total = 0
    for name, shape in shapes:
        if len(shape) < 2 or name.startswith(("pos", "type", "wpe", "enc_pos", "dec_pos", "embed_positions",
                                               "relative")):
            continue
        if name in ("word", "wte", "embed_tokens", "shared", "embed_in") and not tied:
            continue
        total += numel(shape)
    return total


# --- activations ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Dims:
    h: int
    inner: int
    heads: int
    kv: int
    head_dim: int
    layers: int
    vocab: int


def _dims(c: Config, block: str) -> Optional[_Dims]:
    try:
        if block == "t5":
            heads = c.int("num_heads")
            return _Dims(c.int("d_model"), c.int("d_ff"), heads, heads, c.int("d_kv"), c.int("num_layers"),
                         c.int("vocab_size"))
        if block == "bart":
            heads = c.int("encoder_attention_heads")
            d = c.int("d_model")
            return _Dims(d, c.int("encoder_ffn_dim"), heads, heads, d // heads, c.int("encoder_layers"),
                         c.int("vocab_size"))
        h = c.int("hidden_size", "n_embd", "dim", "d_model", "n_embed")
        heads = c.int("num_attention_heads", "n_head", "n_heads", "num_heads")
        kv = c.int("num_key_value_heads", default=heads)
        inner = c.get("intermediate_size", "n_inner", "hidden_dim", "ffn_dim")
        if inner is None:
            inner = 4 * h
        layers = c.int("num_hidden_layers", "n_layer", "n_layers", "num_layers")
        return _Dims(h, int(inner), heads, kv, c.int("head_dim", default=h // heads), layers, c.int("vocab_size"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None


def _activation_name(c: Config, block: Dict[str, Any]) -> str:
    for key in block["act"]:
        if key == "gelu_bloom":
            return key
        value = c.get(key)
        if isinstance(value, str):
            name = value.lower()
            if name.startswith("gated-"):
                name = name[len("gated-"):]
            return name
    return "gelu"


def _dropout(c: Config, key: Optional[str]) -> float:
    if key is None:
        return 0.0
    value = c.get(key)
    return float(value) if isinstance(value, (int, float)) else 0.0


def _norm_bytes(kind: str, h: int, act: int, res: int, readers: int = 1) -> int:
    """Bytes per token one norm saves together with the linear layer that reads its output.

    LayerNorm (``aten::native_layer_norm``): its input, float32 mean and rstd, and its output (saved by
    the next linear; under autocast a 16-bit copy). RMSNorm (Llama's and T5's ``hidden.to(float32)
    .pow(2).mean()``, ``* rsqrt``, ``weight *``): the float32 input (``pow``), ``rsqrt`` (one float per
    token), the normalised tensor (``weight *``) and the output (the next linear). Under autocast each
    linear that reads the float32 output saves its own 16-bit cast (activation casts are not cached,
    only weight casts are): ``readers`` copies (3 for separate q/k/v projections, 2 for gate and up).
    """
    copies = readers if act != res else 1
    if kind == "rms":
        return 4 * h + 4 + res * h + copies * act * h
    return res * h + 8 + copies * act * h


def _attention_bytes(d: _Dims, seq: int, act: int, attention: str, attn_dropout: float, kv_seq: Optional[int] = None,
                     cross: bool = False) -> int:
    """Bytes per query token one attention block saves (after the norm/input linear).

    SDPA and flash attention (``aten::_scaled_dot_product_flash_attention`` /
    ``_efficient_attention``) save q, k, v, the output and a float32 log-sum-exp per head; dropout runs
    inside the kernel. Eager attention (``eager_attention_forward``) saves q and k for ``q @ kᵀ``, the
    float32 softmax output (plus its 16-bit cast under 16-bit activations), the probabilities after
    dropout with their 1-byte mask, v (repeated to all heads with GQA), and the transposed output copy
    that ``o_proj`` reads.
    """
    kv_seq = seq if kv_seq is None else kv_seq
    q_width, kv_width = d.heads * d.head_dim, d.kv * d.head_dim
    # Keys and values are produced per key token: scale them to per-query-token bytes.
    scale = kv_seq / seq
    if attention == "eager":
        scores = d.heads * kv_seq * (4 + (act if act != 4 else 0))
        if attn_dropout > 0:
            scores += d.heads * kv_seq * (1 + act)
        return act * q_width + int(act * 2 * q_width * scale) + scores + act * q_width
    return act * q_width + int(act * 2 * kv_width * scale) + act * q_width + 4 * d.heads


def _mlp_bytes(d: _Dims, act: int, name: str, gated: bool) -> int:
    """Bytes per token the MLP saves: what its activation function saves (``ACTIVATION_SAVES``), then
    gated (``down(act(gate(x)) * up(x))``): the activation's output and ``up``'s output (the product's
    operands) and the product (``down``'s input); plain (``fc2(act(fc1(x)))``): the activation's output
    (``fc2``'s input)."""
    saves = ACTIVATION_SAVES.get(name, 1)
    return (saves + (3 if gated else 1)) * act * d.inner


def _layer(c: Config, d: _Dims, block: Dict[str, Any], seq: int, act: int, res: int, attention: str,
           training: bool, kv_seq: Optional[int] = None, cross: bool = False) -> int:
    """Bytes per token saved by one transformer layer (self-attention + MLP, optionally cross-attention)."""
    name = _activation_name(c, block)
    hidden_key, attn_key = block["dropout"]
    hidden_dropout = _dropout(c, hidden_key) if training else 0.0
    attn_dropout = _dropout(c, attn_key) if training else 0.0
    norms = 2 + (1 if cross else 0)
    gated = block.get("mlp") == "gated" or str(c.get("feed_forward_proj", default="")).startswith("gated-")
    qkv_readers = 1 if c.model_type in FUSED_QKV else 3
    mlp_readers = 2 if gated and c.model_type not in FUSED_GATE_UP else 1
    total = _norm_bytes(block["norm"], d.h, act, res, qkv_readers)
    total += _norm_bytes(block["norm"], d.h, act, res, mlp_readers)
    if cross:  # the cross-attention's query projection (keys/values read the encoder output)
        total += _norm_bytes(block["norm"], d.h, act, res, 1)
    total += _attention_bytes(d, seq, act, attention, attn_dropout)
    if cross:
        total += _attention_bytes(d, seq, act, attention, attn_dropout, kv_seq=kv_seq, cross=True)
    total += _mlp_bytes(d, act, name, gated)
    # Dropout after each sub-layer: CUDA's fused dropout saves a 1-byte mask (``aten::native_dropout``).
    if hidden_dropout > 0:
        total += norms * d.h
    return total


@dataclass
class Activations:
    saved: int  # what autograd holds at the end of the forward pass (logits' log_softmax excluded)
    recompute: int  # checkpointing: one layer re-run during backward
    logits: int  # the loss's peak over batch × seq × vocab
    per_layer: int = 0  # bytes per layer (not checkpointed)


def activation_bytes(config: Dict[str, Any], setup: Setup) -> Optional[Activations]:
    """What the forward pass of one training micro-batch keeps for backward (see the module docstring)."""
    if setup.quantization is not None:
        return quantized_activation_bytes(config, setup)
    c = Config(config)
    block_name = _BLOCK_OF.get(c.model_type)
    if block_name is None:
        return None
    block = _BLOCK[block_name]
    d = _dims(c, block_name)
    if d is None:
        return None
    act = 2 if (setup.mixed or dtype_bytes(setup.weights_dtype) == 2) else 4
    res = dtype_bytes(setup.weights_dtype) or 4
    b, s = setup.batch, setup.seq
    attention = "eager" if setup.attention == "eager" else "sdpa"
    if block_name == "t5":
        attention = "eager"  # relative position bias: the score matrix is materialised
    per_token = _layer(c, d, block, s, act, res, attention, True)
    layers = d.layers
    encoder_decoder = c.model_type in ENCODER_DECODERS
    decoder_layers = 0
    decoder_per_token = 0
    if encoder_decoder:
        decoder_layers = c.int("num_decoder_layers", "decoder_layers", default=layers)
        decoder_per_token = _layer(c, d, block, s, act, res, attention, True, kv_seq=s, cross=True)
    tokens = b * s
    # Once per forward: input ids (int64), the final norm (pre-norm models) or the embedding norm
    # (post-norm models), the LM head's input.
    once = 8 * tokens + tokens * _norm_bytes(block["norm"], d.h, act, res)
    if encoder_decoder:
        once *= 2
    per_layer = per_token * tokens
    if setup.checkpointing:
        # Each checkpointed layer keeps its input hidden states; backward re-runs one layer at a time.
        saved = once + layers * tokens * res * d.h + decoder_layers * tokens * res * d.h
        recompute = max(per_layer, decoder_per_token * tokens)
    else:
        saved = once + layers * per_layer + decoder_layers * decoder_per_token * tokens
        recompute = 0
    logits = 0
    if setup.head == "lm":
        logits = tokens * d.vocab * (12 + (2 if act == 2 else 0))
        if c.model_type not in DECODERS and not encoder_decoder:
            # Masked-LM heads: dense + activation + LayerNorm before the decoder (BERT's transform).
            saved += tokens * (act * d.h + _norm_bytes("ln", d.h, act, res))
    return Activations(saved, recompute, logits, per_layer)


# --- activations of a 4-bit quantized model with LoRA adapters (QLoRA) -----------------------------------
# Block types whose quantized layer was measured against bitsandbytes 0.50.2 (``tests/test_memory_qlora.py``).
QUANTIZED_BLOCKS = frozenset({"llama", "gpt2"})
# Which tensor of a layer each adapted module reads (this module's parameter names): the attention
# norm's output, the attention output (``o_proj``'s input), the MLP norm's output, the MLP's inner
# product (``down_proj``'s input).
_LORA_INPUT = {"q": "attn_in", "k": "attn_in", "v": "attn_in", "c_attn": "attn_in", "qkv": "attn_in",
               "o": "attn_out", "c_proj": "attn_out", "gate": "mlp_in", "up": "mlp_in", "c_fc": "mlp_in",
               "fc1": "mlp_in", "down": "mlp_out", "mlp_proj": "mlp_out", "fc2": "mlp_out"}


def _frozen_norm_bytes(kind: str, h: int, res: int) -> int:
    """Bytes per token a norm with a frozen weight saves: RMSNorm its float32 input (``pow`` and ``*
    rsqrt``) and ``rsqrt`` (``weight *`` saves only the weight, which needs no gradient); LayerNorm
    (``aten::native_layer_norm``) its input, mean and rstd."""
    return 4 * h + 4 if kind == "rms" else res * h + 8


def _lora_bytes(adapters: Shapes, d: _Dims, act: int, res: int, mixed: bool, dropout: Optional[float],
                attention: str) -> Optional[int]:
    """Bytes per token one layer's LoRA adapters save (PEFT ``tuners/lora/bnb.py``, ``Linear4bit.forward``:
    ``lora_B(lora_A(dropout(x))) * scaling``, the adapters in float32). ``lora_A`` saves its input:
    under autocast its own 16-bit cast, one per adapted module; without autocast the tensor itself when it
    is already float32, shared by the modules that read it, else a float32 cast per module
    (``_cast_input_dtype``); ``o_proj``'s input without autocast is the very output SDPA saved (its
    kernels lay it out as (batch, seq, heads, head_dim), so the transpose before ``o_proj`` copies
    nothing; under autocast the CPU measurement shows a copy, counted). With ``lora_dropout`` each module
    saves its own dropout output and the
    dropout's 1-byte mask (CUDA's ``native_dropout``). ``lora_B`` saves ``lora_A``'s output (rank wide);
    the scaling and the sum save nothing."""
    if dropout is None:
        return None
    lora_dtype = 2 if mixed else 4
    widths = {"attn_in": (d.h, res), "attn_out": (d.heads * d.head_dim, act), "mlp_in": (d.h, res),
              "mlp_out": (d.inner, res)}
    modules: Dict[str, Tuple[str, int]] = {}
    for name, shape in adapters:
        if name.endswith(".lora_A"):
            base = name[: -len(".lora_A")]
            if base not in _LORA_INPUT:
                return None
            modules[base] = (_LORA_INPUT[base], shape[0])  # the same names in every layer: one layer's
    total = 0
    readers: Dict[str, int] = {}
    for group, rank in modules.values():
        readers[group] = readers.get(group, 0) + 1
        total += lora_dtype * rank
    for group, count in readers.items():
        width, dtype = widths[group]
        if dropout > 0:
            total += count * (lora_dtype + 1) * width
        elif group == "attn_out" and attention == "sdpa" and not mixed:
            continue  # ``o_proj``'s input is the output SDPA saved, seen through a transpose (measured)
        elif dtype == lora_dtype:
            total += lora_dtype * width
        else:
            total += count * lora_dtype * width
    return total


def quantized_activation_bytes(config: Dict[str, Any], setup: Setup) -> Optional[Activations]:
    """What the forward pass of a 4-bit quantized model with LoRA adapters keeps for backward.

    bitsandbytes 0.50.2 (``autograd/_functions.py``, ``MatMul4Bit.forward``) keeps only the packed weight
    (``ctx.tensors = (None, B)``), never the input: the gradient of the input is ``grad_output @
    dequantize_4bit(B)``, and the frozen weight needs none. ``Linear4bit.forward`` (``nn/modules.py``)
    casts its input to ``bnb_4bit_compute_dtype`` and its output back to the input's dtype; casts save
    nothing. So, per layer, what the layer saves apart from its linear layers' inputs: the norms (their
    weights frozen: ``_frozen_norm_bytes``), the attention (as ``_attention_bytes``: autocast still runs
    SDPA in 16 bits; eager attention's transposed output is read by the 4-bit ``o_proj`` only), the MLP's
    activation function and product in the residual stream's dtype (the 4-bit outputs come back in the
    norm output's dtype, and autocast leaves ``silu``/``gelu``/``mul`` alone), hidden dropout masks, and
    the adapters (``_lora_bytes``). Once per forward: the input ids and the final norm; the frozen LM head
    saves no input (its 16-bit weight copy under autocast is a weight copy). ``res``, the residual
    stream's bytes, is ``weights_dtype``'s: float32 after ``prepare_model_for_kbit_training``."""
    c = Config(config)
    block_name = _BLOCK_OF.get(c.model_type)
    if block_name not in QUANTIZED_BLOCKS or setup.lora is None or setup.attention not in ("sdpa", "eager",
                                                                                         "flash_attention_2"):
        return None
    block = _BLOCK[block_name]
    d = _dims(c, block_name)
    shapes = parameter_shapes(config, setup.head)
    if d is None or shapes is None:
        return None
    adapters = _trainable(shapes, c.model_type, setup.lora)
    res = dtype_bytes(setup.weights_dtype) or 4
    act = 2 if (setup.mixed or res == 2) else 4
    attention = "eager" if setup.attention == "eager" else "sdpa"
    lora = _lora_bytes(adapters or [], d, act, res, setup.mixed is not None, setup.lora.dropout, attention)
    if not adapters or lora is None:
        return None
    b, s = setup.batch, setup.seq
    name = _activation_name(c, block)
    hidden_key, attn_key = block["dropout"]
    per_token = 2 * _frozen_norm_bytes(block["norm"], d.h, res)
    per_token += _attention_bytes(d, s, act, attention, _dropout(c, attn_key))
    if attention == "eager":
        per_token -= act * d.heads * d.head_dim
    saves = ACTIVATION_SAVES.get(name, 1)
    if block.get("mlp") == "gated":
        per_token += (saves + 2) * res * d.inner
    else:
        per_token += max(saves, 1) * res * d.inner
    if _dropout(c, hidden_key) > 0:
        per_token += 2 * d.h
    per_token += lora
    tokens = b * s
    once = 8 * tokens + tokens * _frozen_norm_bytes(block["norm"], d.h, res)
    per_layer = per_token * tokens
    if setup.checkpointing:
        saved = once + d.layers * tokens * res * d.h
        recompute = per_layer
    else:
        saved = once + d.layers * per_layer
        recompute = 0
    logits = tokens * d.vocab * (12 + (2 if act == 2 else 0)) if setup.head == "lm" else 0
    return Activations(saved, recompute, logits, per_layer)


def logits_saved_bytes(config: Dict[str, Any], setup: Setup) -> int:
    """The part of the logits term that autograd saves in the forward pass: ``log_softmax``'s float32
    output (the rest are gradients allocated at the start of backward)."""
    c = Config(config)
    return 4 * setup.batch * setup.seq * c.int("vocab_size") if setup.head == "lm" else 0


def _eval_transient(config: Dict[str, Any], setup: Setup) -> Optional[int]:
    """The largest set of tensors alive at once inside one layer without autograd: the residual stream,
    the normalised input and the widest intermediate (the gated MLP holds gate, up and their product;
    eager attention the float32 scores and their cast)."""
    c = Config(config)
    block_name = _BLOCK_OF.get(c.model_type)
    if block_name is None:
        return None
    d = _dims(c, block_name)
    if d is None:
        return None
    act = 2 if (setup.mixed or dtype_bytes(setup.weights_dtype) == 2) else 4
    tokens = setup.batch * setup.seq
    mlp = (3 if _BLOCK[block_name].get("mlp") == "gated" else 2) * d.inner * act
    attention = 0
    if setup.attention == "eager" or block_name == "t5":
        attention = d.heads * setup.seq * (4 + act)
    return tokens * (3 * d.h * act + max(mlp, attention + 3 * d.heads * d.head_dim * act))


# --- the estimate --------------------------------------------------------------------------------------
def estimate(config: Dict[str, Any], setup: Setup) -> Optional[Estimate]:
    """Peak memory of one step, by term; None when the model type, optimizer or dtype is unknown."""
    head = setup.head if setup.head in ("base", "lm", "seq-cls", "token-cls") else "base"
    shapes = parameter_shapes(config, head)
    param_bytes = dtype_bytes(setup.weights_dtype)
    if shapes is None or param_bytes is None:
        return None
    c = Config(config)
    n_params = sum(numel(s) for _, s in shapes)
    if setup.reference and setup.processes > 1 and setup.sharding is not None:
        return None  # how a sharded run places the reference copy is not modelled
    quantization = setup.quantization
    if quantization is not None and (quantization.bits != 4 or not setup.training or setup.lora is None
                                     or setup.sharding is not None or setup.reference):
        return None  # 8-bit, evaluation, full fine-tuning of packed weights, sharding: not modelled
    rows = setup.batch * (2 if setup.concatenated else 1)
    if not setup.training:
        transient = _eval_transient(config, replace(setup, batch=rows))
        if transient is None:
            return None
        act = 2 if (setup.mixed or param_bytes == 2) else 4
        logits = 0
        if head == "lm":
            logits = rows * setup.seq * c.int("vocab_size") * (act + 4 + 4)
        terms = {"weights": n_params * param_bytes, "activations": transient, "logits": logits,
                 "cuda_context": CUDA_CONTEXT_BYTES}
        if setup.reference:
            terms["reference_weights"] = n_params * param_bytes
        if setup.sharding in ("zero3", "full_shard") and setup.processes > 1:
            layers = _layer_count(c)
            if layers is None:
                return None
            terms["gathered_layers"] = 2 * -(-terms["weights"] // layers)
            terms["weights"] = -(-terms["weights"] // setup.processes)
        return Estimate(n_params, 0, terms)
    trainable = _trainable(shapes, c.model_type, setup.lora)
    if trainable is None:
        return None
    n_trainable = sum(numel(s) for _, s in trainable)
    # LoRA adapters are float32 unless the model was loaded in 16 bits (PEFT keeps the adapter dtype
    # of the base layer, ``autocast_adapter_dtype=True`` upcasts 16-bit adapters to float32).
    trainable_bytes = 4 if setup.lora is not None else param_bytes
    optimizer = optimizer_state_bytes(trainable, setup.optimizer, trainable_bytes)
    activations = activation_bytes(config, replace(setup, head=head, batch=rows))
    if optimizer is None or activations is None:
        return None
    weights = n_params * param_bytes + (n_trainable * 4 if setup.lora is not None else 0)
    copies = 2 * _matmul_params(shapes, c) if setup.mixed and param_bytes == 4 else 0
    dequantized = 0
    if quantization is not None:
        packed = quantized_model_weights(config, head, quantization, setup.weights_dtype)
        if packed is None:
            return None
        weights = sum(packed) + n_trainable * 4
        packed_params = sum(numel(shape) for name, shape in shapes if _is_quantized(name, shape))
        # Under autocast only the weights that stay unpacked (the LM head) get a 16-bit copy.
        copies = 2 * (_matmul_params(shapes, c) - packed_params) if copies else 0
        # ``MatMul4Bit.backward``: ``dequantize_4bit(B)`` (the dtype the weight was loaded in) ``.to(
        # grad_output.dtype)`` (the compute dtype), one weight at a time, beside every saved activation.
        largest = max((numel(shape) for name, shape in shapes if _is_quantized(name, shape)), default=0)
        source, compute = quantization.source_dtype, quantization.compute_dtype
        cast = _dtype_name(compute) != _dtype_name(source)
        dequantized = largest * ((dtype_bytes(source) or 4) + ((dtype_bytes(compute) or 4) if cast else 0))
    gradients = n_trainable * trainable_bytes
    gathered = 0
    n = max(setup.processes, 1)
    if setup.sharding in ("zero1", "zero2", "zero3", "shard_grad_op", "full_shard") and n > 1:
        optimizer = -(-optimizer // n)
        if setup.sharding != "zero1":
            gradients = -(-gradients // n)
        if setup.sharding in ("zero3", "full_shard"):
            # Each process keeps 1/N of the weights (and of their 16-bit copies) and gathers the full
            # parameters of one layer at a time for its forward and backward, the next one prefetched:
            # two layers' worth (ZeRO-3's ``stage3_prefetch_bucket_size``, FSDP's ``backward_prefetch``).
            layers = _layer_count(c)
            if layers is None:
                return None
            gathered = 2 * -(-(n_params * param_bytes + copies) // layers)
            weights = -(-weights // n)
            copies = -(-copies // n)
    forward_state = activations.saved + activations.recompute + activations.logits + dequantized
    if setup.accumulation > 1:
        backward = forward_state + gradients
    else:
        backward = max(forward_state, gradients)
    terms = {
        "weights": weights,
        "weight_copies": copies,
        "gradients": gradients,
        "optimizer": optimizer,
        "activations": activations.saved + activations.recompute,
        "logits": activations.logits,
        "cuda_context": CUDA_CONTEXT_BYTES,
    }
    if gathered:
        terms["gathered_layers"] = gathered
    if dequantized:
        terms["dequantized_weight"] = dequantized
    if setup.reference:
        reference = _reference_bytes(config, setup, rows, n_params * param_bytes)
        if reference is None:
            return None
        terms["reference_weights"], terms["reference_forward"] = reference
    # ``terms`` lists every term; the overlap of activations and gradients is taken out here so that
    # the terms add up to the peak.
    overlap = forward_state + gradients - backward
    if overlap:
        terms["freed_during_backward"] = -overlap
    return Estimate(n_params, n_trainable, terms)


def _reference_bytes(config: Dict[str, Any], setup: Setup, rows: int, weights: int) -> Optional[Tuple[int, int]]:
    """(weights, forward peak) of a preference trainer's reference model.

    TRL's ``DPOTrainer`` keeps ``create_reference_model(model)``, a deep copy of the policy with its
    parameters frozen (same dtype, no gradients, no optimizer state), unless it is given a
    ``ref_model``, the policy is a PEFT model (the adapter is disabled instead) or
    ``precompute_ref_log_probs=True``. Its forward runs under ``torch.no_grad`` on the same
    concatenated rows after the policy's forward, while the policy's saved activations are alive: the
    largest layer transient and its logits (the activations' dtype). Autocast caches a 16-bit copy of
    each float32 weight that requires grad, under ``torch.no_grad`` too (``cached_cast``; shown on CPU by
    ``tests/test_memory_preference.py``): ``create_reference_model`` (TRL 0.9) freezes the copy, which then
    gets none, but TRL 1.16's ``DPOTrainer`` and ``KTOTrainer`` load the reference with
    ``create_model_from_path`` and leave its parameters requiring grad, so on float32 weights under
    mixed precision the reference's matmul weights get 16-bit copies for its forward: counted, an upper
    bound for the releases that freeze it. The forward's peak is added to the policy's backward peak
    although the two do not coincide: an upper bound.

    KTO (``kl_rows``): TRL's ``KTOTrainer`` also scores mismatched (prompt, completion) pairs, one per
    example, under ``torch.no_grad``, with the policy before its own forward and with the reference
    beside the completions. TRL 0.9's ``KTOTrainer.forward`` computes the KL rows' logits first and keeps
    them while it runs the completion rows (it reads both after), so the reference pass holds two sets of
    logits: counted so. TRL 1.16 scores both through a fused LM head (``add_fused_lm_head``: no
    ``batch × seq × vocab`` logits) one after the other, so this is an upper bound there. The policy's own
    KL pass runs before its forward with gradients and saves nothing for backward; in TRL 0.9 its logits
    (the model's output dtype) live until the completions' forward returns, before the backward's
    gradients of the logits are allocated, so they do not raise the peak that the logits term counts."""
    eval_setup = replace(setup, training=False, batch=rows, lora=None, reference=False, concatenated=False,
                         kl_rows=False)
    transient = _eval_transient(config, eval_setup)
    if transient is None:
        return None
    act = 2 if (setup.mixed or dtype_bytes(setup.weights_dtype) == 2) else 4
    logits = rows * setup.seq * Config(config).int("vocab_size") * act if setup.head == "lm" else 0
    copies = 0
    if setup.mixed and dtype_bytes(setup.weights_dtype) == 4:
        shapes = parameter_shapes(config, setup.head if setup.head in HEADS else "base")
        copies = 2 * _matmul_params(shapes, Config(config)) if shapes is not None else 0
    return weights, transient + logits * (2 if setup.kl_rows else 1) + copies


def _layer_count(c: Config) -> Optional[int]:
    try:
        return c.int("num_hidden_layers", "n_layer", "n_layers", "num_layers") + \
            c.int("num_decoder_layers", "decoder_layers", default=0)
    except (KeyError, TypeError, ValueError):
        return None


def largest_batch(config: Dict[str, Any], setup: Setup, device_bytes: int, margin: float = 1.0,
                  limit: int = 4096) -> int:
    """The largest per-device batch whose estimate fits ``device_bytes × margin`` (0: not even 1)."""
    budget = device_bytes * margin

    def fits(batch: int) -> bool:
        found = estimate(config, replace(setup, batch=batch))
        return found is not None and found.total <= budget

    if not fits(1):
        return 0
    low, high = 1, 2
    while high <= limit and fits(high):
        low, high = high, high * 2
    high = min(high, limit + 1)
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


def what_would_fit(config: Dict[str, Any], setup: Setup, device_bytes: int) -> List[str]:
    """Changes that make batch 1 fit, each alone, in the order people usually try them."""
    one = replace(setup, batch=1)
    options: List[Tuple[str, Setup]] = []
    if setup.training:
        if not setup.mixed and dtype_bytes(setup.weights_dtype) == 4:
            options.append(("bf16=True", replace(one, mixed="bf16")))
        if not setup.checkpointing:
            options.append(("activation_checkpointing=True", replace(one, checkpointing=True)))
        if OPTIMIZER_STATE.get(setup.optimizer, ("", 0))[0] == "full":
            options.append(('optim="adamw_bnb_8bit"', replace(one, optimizer="adamw_bnb_8bit")))
        if setup.lora is None:
            options.append(("LoRA (peft)", replace(one, lora=Lora())))
    else:
        if dtype_bytes(setup.weights_dtype) == 4:
            options.append(("dtype=torch.bfloat16", replace(one, weights_dtype="bfloat16")))
    found = []
    for label, candidate in options:
        result = estimate(config, candidate)
        if result is not None and result.total <= device_bytes:
            found.append(label)
    return found


def format_bytes(n: float) -> str:
    if abs(n) >= GIB:
        return f"{n / GIB:.1f} GiB"
    return f"{n / 1024 ** 2:.0f} MiB"


def format_count(n: int) -> str:
    if n >= 10 ** 9:
        return f"{n / 10 ** 9:.2f}B"
    if n >= 10 ** 6:
        return f"{n / 10 ** 6:.1f}M"
    return f"{n / 10 ** 3:.0f}K"
