"""CPU verification of the memory estimator (``tf_lint.knowledge.memory``) against PyTorch itself.

* parameter counts: exact, against models instantiated on the ``meta`` device, 22 model types × heads;
* optimizer state: exact, against real optimizers after one step of a tiny model;
* activations: within 15% (measured error printed with ``-s``), against the tensors autograd saves for
  backward (``torch.autograd.graph.saved_tensors_hooks``), on small configs of several model types,
  batch and sequence sizes, float32 and bfloat16 autocast, with and without activation checkpointing.

The estimator models CUDA kernels. Two CPU kernels save differently and are left out here (the GPU test,
``tests/test_memory_gpu.py``, covers them): dropout (CPU saves a float mask, CUDA a 1-byte one; the
configs here set dropout to 0) and eager BERT-style softmax under autocast (CPU autocast keeps softmax
in bfloat16, CUDA autocast runs it in float32).
"""

import os
import subprocess
import sys

import pytest

from tf_lint.knowledge import memory
from tf_lint.knowledge.parameters import DECODERS, ENCODER_DECODERS, parameter_count

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from saved_tensors import saved_bytes  # noqa: E402 (needs torch)
transformers.logging.set_verbosity_error()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCE = 0.15
SMALL = dict(hidden_size=64, intermediate_size=96, num_hidden_layers=2, num_attention_heads=4, vocab_size=300)
# Small configs per model type: each family's own size names; variants exercise GQA, untied heads,
# head_dim != hidden/heads, biases, gated feed-forward and ALBERT's/ELECTRA's embedding size.
CONFIGS = {
    "bert": SMALL, "roberta": SMALL, "xlm-roberta": SMALL, "camembert": SMALL,
    "electra": dict(SMALL, embedding_size=32),
    "albert": dict(SMALL, embedding_size=32, num_hidden_groups=2, inner_group_num=1),
    "distilbert": dict(dim=64, hidden_dim=96, n_layers=2, n_heads=4, vocab_size=300),
    "gpt2": dict(n_embd=64, n_layer=2, n_head=4, vocab_size=300, n_positions=128),
    "opt": dict(hidden_size=64, ffn_dim=96, num_hidden_layers=2, num_attention_heads=4, vocab_size=300,
                word_embed_proj_dim=32, max_position_embeddings=128),
    "gpt_neox": dict(SMALL, tie_word_embeddings=False),
    "bloom": dict(hidden_size=64, n_layer=2, n_head=4, vocab_size=300),
    "llama": dict(SMALL, num_key_value_heads=2, head_dim=32),
    "mistral": dict(SMALL, num_key_value_heads=1),
    "qwen2": dict(SMALL, num_key_value_heads=2, tie_word_embeddings=True),
    "qwen3": dict(SMALL, num_key_value_heads=2, head_dim=16, attention_bias=True),
    "gemma": dict(SMALL, num_key_value_heads=1, head_dim=16),
    "gemma2": dict(SMALL, num_key_value_heads=2, head_dim=16),
    "phi3": dict(SMALL, num_key_value_heads=2, pad_token_id=0),
    "smollm3": dict(SMALL, num_key_value_heads=2, pad_token_id=0),
    "mixtral": dict(SMALL, num_key_value_heads=2, num_local_experts=4),
    "t5": dict(d_model=64, d_ff=96, num_layers=2, num_decoder_layers=3, num_heads=4, d_kv=8, vocab_size=300),
    "mt5": dict(d_model=64, d_ff=96, num_layers=2, num_heads=4, d_kv=16, vocab_size=300,
                tie_word_embeddings=False),
    "bart": dict(d_model=64, encoder_ffn_dim=96, decoder_ffn_dim=80, encoder_layers=2, decoder_layers=1,
                 encoder_attention_heads=4, decoder_attention_heads=4, vocab_size=300, max_position_embeddings=128),
    "mbart": dict(d_model=64, encoder_ffn_dim=96, decoder_ffn_dim=96, encoder_layers=1, decoder_layers=2,
                  encoder_attention_heads=4, decoder_attention_heads=4, vocab_size=300,
                  max_position_embeddings=128),
}


def _config(model_type, **extra):
    return transformers.AutoConfig.for_model(model_type, **{**CONFIGS[model_type], **extra})


def _auto_class(model_type, head):
    if head == "base":
        return transformers.AutoModel
    if head == "seq-cls":
        return transformers.AutoModelForSequenceClassification
    if head == "token-cls":
        return transformers.AutoModelForTokenClassification
    if model_type in DECODERS:
        return transformers.AutoModelForCausalLM
    if model_type in ENCODER_DECODERS:
        return transformers.AutoModelForSeq2SeqLM
    return transformers.AutoModelForMaskedLM


