"""The class-label columns of datasets people load from the Hugging Face Hub by name: how many classes
each ``ClassLabel`` column holds, so that a head given fewer labels than the dataset it is trained on
can be seen (TFL702).

Each entry is read from the dataset's own ``dataset_infos.json`` in the ``huggingface/datasets``
repository (``datasets/<name>/dataset_infos.json``, the ``features`` of every config it lists), and
records that file and commit as its source. Only the legacy short ids whose file was read are here:
a namespaced id (``dair-ai/emotion``) or a config the file does not list is unknown, and unknown
never starts a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Tuple


@dataclass(frozen=True)
class DatasetLabels:
    """The ``ClassLabel`` columns of one Hub dataset: column -> number of classes."""

    columns: Dict[str, int]
    configs: Tuple[str, ...]  # the config names the source lists (``load_dataset(name, config)``)
    source: str


def _source(name: str, commit: str) -> str:
    return f"huggingface/datasets datasets/{name}/dataset_infos.json at {commit[:7]}"


_TABLE: Dict[str, DatasetLabels] = {
    # ner_tags: Sequence(ClassLabel(num_classes=13)); tokens, id are strings.
    "wnut_17": DatasetLabels({"ner_tags": 13}, ("wnut_17",),
                             _source("wnut_17", "0006d14cecbac8ac58265977ecdb3aea8cdd97c6")),
    # label: ClassLabel(num_classes=6): sadness, joy, love, anger, fear, surprise.
    "emotion": DatasetLabels({"label": 6}, ("emotion",),
                             _source("emotion", "02bcfa23e51349ce14e0cfae37571d1e5bcafcda")),
    # label: ClassLabel(names=[World, Sports, Business, Sci/Tech]).
    "ag_news": DatasetLabels({"label": 4}, ("default",),
                             _source("ag_news", "040102f100964a33fd334e2695f1c493fa6b92db")),
    # label: ClassLabel(names=[neg, pos]).
    "imdb": DatasetLabels({"label": 2}, ("plain_text",),
                          _source("imdb", "040102f100964a33fd334e2695f1c493fa6b92db")),
    # label: ClassLabel(names=[1 star ... 5 stars]).
    "yelp_review_full": DatasetLabels({"label": 5}, ("yelp_review_full",),
                                      _source("yelp_review_full", "040102f100964a33fd334e2695f1c493fa6b92db")),
    # pos_tags 47, chunk_tags 23, ner_tags 9: each a Sequence(ClassLabel).
    "conll2003": DatasetLabels({"pos_tags": 47, "chunk_tags": 23, "ner_tags": 9}, ("conll2003",),
                               _source("conll2003", "003f96e026e54e38d794686547e540e3790f224a")),
}


def dataset_label_columns(name: str, config: Optional[str] = None) -> Optional[DatasetLabels]:
    """The class-label columns of the Hub dataset ``name`` (with ``config``, when the code names one);
    None when the dataset or the config is not in the table."""
    found = _TABLE.get(name)
    if found is None or (config is not None and config not in found.configs):
        return None
    return found
