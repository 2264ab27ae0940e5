"""Which model type a checkpoint name holds, and how tf-lint knows.

:func:`resolve_checkpoint` asks, in this order, and the first answer wins:

1. a local folder of that name (relative to the linted file, then to the working directory): its
   ``config.json``. A folder, or a name that can only be a path (``./out``, ``/data/m``, ``a/b/c``),
   gets no further guess;
2. the Hugging Face cache, read offline the way ``huggingface_hub`` lays it out (``$HF_HUB_CACHE``,
   else ``$HF_HOME/hub``, else ``~/.cache/huggingface/hub``): ``models--ORG--NAME/refs/main`` names the
   snapshot whose ``config.json`` is read. Never a network call, never an import of ``huggingface_hub``;
3. the ``checkpoints`` table of the configuration (``"my-org/my-bert" = "bert"``);
4. the checkpoints transformers' own source loads with its model classes or lists in its 4.x archive
   maps (``data/checkpoints.json.gz``, written by ``scripts/make_checkpoint_table.py``, which says what
   evidence each entry has), matched as the Hub matches repository ids, ignoring case (``T5-base``), and
   the legacy names the Hub still redirects to them (``gpt2`` -> ``openai-community/gpt2``);
5. a guess from the name, which may enrich a message but never starts a finding (``kind == "name"``): its tokens (split on ``/ - _ .``) against the model types of the target
   version, whole tokens only (two adjacent tokens may join: ``long-t5`` -> ``longt5``,
   ``gemma-2`` -> ``gemma2``). A match inside a longer match gives way (``xlm-roberta`` over
   ``roberta``); two unrelated matches (``clip-vit``) or a version the name contradicts
   (``deberta-v3`` is not ``deberta``, and ``deberta-v2`` does not fit) give no answer.

Every answer carries its ``kind`` and a ``source`` a message can cite; rules treat ``kind == "name"``
as a guess.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from tf_lint.knowledge import hub

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "checkpoints.json.gz")

# Organisations that took over the legacy un-namespaced checkpoints on the Hub (``gpt2`` is
# ``openai-community/gpt2``, ``bert-base-uncased`` is ``google-bert/bert-base-uncased``); the Hub
# redirects the old names.
LEGACY_ORGS = ("google-bert", "openai-community", "FacebookAI", "distilbert", "google-t5", "albert", "xlnet")

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[A-Za-z0-9][\w.-]*)?$")
_SPLIT = re.compile(r"[/\-_.]+")
_VERSION_TOKEN = re.compile(r"^v\d+$")
# The words of legacy checkpoint names besides the model type (``bert-base-multilingual-cased``).
_LEGACY_WORDS = frozenset({"tiny", "mini", "small", "base", "medium", "large", "xl", "xxl", "cased", "uncased",
                           "multilingual", "chinese", "german", "v1", "v2"})


@dataclass(frozen=True)
class Resolution:
    model_type: str
    kind: str  # "local" | "cache" | "settings" | "transformers" | "name"
    source: str
    # The config's ``architectures`` when a config.json was read (() when it names none); None: unknown.
    architectures: Optional[Tuple[str, ...]] = None

    @property
    def guessed(self) -> bool:
        return self.kind == "name"


def resolve_checkpoint(name: str, model_types: Iterable[str], settings: Any = None,
                       base_dir: Optional[str] = None) -> Optional[Resolution]:
    """The model type of checkpoint ``name``, or None when nothing says it unambiguously."""
    if not name or not isinstance(name, str):
        return None
    name = name.strip()
    folder, where = hub.checkpoint_folder(name, base_dir)
    if folder is not None and where == "local":
        model_type = _config_model_type(folder)
        return Resolution(model_type, "local", f"{folder}/config.json", _architectures(folder)) if model_type else None
    if not _HUB_ID.match(name):
        return None  # a path that does not exist (yet): nothing to read, nothing to guess from
    if folder is not None:
        model_type = _config_model_type(folder)
        if model_type:
            return Resolution(model_type, "cache", f"the Hugging Face cache: {folder}/config.json",
                              _architectures(folder))
    for checkpoint, model_type in getattr(settings, "checkpoints", ()) or ():
        if checkpoint == name:
            return Resolution(model_type, "settings", "the `checkpoints` table of the tf-lint configuration")
    known = _table().get(name)
    if known is not None:
        return Resolution(known[0], "transformers", f"transformers' own source ({_cite(known)})")
    known = _table_ignoring_case().get(name.lower())
    if known is not None:
        # Hub repository ids are case-insensitive (``T5-base`` is ``t5-base``); a local folder of that
        # spelling was looked for first.
        return Resolution(known[0], "transformers", f"transformers' own source, as {known[3]!r} (Hub ids ignore "
                                                    f"case; {_cite(known)})")
    if "/" not in name:
        for org in LEGACY_ORGS:
            known = _table().get(f"{org}/{name}")
            if known is not None:
                return Resolution(known[0], "transformers",
                                  f"the legacy name of {org}/{name}, which transformers' own source names ({_cite(known)})")
        # A bare name that is no known checkpoint is as likely a folder the program writes later; only
        # the legacy form ``<type>-<size/casing words>`` (``roberta-large``, ``bert-base-cased``) is read.
        return _from_tokens(name, frozenset(model_types), rest=_LEGACY_WORDS)
    return _from_tokens(name, frozenset(model_types))


def _cite(entry: List[str]) -> str:
    """``transformers 5.24.0 models/t5/modeling_t5.py``: where the bundled table's fact came from."""
    return "transformers " + entry[1].replace(":", " ", 1)