def _heads(model_type):
    heads = ["base", "lm", "seq-cls"]
    if model_type not in ENCODER_DECODERS and model_type != "opt":
        heads.append("token-cls")
    return heads


@pytest.mark.parametrize("model_type", sorted(CONFIGS))
def test_parameter_count_matches_meta_device(model_type):
    config = _config(model_type)
    for head in _heads(model_type):
        with torch.device("meta"):
            model = _auto_class(model_type, head).from_config(config)
        expected = sum(p.numel() for p in model.parameters())
        assert parameter_count(config.to_dict(), head) == expected, (model_type, head)


def test_parameter_count_of_full_size_defaults():
    """Full-size configs (the config classes' defaults) too: bert-base, gpt2 and Llama-2-7B sizes."""
    for model_type, cls, expected_b in (("bert", transformers.AutoModel, 0.109), ("gpt2", transformers.AutoModelForCausalLM, 0.124),
                                        ("llama", transformers.AutoModelForCausalLM, 6.74)):
        config = transformers.AutoConfig.for_model(model_type)
        with torch.device("meta"):
            model = cls.from_config(config)
        expected = sum(p.numel() for p in model.parameters())
        head = "base" if cls is transformers.AutoModel else "lm"
        assert parameter_count(config.to_dict(), head) == expected
        assert abs(expected / 1e9 - expected_b) < 0.01


def test_at_least_twenty_model_types():
    assert len(CONFIGS) >= 20


# --- optimizer state ---------------------------------------------------------------------------------
def _tiny_model():
    config = _config("llama")
    torch.manual_seed(0)
    return config, transformers.AutoModelForCausalLM.from_config(config)


def _one_step(model, optimizer):
    ids = torch.randint(0, 300, (2, 16))
    model(input_ids=ids, labels=ids).loss.backward()
    optimizer.step()


def _state_bytes(optimizer):
    total = 0
    for state in optimizer.state.values():
        for name, value in state.items():
            if torch.is_tensor(value) and name != "step":
                total += value.numel() * value.element_size()
    return total


@pytest.mark.parametrize("optim", ["adamw_torch", "adafactor", "sgd", "adagrad", "rmsprop"])
def test_optimizer_state_matches_a_real_optimizer(optim):
    config, model = _tiny_model()
    params = [p for p in model.parameters() if p.requires_grad]
    if optim == "adamw_torch":
        optimizer = torch.optim.AdamW(params, lr=1e-3)
    elif optim == "adafactor":  # as Trainer builds it (trainer_optimizer.py)
        optimizer = transformers.optimization.Adafactor(params, lr=1e-3, scale_parameter=False, relative_step=False)
    elif optim == "sgd":  # Trainer: torch.optim.SGD with the default momentum=0
        optimizer = torch.optim.SGD(params, lr=1e-3)
    elif optim == "adagrad":
        optimizer = torch.optim.Adagrad(params, lr=1e-3)
    else:
        optimizer = torch.optim.RMSprop(params, lr=1e-3)
    _one_step(model, optimizer)
    measured = _state_bytes(optimizer)
    shapes = [(n, tuple(p.shape)) for n, p in model.named_parameters()]
    estimated = memory.optimizer_state_bytes(shapes, optim, 4)
    print(f"\noptimizer {optim}: measured {measured} B, estimated {estimated} B")
    assert estimated == measured


def test_lora_trainable_parameters():
    """PEFT's LoRA on q_proj/v_proj: r × (in + out) per adapted matrix (peft is not a dependency: the
    count is checked against the formula on the config's real shapes)."""
    config = _config("llama")
    shapes = memory.parameter_shapes(config.to_dict(), "lm")
    adapters = memory._trainable(shapes, "llama", memory.Lora(rank=4))
    h, q_out, kv_out = 64, 4 * 32, 2 * 32
    assert sum(memory.numel(s) for _, s in adapters) == 2 * 4 * ((h + q_out) + (h + kv_out))


# --- activations ---------------------------------------------------------------------------------------
def _saved_bytes(model, inputs, mixed):
    return saved_bytes(model, inputs, mixed is not None)


NO_DROPOUT = {
    "llama": {}, "qwen2": {}, "gemma": {},
    "gpt2": dict(attn_pdrop=0.0, resid_pdrop=0.0, embd_pdrop=0.0),
    "bert": dict(hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0),
    "roberta": dict(hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0),
}
ACTIVATION_CASES = [
    (t, attention, mixed, batch, seq)
    for t in NO_DROPOUT
    for attention in ("sdpa", "eager")
    for mixed in (None, "bf16")
    for batch, seq in ((2, 64), (3, 96))
    if not (t in ("bert", "roberta") and attention == "eager" and mixed)  # CPU autocast softmax: see above
]
ERRORS = []


