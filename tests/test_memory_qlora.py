"""The memory model of a 4-bit quantized model trained through LoRA adapters (QLoRA), against real
bitsandbytes: the packed weights' bytes, exactly, and the tensors autograd saves in the forward pass.

Tiny Llama, Qwen2 and GPT-2 models are saved in bfloat16 and loaded back as transformers does it for
training (``from_pretrained(..., quantization_config=BitsAndBytesConfig(load_in_4bit=True, ...))``), then
prepared by PEFT (``prepare_model_for_kbit_training``) and given LoRA adapters (``get_peft_model``).
bitsandbytes runs 4-bit layers on the CPU through the same autograd function as on CUDA
(``MatMul4Bit``: it saves no activation, only the packed weight, on either device; see docs/memory.md),
so what the CPU saves stands for the GPU, except the kernel differences the GPU test covers
(``tests/test_memory.py``'s docstring). The adapters' dropout is 0 here: the CPU saves a float mask where
CUDA saves a 1-byte one.

Needs bitsandbytes and PEFT (``nox -s runtime-trl``, the "new" stack); skips without them.
"""

import pytest

from tf_lint.knowledge import memory

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
peft = pytest.importorskip("peft", reason="PEFT is not installed (nox -s runtime-trl installs it)")
bnb = pytest.importorskip("bitsandbytes", reason="bitsandbytes is not installed (nox -s runtime-trl installs it)")

from saved_tensors import saved_bytes  # noqa: E402 (needs torch)

transformers.logging.set_verbosity_error()

TOLERANCE = 0.15
SMALL = dict(hidden_size=64, intermediate_size=96, num_attention_heads=4, vocab_size=300)
CONFIGS = {
    "llama": dict(SMALL, num_key_value_heads=2, head_dim=32),
    "qwen2": dict(SMALL, num_key_value_heads=2, tie_word_embeddings=True),
    "gpt2": dict(n_embd=64, n_head=4, vocab_size=300, n_positions=128, attn_pdrop=0.0, resid_pdrop=0.0,
                 embd_pdrop=0.0),
}
ALL_LINEAR = {"llama": ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"),
              "qwen2": ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"),
              "gpt2": ("c_attn", "c_proj", "c_fc")}


def _load(tmp_path, model_type, layers, double_quant=True, targets=None, checkpointing=False, attention="sdpa"):
    """A tiny model saved in bfloat16 and loaded back in 4 bits, prepared for training, with adapters."""
    key = "n_layer" if model_type == "gpt2" else "num_hidden_layers"
    config = transformers.AutoConfig.for_model(model_type, **CONFIGS[model_type], **{key: layers})
    folder = tmp_path / f"{model_type}-{layers}"
    if not folder.exists():
        torch.manual_seed(0)
        transformers.AutoModelForCausalLM.from_config(config).to(torch.bfloat16).save_pretrained(folder)
    quantization = transformers.BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                                                   bnb_4bit_use_double_quant=double_quant,
                                                   bnb_4bit_compute_dtype=torch.bfloat16)
    model = transformers.AutoModelForCausalLM.from_pretrained(folder, quantization_config=quantization,
                                                              dtype=torch.bfloat16, attn_implementation=attention)
    # Checkpointing as the hooks can see it: reentrant checkpointing saves each layer's input through
    # save_for_backward (tests/test_memory.py does the same).
    model = peft.prepare_model_for_kbit_training(
        model, use_gradient_checkpointing=checkpointing,
        gradient_checkpointing_kwargs={"use_reentrant": True} if checkpointing else None)
    model = peft.get_peft_model(model, peft.LoraConfig(r=8, lora_alpha=16, lora_dropout=0.0,
                                                       target_modules=list(targets) if targets else None,
                                                       task_type="CAUSAL_LM"))
    model.train()
    return config, model


