"""What the padding rules need to know about model architectures and well-known checkpoints.

A small, sourced table until the knowledge layer's checkpoint resolution covers it: which model types
are decoder-only, encoder-only or encoder-decoder; which well-known checkpoints ship a tokenizer without
a pad token; which pad id the model uses; which side the tokenizer pads on by default. The files of a
checkpoint found in the local Hugging Face cache (read offline, never downloaded) take precedence over
the table. Every answer may be ``None``: unknown.

Checkpoint names are matched whole (``org/name`` or the legacy bare name), never by substring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from tf_lint.knowledge import hub

DECODER = "decoder-only"
ENCODER = "encoder-only"
ENCODER_DECODER = "encoder-decoder"

# model type -> architecture. Source: transformers 5.24 ``models/auto/modeling_auto.py``
# (MODEL_FOR_CAUSAL_LM_MAPPING_NAMES, MODEL_FOR_SEQ_TO_SEQ_CAUSAL_LM_MAPPING_NAMES,
# MODEL_FOR_MASKED_LM_MAPPING_NAMES) and each config's ``is_encoder_decoder``.
MODEL_TYPE_KIND: Dict[str, str] = {
    **{t: DECODER for t in ("gpt2", "gpt_neo", "gpt_neox", "gptj", "llama", "mistral", "mixtral", "qwen2",
                            "qwen3", "gemma", "gemma2", "phi", "phi3", "opt", "falcon", "bloom", "codegen",
                            "olmo", "starcoder2", "gpt_bigcode", "smollm3")},
    **{t: ENCODER for t in ("bert", "distilbert", "roberta", "xlm-roberta", "albert", "electra", "deberta",
                            "deberta-v2", "camembert", "mpnet", "modernbert", "fnet")},
    **{t: ENCODER_DECODER for t in ("t5", "mt5", "bart", "mbart", "marian", "pegasus", "led", "m2m_100",
                                    "nllb", "nllb-moe", "blenderbot", "umt5", "longt5")},
}

# Class-name prefix -> model type, longest prefix first (``DistilBert`` before ``Bert``...). Source: the
# class names in transformers' ``models/<type>/modeling_<type>.py``.
_CLASS_PREFIXES: Tuple[Tuple[str, str], ...] = tuple(sorted({
    "GPT2": "gpt2", "GPTNeo": "gpt_neo", "GPTNeoX": "gpt_neox", "GPTJ": "gptj", "Llama": "llama",
    "Mistral": "mistral", "Mixtral": "mixtral", "Qwen2": "qwen2", "Qwen3": "qwen3", "Gemma": "gemma",
    "Gemma2": "gemma2", "Phi": "phi", "Phi3": "phi3", "OPT": "opt", "Falcon": "falcon", "Bloom": "bloom",
    "CodeGen": "codegen", "OpenAIGPT": "openai-gpt", "Bert": "bert", "DistilBert": "distilbert",
    "Roberta": "roberta", "XLMRoberta": "xlm-roberta", "Albert": "albert", "Electra": "electra",
    "Deberta": "deberta", "DebertaV2": "deberta-v2", "Camembert": "camembert", "MPNet": "mpnet",
    "ModernBert": "modernbert", "FNet": "fnet", "T5": "t5", "MT5": "mt5", "UMT5": "umt5", "LongT5": "longt5",
    "Bart": "bart", "MBart": "mbart", "Marian": "marian", "Pegasus": "pegasus", "LED": "led",
    "M2M100": "m2m_100", "Blenderbot": "blenderbot", "CpmAnt": "cpmant", "xLSTM": "xlstm",
}.items(), key=lambda kv: -len(kv[0])))
MODEL_TYPE_KIND.setdefault("openai-gpt", DECODER)

# Model types whose forward takes ``input_ids`` but no ``attention_mask``. Source: an ``ast`` scan of
# transformers 5.24's PyTorch modeling files for ``forward`` signatures (FNet mixes tokens with a
# Fourier transform; CPM-Ant and xLSTM build their own masks).
NO_ATTENTION_MASK = frozenset({"fnet", "cpmant", "xlstm"})

# Auto classes whose architecture is fixed by the class itself.
AUTO_CLASS_KIND = {
    "AutoModelForCausalLM": DECODER,
    "AutoModelForSeq2SeqLM": ENCODER_DECODER,
}


@dataclass(frozen=True)
class CheckpointFacts:
    model_type: Optional[str]
    # The tokenizer's pad token: True (has one), False (has none), None (unknown).
    has_pad_token: Optional[bool]
    pad_id: Optional[int]  # the model's pad id (config ``pad_token_id``); None: none or unknown
    padding_side: Optional[str]  # the tokenizer's default side; None: unknown
    source: str


# Well-known checkpoints. Each family cites the files it was read from on the Hugging Face Hub.
_TABLE: Tuple[Tuple[str, CheckpointFacts], ...] = (
    # openai-community/gpt2 (and -medium/-large/-xl), distilbert/distilgpt2: tokenizer_config.json holds
    # only model_max_length (no pad token, no padding_side: the default, right); config.json has no
    # pad_token_id.
    (r"(openai-community/)?gpt2(-medium|-large|-xl)?|(distilbert/)?distilgpt2",
     CheckpointFacts("gpt2", False, None, "right", "hub: openai-community/gpt2 tokenizer_config.json")),
    # EleutherAI/gpt-neo-*, EleutherAI/gpt-j-6b: the GPT-2 tokenizer, no pad token.
    (r"EleutherAI/gpt-neo-(125m|125M|1\.3B|2\.7B)",
     CheckpointFacts("gpt_neo", False, None, "right", "hub: EleutherAI/gpt-neo-125m special_tokens_map.json")),
    (r"EleutherAI/gpt-j-6[bB]",
     CheckpointFacts("gptj", False, None, "right", "hub: EleutherAI/gpt-j-6b special_tokens_map.json")),
    # meta-llama/Llama-2-*-hf: tokenizer_config.json has "pad_token": null, "padding_side": "right".
    (r"meta-llama/Llama-2-(7|13|70)b(-chat)?-hf",
     CheckpointFacts("llama", False, None, "right", "hub: meta-llama/Llama-2-7b-hf tokenizer_config.json")),
    # meta-llama/Meta-Llama-3-8B(-Instruct), Llama-3.x: no pad token in special_tokens_map.json.
    (r"meta-llama/(Meta-Llama-3-(8|70)B|Llama-3\.[123]-\d+B)(-Instruct)?",
     CheckpointFacts("llama", False, None, None, "hub: meta-llama/Meta-Llama-3-8B special_tokens_map.json")),
    # mistralai/Mistral-7B-v0.1 / -Instruct-v0.x: tokenizer_config.json has "pad_token": null; Transformers'
    # docs/source/en/llm_tutorial.md ("Wrong padding side") shows its tokenizer padding right by default.
    (r"mistralai/Mistral-7B(-Instruct)?-v0\.[123]",
     CheckpointFacts("mistral", False, None, "right",
                     "hub: mistralai/Mistral-7B-v0.1 tokenizer_config.json; transformers llm_tutorial.md")),
    # google-bert/bert-*: vocab.txt line 0 is [PAD]; config.json "pad_token_id": 0.
    (r"(google-bert/)?bert-(base|large)-(uncased|cased|multilingual-cased|multilingual-uncased)",
     CheckpointFacts("bert", True, 0, "right", "hub: google-bert/bert-base-uncased config.json, vocab.txt")),
    (r"(distilbert/)?distilbert-base-(uncased|cased|multilingual-cased)(-finetuned-sst-2-english)?",
     CheckpointFacts("distilbert", True, 0, "right", "hub: distilbert/distilbert-base-uncased config.json")),
    # FacebookAI/roberta-*: "<pad>" is id 1 (config.json "pad_token_id": 1).
    (r"(FacebookAI/)?roberta-(base|large)",
     CheckpointFacts("roberta", True, 1, "right", "hub: FacebookAI/roberta-base config.json")),
    # google-t5/t5-*, google/flan-t5-*: "<pad>" id 0, also the decoder start token.
    (r"(google-t5/)?t5-(small|base|large|3b|11b)|google/flan-t5-(small|base|large|xl|xxl)",
     CheckpointFacts("t5", True, 0, "right", "hub: google-t5/t5-small config.json")),
    # facebook/bart-*: "<pad>" id 1.
    (r"facebook/bart-(base|large)(-cnn|-mnli|-xsum)?",
     CheckpointFacts("bart", True, 1, "right", "hub: facebook/bart-base config.json")),
)
_COMPILED = tuple((re.compile(rf"^(?:{pattern})$"), facts) for pattern, facts in _TABLE)


def class_model_type(qualname: Optional[str]) -> Optional[str]:
    """``transformers.GPT2LMHeadModel`` -> ``gpt2``; Auto classes and unknown names -> None."""
    if not qualname or not qualname.startswith("transformers."):
        return None
    name = qualname.rsplit(".", 1)[1]
    for prefix in ("TF", "Flax"):
        if name.startswith(prefix) and name[len(prefix):len(prefix) + 1].isupper():
            name = name[len(prefix):]
    for prefix, model_type in _CLASS_PREFIXES:
        if name.startswith(prefix):
            rest = name[len(prefix):]
            # Whole word only: ``Bert`` + ``Model``/``For...``, not ``BertGeneration`` ...
            if rest in ("Model", "LMHeadModel", "PreTrainedModel", "Tokenizer", "TokenizerFast") or \
                    rest.startswith("For"):
                return model_type
    return None


def class_kind(qualname: Optional[str]) -> Optional[str]:
    """The architecture a model class implies, when the class alone says it."""
    if not qualname or not qualname.startswith("transformers."):
        return None
    name = qualname.rsplit(".", 1)[1]
    if name.startswith("TF") and name[2:3].isupper():
        name = name[2:]
    if name in AUTO_CLASS_KIND:
        return AUTO_CLASS_KIND[name]
    model_type = class_model_type(qualname)
    return MODEL_TYPE_KIND.get(model_type) if model_type else None


def _pad_of(config: Optional[dict], special: Optional[dict]) -> Optional[bool]:
    for source in (config, special):
        if source is not None and "pad_token" in source:
            return bool(source["pad_token"])
    if special is not None:
        return False  # a special tokens map that names no pad token
    if config is not None and any(k in config for k in ("eos_token", "bos_token", "unk_token")):
        return False  # Transformers 5 saves every special token in tokenizer_config.json
    return None


def _from_files(folder: str) -> Optional[CheckpointFacts]:
    config = hub.read_json(folder, "config.json")
    tok_config = hub.read_json(folder, "tokenizer_config.json")
    special = hub.read_json(folder, "special_tokens_map.json")
    if config is None and tok_config is None and special is None:
        return None
    model_type = config.get("model_type") if config else None
    pad_id = config.get("pad_token_id") if config else None
    side = tok_config.get("padding_side") if tok_config else None
    if tok_config is not None and side is None:
        side = "right"  # the tokenizer's default
    has_pad = _pad_of(tok_config, special)
    return CheckpointFacts(model_type, has_pad, pad_id if isinstance(pad_id, int) else None, side,
                           f"files: {folder}")


def checkpoint_facts(checkpoint: str) -> Optional[CheckpointFacts]:
    """What is known of ``checkpoint``: its local or cached files first, then the table."""
    folder, _where = hub.checkpoint_folder(checkpoint)
    from_files = _from_files(folder) if folder else None
    from_table = None
    for pattern, facts in _COMPILED:
        if pattern.match(checkpoint):
            from_table = facts
            break
    if from_files is None:
        return from_table
    if from_table is None:
        return from_files
    # Files win where they say something; the table fills the gaps.
    return CheckpointFacts(
        from_files.model_type or from_table.model_type,
        from_files.has_pad_token if from_files.has_pad_token is not None else from_table.has_pad_token,
        from_files.pad_id if from_files.pad_id is not None else from_table.pad_id,
        from_files.padding_side or from_table.padding_side,
        from_files.source,
    )