def _build(model_type, attention, layers, checkpointing=False):
    key = {"gpt2": "n_layer"}.get(model_type, "num_hidden_layers")
    config = _config(model_type, **NO_DROPOUT[model_type], **{key: layers})
    torch.manual_seed(0)
    model = _auto_class(model_type, "lm").from_config(config, attn_implementation=attention)
    model.train()
    if checkpointing:
        # Reentrant checkpointing saves each layer's inputs through save_for_backward, where the
        # hooks see them (the default, non-reentrant one keeps them out of their reach).
        model.activation_checkpointing_enable(activation_checkpointing_kwargs={"use_reentrant": True})
    return config, model


@pytest.mark.parametrize("model_type,attention,mixed,batch,seq", ACTIVATION_CASES)
def test_activation_bytes_match_saved_tensors(model_type, attention, mixed, batch, seq):
    config, model = _build(model_type, attention, 3)
    ids = torch.randint(0, 300, (batch, seq))
    measured, copies = _saved_bytes(model, dict(input_ids=ids, labels=ids), mixed)
    setup = memory.Setup(batch=batch, seq=seq, attention=attention, mixed=mixed)
    found = memory.activation_bytes(config.to_dict(), setup)
    estimated = found.saved + memory.logits_saved_bytes(config.to_dict(), setup)
    error = (estimated - measured) / measured
    line = f"activations {model_type:8} {attention:5} {mixed or 'fp32':5} b={batch} s={seq}: error {error:+.1%}"
    if mixed:
        shapes = memory.parameter_shapes(config.to_dict(), "lm")
        estimated_copies = 2 * memory._matmul_params(shapes, memory.Config(config.to_dict()))
        copy_error = (estimated_copies - copies) / copies
        line += f"; weight copies error {copy_error:+.1%}"
        assert abs(copy_error) <= TOLERANCE
    print("\n" + line)
    assert abs(error) <= TOLERANCE


@pytest.mark.parametrize("model_type", ["llama", "gpt2", "bert"])
@pytest.mark.parametrize("mixed", [None, "bf16"])
def test_activation_bytes_with_checkpointing(model_type, mixed):
    batch, seq = 2, 64
    ids = torch.randint(0, 300, (batch, seq))
    inputs = dict(input_ids=ids, labels=ids)
    # One layer's activations (what backward recomputes at a time): the difference of 3 and 2 layers.
    _, three = _build(model_type, "sdpa", 3)
    _, two = _build(model_type, "sdpa", 2)
    one_layer = _saved_bytes(three, inputs, mixed)[0] - _saved_bytes(two, inputs, mixed)[0]
    config, model = _build(model_type, "sdpa", 3, checkpointing=True)
    kept, _ = _saved_bytes(model, inputs, mixed)
    measured = kept + one_layer
    setup = memory.Setup(batch=batch, seq=seq, mixed=mixed, checkpointing=True)
    found = memory.activation_bytes(config.to_dict(), setup)
    estimated = found.saved + found.recompute + memory.logits_saved_bytes(config.to_dict(), setup)
    error = (estimated - measured) / measured
    print(f"\nactivations+checkpointing {model_type:6} {mixed or 'fp32':5}: error {error:+.1%}")
    assert abs(error) <= TOLERANCE


# --- the lint path ---------------------------------------------------------------------------------------
def test_lint_path_imports_neither_torch_nor_transformers():
    program = (
        "import sys\n"
        "from tf_lint.cli import main\n"
        "code = main(['check', '--no-cache', '-q', 'fixtures/TFL401/bad_llama8b_full_finetune.py', "
        "'fixtures/TFL402/bad_gpt2_predict.py'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers', 'libcst'))\n"
        "print('HEAVY', heavy)\n"
        "sys.exit(0 if code == 1 and not heavy else 3)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "TF_LINT_NO_POOL": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "TFL401" in result.stdout and "TFL402" in result.stdout


def test_estimate_command_json():
    import json



    result = subprocess.run([sys.executable, "-m", "tf_lint", "estimate", "--format", "json",
                             "fixtures/TFL401/bad_llama8b_full_finetune.py"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (reports,) = data.values()
    train = reports[0]["train"]
    assert reports[0]["model"] == "meta-llama/Llama-3.1-8B"
    assert reports[0]["parameters"] == 8030261248  # Llama 3.1 8B's published count
    assert not train["fits"] and train["largest_batch"] == 4
    assert sum(train["terms"].values()) == train["total"]