@pytest.mark.parametrize("model_type", sorted(CONFIGS))
@pytest.mark.parametrize("double_quant", [False, True])
def test_packed_weights_match_bitsandbytes(tmp_path, model_type, double_quant):
    """Every ``Linear4bit`` weight's packed values and quantization state (absmax, code, and with double
    quantization the second absmax, its map and offset), and every other parameter in float32 after
    ``prepare_model_for_kbit_training``, to the byte."""
    config, model = _load(tmp_path, model_type, 2, double_quant)
    packed, seen, packed_ids = 0, set(), set()
    for module in model.modules():
        if isinstance(module, bnb.nn.Linear4bit):
            weight, state = module.weight, module.weight.quant_state
            packed_ids.add(id(weight))
            tensors = [weight.data, state.absmax, state.code]
            if state.nested:
                tensors += [state.state2.absmax, state.state2.code, state.offset]
            for tensor in tensors:
                if tensor.data_ptr() not in seen:
                    seen.add(tensor.data_ptr())
                    packed += tensor.numel() * tensor.element_size()
    base = [p for n, p in model.named_parameters() if "lora_" not in n]
    other = sum(p.numel() * p.element_size() for p in base if id(p) not in packed_ids)
    quantization = memory.Quantization(4, double_quant)
    assert memory.quantized_model_weights(config.to_dict(), "lm", quantization, "float32") == (packed, other)


def _saved_bytes(model, inputs, mixed):
    """Bytes autograd saves, parameters and their 16-bit copies (autocast's casts of the LM head and the
    adapters) excluded."""
    return saved_bytes(model, inputs, mixed)[0]


ACTIVATION_CASES = [
    ("llama", "default", False, False), ("llama", "default", True, False), ("llama", "default", True, True),
    ("llama", "all", False, False), ("llama", "all", True, False), ("llama", "all", False, True),
    ("qwen2", "default", True, False), ("qwen2", "all", False, True),
    ("gpt2", "default", False, False), ("gpt2", "default", True, True), ("gpt2", "all", True, False),
    ("llama", "default", False, False, "eager"), ("llama", "all", True, False, "eager"),
]


@pytest.mark.parametrize("model_type,targets,mixed,checkpointing,attention",
                         [case if len(case) == 5 else case + ("sdpa",) for case in ACTIVATION_CASES])
def test_activations_match_saved_tensors(tmp_path, model_type, targets, mixed, checkpointing, attention):
    targets = ALL_LINEAR[model_type] if targets == "all" else None
    batch, seq = 2, 64
    ids = torch.randint(0, 300, (batch, seq))
    inputs = dict(input_ids=ids, labels=ids)
    config, model = _load(tmp_path, model_type, 3, targets=targets, checkpointing=checkpointing, attention=attention)
    measured = _saved_bytes(model, inputs, mixed)
    if checkpointing:
        # Backward re-runs one layer at a time: add one layer's saved tensors (3 layers less 2).
        three = _saved_bytes(_load(tmp_path, model_type, 3, targets=targets)[1], inputs, mixed)
        two = _saved_bytes(_load(tmp_path, model_type, 2, targets=targets)[1], inputs, mixed)
        measured += three - two
    setup = memory.Setup(batch=batch, seq=seq, mixed="bf16" if mixed else None, weights_dtype="float32",
                         checkpointing=checkpointing, lora=memory.Lora(8, targets), attention=attention,
                         quantization=memory.Quantization(4, True, compute_dtype="bfloat16",
                                                          source_dtype="bfloat16"))
    found = memory.activation_bytes(config.to_dict(), setup)
    estimated = found.saved + found.recompute + memory.logits_saved_bytes(config.to_dict(), setup)
    error = (estimated - measured) / measured
    print(f"\nqlora activations {model_type:6} {attention:5} {'all-linear' if targets else 'default':10} "
          f"{'bf16' if mixed else 'fp32':4} checkpointing={checkpointing!s:5}: error {error:+.1%}")
    assert abs(error) <= TOLERANCE


def test_the_4bit_matmul_saves_no_input():
    """The premise of the model: ``Linear4bit`` in training keeps nothing of its input for backward (the
    autograd function it runs, ``MatMul4Bit``, keeps the packed weight in ``ctx.tensors``, outside
    ``save_for_backward``), while the input's gradient still flows."""
    layer = bnb.nn.Linear4bit(64, 32, bias=False, compute_dtype=torch.bfloat16, quant_type="nf4")
    layer.load_state_dict({"weight": torch.randn(32, 64)})
    layer = layer.to("cpu")  # quantizes
    x = torch.randn(8, 64, requires_grad=True)
    saved = []
    with torch.autograd.graph.saved_tensors_hooks(lambda t: saved.append(t) or t, lambda t: t):
        out = layer(x)
    assert type(out.grad_fn).__name__ in ("ToCopyBackward0", "BackwardCFunction")
    assert not any(t.data_ptr() == x.data_ptr() or tuple(t.shape) == (8, 64) for t in saved)
    out.sum().backward()
    assert x.grad is not None and x.grad.shape == x.shape
