"""How many labels a checkpoint's classification head gets when the code does not say: its
``config.json`` (``id2label``, ``num_labels``; neither means transformers' default of 2), read offline
from a local folder or the Hugging Face cache, or a small sourced table of pretrained-only checkpoints
whose ``config.json`` names no labels.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

from tf_lint.knowledge import hub

# transformers' ``PreTrainedConfig``: ``num_labels`` defaults to 2 when a config names no labels.
DEFAULT_NUM_LABELS = 2

# Pretrained-only checkpoints: config.json holds no id2label / num_labels (read on the Hub:
# google-bert/bert-base-uncased, distilbert/distilbert-base-uncased, FacebookAI/roberta-base,
# FacebookAI/xlm-roberta-base, albert/albert-base-v2 config.json).
_NO_LABELS = re.compile(
    r"^(?:(google-bert/)?bert-(base|large)-(uncased|cased|multilingual-cased|multilingual-uncased)"
    r"|(distilbert/)?distilbert-base-(uncased|cased|multilingual-cased)"
    r"|(FacebookAI/)?(roberta|xlm-roberta)-(base|large)"
    r"|(albert/)?albert-(base|large)-v2)$")


def head_label_count(checkpoint: str, base_dir: Optional[str] = None) -> Optional[Tuple[int, bool, str]]:
    """(number of labels, whether the checkpoint carries labels of its own, where that came from) for a
    classification head loaded from ``checkpoint`` with no label arguments; None when unknown."""
    folder, where = hub.checkpoint_folder(checkpoint, base_dir)
    if folder is not None:
        config = hub.read_json(folder, "config.json")
        if config is None:
            return None
        source = f"{folder}/config.json" if where == "local" else "its config.json in the Hugging Face cache"
        id2label = config.get("id2label")
        if isinstance(id2label, dict) and id2label:
            return len(id2label), _has_head(config), source
        num_labels = config.get("num_labels")
        if isinstance(num_labels, int) and not isinstance(num_labels, bool):
            return num_labels, _has_head(config), source
        return DEFAULT_NUM_LABELS, False, source
    if where == "" and _NO_LABELS.match(checkpoint):
        return DEFAULT_NUM_LABELS, False, "its config.json on the Hub, which names no labels: transformers' default"
    return None


def _has_head(config: dict) -> bool:
    """Whether the saved model has a classification head (then a different label count cannot load)."""
    architectures = config.get("architectures") or ()
    return any(isinstance(a, str) and "Classification" in a for a in architectures)