def is_named_checkpoint(name: str) -> bool:
    """Whether transformers' own source names ``name`` as a Hub checkpoint (or its legacy bare form)."""
    if name in _table():
        return True
    return "/" not in name and any(f"{org}/{name}" in _table() for org in LEGACY_ORGS)


# --- files ----------------------------------------------------------------------------------------

def _config_model_type(folder: str) -> Optional[str]:
    data = hub.read_json(folder, "config.json")
    model_type = data.get("model_type") if data else None
    return model_type if isinstance(model_type, str) and model_type else None


def _architectures(folder: str) -> Tuple[str, ...]:
    data = hub.read_json(folder, "config.json") or {}
    names = data.get("architectures")
    return tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else ()


@lru_cache(maxsize=1)
def _table() -> Dict[str, List[str]]:
    import gzip

    try:
        with gzip.open(DATA, "rb") as f:
            return json.loads(f.read())["checkpoints"]
    except (OSError, ValueError, KeyError):
        return {}


@lru_cache(maxsize=1)
def _table_ignoring_case() -> Dict[str, List[str]]:
    """lower-cased name -> its entry plus the name as the table spells it; names that differ only in
    case and disagree on the model type are left out."""
    found: Dict[str, List[str]] = {}
    clashes = set()
    for name, entry in _table().items():
        key = name.lower()
        if key in found and found[key][0] != entry[0]:
            clashes.add(key)
        found.setdefault(key, [*entry, name])
    return {k: v for k, v in found.items() if k not in clashes}


def table_sources() -> List[str]:
    import gzip

    with gzip.open(DATA, "rb") as f:
        return json.loads(f.read())["sources"]


# --- the guess from the name ------------------------------------------------------------------------

def _tokens(text: str) -> Tuple[str, ...]:
    return tuple(t for t in _SPLIT.split(text.lower()) if t)


# A class name at the end of a name's part: ``tiny-Qwen2_5_VLForConditionalGeneration``, ``tiny-LlamaModel``
# (test checkpoints are named for the class they hold); cut so that the model type's own tokens stand alone.
_CLASS_SUFFIX = re.compile(r"(?<=[A-Za-z0-9])(?:For[A-Z]\w*|(?:LMHead|PreTrained)?Model)(?=$|[/\-.])")


@lru_cache(maxsize=8)
def _type_forms(model_types: FrozenSet[str]) -> Dict[Tuple[str, ...], List[str]]:
    """token sequence -> model types written that way (``deberta-v2`` as ``(deberta, v2)`` and as
    ``(debertav2,)``, so that either spelling in a name matches)."""
    forms: Dict[Tuple[str, ...], List[str]] = {}
    for model_type in model_types:
        tokens = _tokens(model_type)
        if not tokens:
            continue
        forms.setdefault(tokens, []).append(model_type)
        if len(tokens) > 1:
            forms.setdefault(("".join(tokens),), []).append(model_type)
    return forms


def _from_tokens(name: str, model_types: FrozenSet[str],
                 rest: Optional[FrozenSet[str]] = None) -> Optional[Resolution]:
    tokens = _tokens(_CLASS_SUFFIX.sub("", name))
    forms = _type_forms(model_types)
    # (start, end, model type): a match of tokens[start:end]; a joined pair counts as its two tokens.
    matches: List[Tuple[int, int, str]] = []
    longest = max((len(f) for f in forms), default=0)
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + longest) + 1):
            for model_type in forms.get(tokens[start:end], ()):
                matches.append((start, end, model_type))
        if start + 1 < len(tokens):
            for model_type in forms.get((tokens[start] + tokens[start + 1],), ()):
                matches.append((start, start + 2, model_type))
    if not matches:
        return None
    maximal = [m for m in matches if not any(
        o is not m and o[0] <= m[0] and m[1] <= o[1] and (o[1] - o[0]) > (m[1] - m[0]) for o in matches)]
    types = {m[2] for m in maximal}
    if len(types) != 1:
        return None
    start, end, model_type = maximal[0]
    if _contradicted_version(tokens, end, model_type, forms):
        return None
    if rest is not None and not set(tokens[:start] + tokens[end:]) <= rest:
        return None
    return Resolution(model_type, "name", f"the name {name!r} (its tokens name model type {model_type!r} "
                                          "and no other)")


def _contradicted_version(tokens: Sequence[str], end: int, model_type: str,
                          forms: Dict[Tuple[str, ...], List[str]]) -> bool:
    """``deberta-v3``: the name goes on with a version token where a sibling type (``deberta-v2``)
    has another one; which one the checkpoint is, the name does not say. Likewise ``qwen2-5-omni``
    when ``qwen2_5_vl`` exists: the name goes on the way a longer type does, so ``qwen2`` may be a
    prefix of a type the name spells differently."""
    if end >= len(tokens):
        return False
    stem = _tokens(model_type)
    for form in forms:
        if len(form) > len(stem) and form[: len(stem)] == stem:
            following = form[len(stem)]
            if following == tokens[end] or (_VERSION_TOKEN.match(tokens[end]) and _VERSION_TOKEN.match(following)):
                return True
    return False
