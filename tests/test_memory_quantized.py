"""Quantized weights (bitsandbytes through ``BitsAndBytesConfig``) in the memory model: the bytes of one
quantized weight by hand, and which parameters transformers quantizes, against a real model's modules
(bitsandbytes is not installed here: the packing itself is the formula of its source, see
``memory.quantized_weight_bytes``)."""

import pytest

from tf_lint.knowledge import memory
from tf_lint.knowledge.configs import BUNDLED

FOUR = memory.Quantization(bits=4)
FOUR_DOUBLE = memory.Quantization(bits=4, double_quant=True)
EIGHT = memory.Quantization(bits=8)


def test_one_weight_by_hand():
    shape = (4096, 4096)
    n = 4096 * 4096  # 16,777,216 values, 262,144 blocks of 64
    # 4-bit: two values a byte, a float32 absmax per block, the 16-value float32 code.
    assert memory.quantized_weight_bytes(shape, FOUR) == n // 2 + 4 * (n // 64) + 64 == 9_437_248
    # Double quantization: a uint8 absmax per block, a float32 absmax per 256 blocks, the float32 offset,
    # the weight's own copy of the 256-value float32 map of the second quantization.
    assert memory.quantized_weight_bytes(shape, FOUR_DOUBLE) == \
        n // 2 + n // 64 + 4 * 1024 + 4 + 1024 + 64 == 8_655_940
    # 8-bit: an int8 per value and a float32 scale per output row.
    assert memory.quantized_weight_bytes(shape, EIGHT) == n + 4 * 4096


def test_odd_sizes_round_up():
    # 3 × 43 = 129 values: 65 bytes packed, 3 blocks of 64 (the last one partial).
    assert memory.quantized_weight_bytes((3, 43), FOUR) == 65 + 4 * 3 + 64
    assert memory.quantized_weight_bytes((3, 43), FOUR_DOUBLE) == 65 + 3 + 4 + 4 + 1024 + 64


def test_llama_2_7b_by_hand():
    """Llama-2-7b: 32 layers of q/k/v/o 4096² and gate/up/down 4096 × 11008 quantized; the embedding table
    and the untied LM head (32000 × 4096 each) and the norms kept, here in float32."""
    quantized, rest = memory.quantized_model_weights(BUNDLED["meta-llama/Llama-2-7b-hf"], "lm", FOUR_DOUBLE,
                                                     "float32")
    per_layer = 4 * memory.quantized_weight_bytes((4096, 4096), FOUR_DOUBLE) + \
        2 * memory.quantized_weight_bytes((11008, 4096), FOUR_DOUBLE) + \
        memory.quantized_weight_bytes((4096, 11008), FOUR_DOUBLE)
    assert quantized == 32 * per_layer
    assert rest == 4 * (2 * 32000 * 4096 + 32 * 2 * 4096 + 4096)
    # About 0.52 bytes per quantized parameter.
    assert 0.515 < quantized / (32 * (4 * 4096 * 4096 + 3 * 4096 * 11008)) < 0.517


def test_only_decoder_language_models():
    assert memory.quantized_model_weights(BUNDLED["google-bert/bert-base-uncased"], "lm", FOUR, "float32") is None
    assert memory.quantized_model_weights(BUNDLED["meta-llama/Llama-2-7b-hf"], "seq-cls", FOUR, "float32") is None


@pytest.mark.parametrize("model_type,extra", [
    ("llama", dict(num_key_value_heads=2, tie_word_embeddings=False)),
    ("qwen2", dict(num_key_value_heads=2, tie_word_embeddings=True)),
    ("gpt2", dict()),
])
def test_quantized_modules_match_transformers(model_type, extra):
    """The linear weights transformers would replace (every ``nn.Linear``/``Conv1D`` but the modules
    ``get_keys_to_not_convert`` keeps) and the rest, on a real tiny model: packed 8-bit bytes (n + 4 × rows)
    of those weights, and every other parameter in float32 (``prepare_model_for_kbit_training``)."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from transformers.pytorch_utils import Conv1D
    from transformers.quantizers.base import get_keys_to_not_convert

    sizes = dict(n_embd=64, n_layer=2, n_head=4, vocab_size=300, n_positions=128) if model_type == "gpt2" else \
        dict(hidden_size=64, intermediate_size=96, num_hidden_layers=2, num_attention_heads=4, vocab_size=300)
    config = transformers.AutoConfig.for_model(model_type, **sizes, **extra)
    model = transformers.AutoModelForCausalLM.from_config(config)
    keep = set(get_keys_to_not_convert(model))
    converted, quantized_ids = 0, set()
    for name, module in model.named_modules():
        if (type(module) is torch.nn.Linear or isinstance(module, Conv1D)) and \
                not any(name == k or name.startswith(k + ".") for k in keep):
            weight = module.weight
            # Conv1D stores (in, out); bitsandbytes quantizes the transposed (out, in) weight.
            rows = weight.shape[1] if isinstance(module, Conv1D) else weight.shape[0]
            converted += weight.numel() + 4 * rows
            quantized_ids.add(id(weight))
    rest = sum(4 * p.numel() for p in model.parameters() if id(p) not in quantized_ids)
    assert memory.quantized_model_weights(config.to_dict(), "lm", EIGHT, "float32") == (converted, rest)
