"""A checkpoint's config, found without the network: a local folder's ``config.json``, the Hugging Face
cache read offline, or a small bundled table of popular checkpoints.

The table holds only the sizes the memory estimator reads, written from each checkpoint's public
``config.json`` on the Hugging Face Hub (the values every model card and paper quotes: hidden size,
layers, heads, vocabulary), with the config class defaults of transformers 5.24 for the keys the file
leaves out. ``dtype`` is the file's ``torch_dtype``: what ``from_pretrained`` loads by default in
transformers 5 (``dtype="auto"``, ``modeling_utils.py``). Unknown checkpoint: ``None``, and no finding.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from tf_lint.knowledge import hub


def _llama(h, inner, layers, heads, kv, vocab, tied, dtype, **extra):
    return {"model_type": "llama", "hidden_size": h, "intermediate_size": inner, "num_hidden_layers": layers,
            "num_attention_heads": heads, "num_key_value_heads": kv, "vocab_size": vocab,
            "tie_word_embeddings": tied, "torch_dtype": dtype, **extra}


def _bert(model_type, h, inner, layers, heads, vocab, positions=512, type_vocab=2):
    return {"model_type": model_type, "hidden_size": h, "intermediate_size": inner, "num_hidden_layers": layers,
            "num_attention_heads": heads, "vocab_size": vocab, "max_position_embeddings": positions,
            "type_vocab_size": type_vocab, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1, "torch_dtype": "float32"}


def _gpt2(h, layers, heads):
    return {"model_type": "gpt2", "n_embd": h, "n_layer": layers, "n_head": heads, "vocab_size": 50257,
            "n_positions": 1024, "activation_function": "gelu_new", "resid_pdrop": 0.1, "attn_pdrop": 0.1,
            "embd_pdrop": 0.1, "torch_dtype": "float32"}


def _t5(d, ff, layers, heads, tied=True, proj="relu", vocab=32128):
    return {"model_type": "t5", "d_model": d, "d_ff": ff, "num_layers": layers, "num_decoder_layers": layers,
            "num_heads": heads, "d_kv": 64, "vocab_size": vocab, "feed_forward_proj": proj,
            "dense_act_fn": "gelu_new" if proj.startswith("gated") else "relu", "tie_word_embeddings": tied,
            "dropout_rate": 0.1, "torch_dtype": "float32"}


def _qwen2(h, inner, layers, heads, kv, vocab, tied):
    return {"model_type": "qwen2", "hidden_size": h, "intermediate_size": inner, "num_hidden_layers": layers,
            "num_attention_heads": heads, "num_key_value_heads": kv, "vocab_size": vocab,
            "tie_word_embeddings": tied, "torch_dtype": "bfloat16"}


# checkpoint (org/name; the legacy bare name is matched too) -> config.
BUNDLED: Dict[str, Dict[str, Any]] = {
    "google-bert/bert-base-uncased": _bert("bert", 768, 3072, 12, 12, 30522),
    "google-bert/bert-base-cased": _bert("bert", 768, 3072, 12, 12, 28996),
    "google-bert/bert-large-uncased": _bert("bert", 1024, 4096, 24, 16, 30522),
    "FacebookAI/roberta-base": _bert("roberta", 768, 3072, 12, 12, 50265, 514, 1),
    "FacebookAI/roberta-large": _bert("roberta", 1024, 4096, 24, 16, 50265, 514, 1),
    "FacebookAI/xlm-roberta-base": _bert("xlm-roberta", 768, 3072, 12, 12, 250002, 514, 1),
    "FacebookAI/xlm-roberta-large": _bert("xlm-roberta", 1024, 4096, 24, 16, 250002, 514, 1),
    "distilbert/distilbert-base-uncased": {"model_type": "distilbert", "dim": 768, "hidden_dim": 3072,
                                           "n_layers": 6, "n_heads": 12, "vocab_size": 30522,
                                           "max_position_embeddings": 512, "activation": "gelu",
                                           "dropout": 0.1, "attention_dropout": 0.1, "torch_dtype": "float32"},
    "openai-community/gpt2": _gpt2(768, 12, 12),
    "openai-community/gpt2-medium": _gpt2(1024, 24, 16),
    "openai-community/gpt2-large": _gpt2(1280, 36, 20),
    "openai-community/gpt2-xl": _gpt2(1600, 48, 25),
    "meta-llama/Llama-2-7b-hf": _llama(4096, 11008, 32, 32, 32, 32000, False, "float16"),
    "meta-llama/Llama-2-13b-hf": _llama(5120, 13824, 40, 40, 40, 32000, False, "float16"),
    "meta-llama/Meta-Llama-3-8B": _llama(4096, 14336, 32, 32, 8, 128256, False, "bfloat16"),
    "meta-llama/Meta-Llama-3-8B-Instruct": _llama(4096, 14336, 32, 32, 8, 128256, False, "bfloat16"),
    "meta-llama/Llama-3.1-8B": _llama(4096, 14336, 32, 32, 8, 128256, False, "bfloat16"),
    "meta-llama/Llama-3.1-8B-Instruct": _llama(4096, 14336, 32, 32, 8, 128256, False, "bfloat16"),
    "meta-llama/Llama-3.2-1B": _llama(2048, 8192, 16, 32, 8, 128256, True, "bfloat16", head_dim=64),
    "meta-llama/Llama-3.2-1B-Instruct": _llama(2048, 8192, 16, 32, 8, 128256, True, "bfloat16", head_dim=64),
    "meta-llama/Llama-3.2-3B": _llama(3072, 8192, 28, 24, 8, 128256, True, "bfloat16", head_dim=128),
    "TinyLlama/TinyLlama-1.1B-Chat-v1.0": _llama(2048, 5632, 22, 32, 4, 32000, False, "bfloat16"),
    "HuggingFaceTB/SmolLM2-135M": _llama(576, 1536, 30, 9, 3, 49152, True, "bfloat16"),
    # The instruction-tuned SmolLM2-135M: its config.json's sizes (d 576, 30 layers, MLP 1536, 9 heads / 3 KV
    # heads, 49152 tied vocabulary) and bfloat16 safetensors, as restated by projects that load it.
    "HuggingFaceTB/SmolLM2-135M-Instruct": _llama(576, 1536, 30, 9, 3, 49152, True, "bfloat16"),
    # Its config.json (transformers 4.54.0.dev0) names no ``tie_word_embeddings``: SmolLM3Config's
    # default (True, transformers 5.25 ``configuration_smollm3.py``).
    "HuggingFaceTB/SmolLM3-3B": {**_llama(2048, 11008, 36, 16, 4, 128256, True, "bfloat16"),
                                 "model_type": "smollm3"},
    "mistralai/Mistral-7B-v0.1": {**_llama(4096, 14336, 32, 32, 8, 32000, False, "bfloat16"),
                                  "model_type": "mistral"},
    "mistralai/Mistral-7B-Instruct-v0.2": {**_llama(4096, 14336, 32, 32, 8, 32000, False, "bfloat16"),
                                           "model_type": "mistral"},
    "Qwen/Qwen2.5-0.5B": _qwen2(896, 4864, 24, 14, 2, 151936, True),
    "Qwen/Qwen2.5-0.5B-Instruct": _qwen2(896, 4864, 24, 14, 2, 151936, True),
    "Qwen/Qwen2.5-1.5B": _qwen2(1536, 8960, 28, 12, 2, 151936, True),
    "Qwen/Qwen2.5-7B": _qwen2(3584, 18944, 28, 28, 4, 152064, False),
    "Qwen/Qwen2.5-7B-Instruct": _qwen2(3584, 18944, 28, 28, 4, 152064, False),
    "google/gemma-2b": {"model_type": "gemma", "hidden_size": 2048, "intermediate_size": 16384,
                        "num_hidden_layers": 18, "num_attention_heads": 8, "num_key_value_heads": 1,
                        "head_dim": 256, "vocab_size": 256000, "hidden_act": "gelu_pytorch_tanh",
                        "torch_dtype": "bfloat16"},
    "google/gemma-7b": {"model_type": "gemma", "hidden_size": 3072, "intermediate_size": 24576,
                        "num_hidden_layers": 28, "num_attention_heads": 16, "num_key_value_heads": 16,
                        "head_dim": 256, "vocab_size": 256000, "hidden_act": "gelu_pytorch_tanh",
                        "torch_dtype": "bfloat16"},
    "microsoft/Phi-3-mini-4k-instruct": {"model_type": "phi3", "hidden_size": 3072, "intermediate_size": 8192,
                                         "num_hidden_layers": 32, "num_attention_heads": 32,
                                         "num_key_value_heads": 32, "vocab_size": 32064,
                                         "tie_word_embeddings": False, "torch_dtype": "bfloat16"},
    "google-t5/t5-small": _t5(512, 2048, 6, 8),
    "google-t5/t5-base": _t5(768, 3072, 12, 12),
    "google-t5/t5-large": _t5(1024, 4096, 24, 16),
    "google/flan-t5-base": _t5(768, 2048, 12, 12, tied=False, proj="gated-gelu"),
    "google/flan-t5-large": _t5(1024, 2816, 24, 16, tied=False, proj="gated-gelu"),
    "facebook/bart-base": {"model_type": "bart", "d_model": 768, "encoder_ffn_dim": 3072, "decoder_ffn_dim": 3072,
                           "encoder_layers": 6, "decoder_layers": 6, "encoder_attention_heads": 12,
                           "decoder_attention_heads": 12, "vocab_size": 50265, "max_position_embeddings": 1024,
                           "activation_function": "gelu", "dropout": 0.1, "torch_dtype": "float32"},
    "facebook/bart-large": {"model_type": "bart", "d_model": 1024, "encoder_ffn_dim": 4096, "decoder_ffn_dim": 4096,
                            "encoder_layers": 12, "decoder_layers": 12, "encoder_attention_heads": 16,
                            "decoder_attention_heads": 16, "vocab_size": 50265, "max_position_embeddings": 1024,
                            "activation_function": "gelu", "dropout": 0.1, "torch_dtype": "float32"},
    "facebook/opt-125m": {"model_type": "opt", "hidden_size": 768, "ffn_dim": 3072, "num_hidden_layers": 12,
                          "num_attention_heads": 12, "vocab_size": 50272, "max_position_embeddings": 2048,
                          "word_embed_proj_dim": 768, "torch_dtype": "float16"},
    "facebook/opt-1.3b": {"model_type": "opt", "hidden_size": 2048, "ffn_dim": 8192, "num_hidden_layers": 24,
                          "num_attention_heads": 32, "vocab_size": 50272, "max_position_embeddings": 2048,
                          "word_embed_proj_dim": 2048, "torch_dtype": "float16"},
    "EleutherAI/pythia-160m": {"model_type": "gpt_neox", "hidden_size": 768, "intermediate_size": 3072,
                               "num_hidden_layers": 12, "num_attention_heads": 12, "vocab_size": 50304,
                               "tie_word_embeddings": False, "torch_dtype": "float16"},
    "EleutherAI/pythia-1b": {"model_type": "gpt_neox", "hidden_size": 2048, "intermediate_size": 8192,
                             "num_hidden_layers": 16, "num_attention_heads": 8, "vocab_size": 50304,
                             "tie_word_embeddings": False, "torch_dtype": "float16"},
}
# Legacy names that the Hub redirects (``bert-base-uncased`` -> ``google-bert/bert-base-uncased``).
_LEGACY = {name.split("/", 1)[1]: name for name in BUNDLED
           if name.split("/", 1)[0] in ("google-bert", "FacebookAI", "distilbert", "openai-community", "google-t5")}
_LEGACY["gpt2"] = "openai-community/gpt2"


def checkpoint_config(checkpoint: str, base_dir: str = "") -> Optional[Tuple[Dict[str, Any], str]]:
    """(config dict, where it came from) for ``checkpoint``, or None. Never touches the network."""
    folder, where = hub.checkpoint_folder(checkpoint, base_dir or None)
    if folder is not None:
        found = hub.read_json(folder, "config.json")
        if found is not None and isinstance(found.get("model_type"), str):
            return dict(found), (f"{folder}/config.json" if where == "local" else "the Hugging Face cache")
    name = _LEGACY.get(checkpoint, checkpoint)
    if name in BUNDLED:
        return dict(BUNDLED[name]), "tf-lint's table of popular checkpoints"
    return None


def config_dtype(config: Dict[str, Any]) -> Optional[str]:
    """The dtype ``from_pretrained`` loads by default (``dtype="auto"``): the config's ``dtype`` /
    ``torch_dtype``; float32 when the file names none (older checkpoints saved in float32)."""
    value = config.get("dtype") or config.get("torch_dtype")
    return str(value).replace("torch.", "") if value else "float32"
