"""Which token strings a checkpoint's tokenizer already holds, read offline.

Two sources, in order of trust:

1. the tokenizer files of a local folder or of the Hugging Face cache (``tokenizer.json``'s model
   vocabulary and added tokens, ``vocab.json``, ``vocab.txt``, ``added_tokens.json``,
   ``tokenizer_config.json``'s ``added_tokens_decoder``): the whole vocabulary;
2. a bundled table (``data/vocabulary_specials.json``) of well-known vocabularies (GPT-2, Llama 2 and 3,
   Mistral 7B, Qwen3, Gemma 3, BERT uncased) listing every *special-token-shaped* string (``[PAD]``,
   ``<pad>``, ``<|im_start|>``) each holds, read whole from released tokenizer files whose origin and
   hash the table records (``scripts/make_vocabulary_table.py`` rebuilds and checks it): for those checkpoints, and
   only for strings of that shape, absence is known without the files.

Anything else is unknown (None): a plain word may or may not be one token of a vocabulary.
"""

from __future__ import annotations

import json
import os
import re
from typing import FrozenSet, Optional, Tuple

from tf_lint import deps
from tf_lint.knowledge import hub

# A string shaped like a special token: ``[PAD]``, ``[unused1]``, ``<pad>``, ``</s>``, ``<|endoftext|>``
# (not SentencePiece's byte tokens ``<0x0A>``).
SPECIAL_SHAPE = re.compile(r"^(\[[A-Za-z][\w-]*\]|<\|?/?[A-Za-z][\w/-]*\|?>)$")
_BYTE_TOKEN = re.compile(r"^<0x[0-9A-Fa-f]{2}>$")

# The bundled table: for each well-known vocabulary, the checkpoints that load it and every entry of
# SPECIAL_SHAPE it holds, read whole from released tokenizer files by scripts/make_vocabulary_table.py (which
# records each file's origin and sha256 in the table, and rebuilds or checks it from the files).
_TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "vocabulary_specials.json")
_RANGE = re.compile(r"^(.*)\{(\d+)\.\.(\d+)\}(.*)$")
_TABLE_ROWS: Optional[Tuple[Tuple["re.Pattern[str]", FrozenSet[str], str], ...]] = None


def expand(compact: str) -> Tuple[str, ...]:
    """``[unused{0..2}]`` -> ``[unused0]``, ``[unused1]``, ``[unused2]``; any other string as it is."""
    match = _RANGE.match(compact)
    if not match:
        return (compact,)
    head, start, stop, tail = match.groups()
    return tuple(f"{head}{n}{tail}" for n in range(int(start), int(stop) + 1))


def table_rows() -> Tuple[Tuple["re.Pattern[str]", FrozenSet[str], str], ...]:
    """(checkpoint pattern, the special-shaped strings of its vocabulary, the vocabulary's name)."""
    global _TABLE_ROWS
    if _TABLE_ROWS is None:
        with open(_TABLE, encoding="utf-8") as f:
            table = json.load(f)
        _TABLE_ROWS = tuple(
            (re.compile(rf"^(?:{row['checkpoints']})$"),
             frozenset(s for compact in row["specials"] for s in expand(compact)), row["name"])
            for row in table["vocabularies"])
    return _TABLE_ROWS


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
    for pattern, specials, _name in table_rows():
        if pattern.match(checkpoint):
            return token in specials
    return None


def file_vocabulary(checkpoint: str, base_dir: Optional[str] = None) -> Optional[FrozenSet[str]]:
    """Every token string of the tokenizer files found for ``checkpoint`` here, or None."""
    folder, _where = hub.checkpoint_folder(checkpoint, base_dir)
    if folder is None:
        return None
    return folder_vocabulary(folder)


def folder_vocabulary(folder: str) -> Optional[FrozenSet[str]]:
    """Every token string of the tokenizer files in ``folder``, or None when it holds no vocabulary."""
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
