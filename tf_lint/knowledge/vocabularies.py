"""Which token strings a checkpoint's tokenizer already holds, read offline.

Two sources, in order of trust:

1. the tokenizer files of a local folder or of the Hugging Face cache (``tokenizer.json``'s model
   vocabulary and added tokens, ``vocab.json``, ``vocab.txt``, ``added_tokens.json``,
   ``tokenizer_config.json``'s ``added_tokens_decoder``): the whole vocabulary;
2. a small sourced table of well-known byte-level BPE and SentencePiece tokenizers whose vocabulary
   holds no *special-token-shaped* string (``[PAD]``, ``<pad>``, ``<|im_start|>``) besides the special
   tokens listed: for those, and only for strings of that shape, absence is known without the files.

Anything else is unknown (None): a plain word may or may not be one token of a vocabulary.
"""

from __future__ import annotations

import os
import re
from typing import FrozenSet, Optional, Tuple

from tf_lint import deps
from tf_lint.knowledge import hub

# A string shaped like a special token: ``[PAD]``, ``[unused1]``, ``<pad>``, ``</s>``, ``<|endoftext|>``
# (not SentencePiece's byte tokens ``<0x0A>``).
SPECIAL_SHAPE = re.compile(r"^(\[[A-Za-z][\w-]*\]|<\|?/?[A-Za-z][\w/-]*\|?>)$")
_BYTE_TOKEN = re.compile(r"^<0x[0-9A-Fa-f]{2}>$")

# (checkpoint pattern, the special-token-shaped strings of its vocabulary, source)
_SPECIALS: Tuple[Tuple[str, FrozenSet[str], str], ...] = (
    # GPT-2's byte-level BPE: one special token. Source: openai-community/gpt2 tokenizer.json
    # ("added_tokens": only <|endoftext|>, id 50256) and vocab.json.
    (r"(openai-community/)?gpt2(-medium|-large|-xl)?|(distilbert/)?distilgpt2|EleutherAI/gpt-neo-(125m|125M|1\.3B|2\.7B)",
     frozenset({"<|endoftext|>"}), "hub: openai-community/gpt2 tokenizer.json"),
    # Llama 2's SentencePiece model: <unk> 0, <s> 1, </s> 2, then byte tokens <0x00>..<0xFF> and pieces.
    # Source: meta-llama/Llama-2-7b-hf tokenizer.json ("added_tokens": <unk>, <s>, </s>).
    (r"meta-llama/Llama-2-(7|13|70)b(-chat)?-hf",
     frozenset({"<unk>", "<s>", "</s>"}), "hub: meta-llama/Llama-2-7b-hf tokenizer.json"),
)
_COMPILED = tuple((re.compile(rf"^(?:{p})$"), tokens, source) for p, tokens, source in _SPECIALS)


def is_special_shaped(token: str) -> bool:
    return bool(SPECIAL_SHAPE.match(token)) and not _BYTE_TOKEN.match(token)


def holds_token(checkpoint: Optional[str], token: str, base_dir: Optional[str] = None) -> Optional[bool]:
    """Whether the tokenizer of ``checkpoint`` already has ``token`` as one token: True / False, or
    None when tf-lint cannot tell."""
    if not checkpoint:
        return None
    vocabulary = file_vocabulary(checkpoint, base_dir)
    if vocabulary is not None:
        return token in vocabulary
    if not is_special_shaped(token):
        return None
    for pattern, specials, _source in _COMPILED:
        if pattern.match(checkpoint):
            return token in specials
    return None


def file_vocabulary(checkpoint: str, base_dir: Optional[str] = None) -> Optional[FrozenSet[str]]:
    """Every token string of the tokenizer files found for ``checkpoint`` here, or None."""
    folder, _where = hub.checkpoint_folder(checkpoint, base_dir)
    if folder is None:
        return None
    tokens = set()
    found = False
    data = hub.read_json(folder, "tokenizer.json")
    if data is not None:
        model = data.get("model") or {}
        vocab = model.get("vocab")
        if isinstance(vocab, dict):
            tokens.update(vocab)
            found = True
        elif isinstance(vocab, list):  # Unigram: [[piece, score], ...]
            tokens.update(v[0] for v in vocab if isinstance(v, list) and v and isinstance(v[0], str))
            found = True
        for added in data.get("added_tokens") or ():
            if isinstance(added, dict) and isinstance(added.get("content"), str):
                tokens.add(added["content"])
    vocab_json = hub.read_json(folder, "vocab.json")
    if vocab_json is not None:
        tokens.update(vocab_json)
        found = True
    vocab_txt = os.path.join(folder, "vocab.txt")
    deps.note(vocab_txt)
    if os.path.isfile(vocab_txt):
        try:
            with open(vocab_txt, encoding="utf-8") as f:
                tokens.update(line.rstrip("\r\n") for line in f)
            found = True
        except (OSError, UnicodeDecodeError):
            pass
    added_json = hub.read_json(folder, "added_tokens.json")
    if added_json is not None:
        tokens.update(added_json)
    config = hub.read_json(folder, "tokenizer_config.json")
    decoder = config.get("added_tokens_decoder") if config else None
    if isinstance(decoder, dict):
        tokens.update(v["content"] for v in decoder.values() if isinstance(v, dict) and isinstance(v.get("content"), str))
    return frozenset(tokens) if found else None
