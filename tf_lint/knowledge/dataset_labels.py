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
from typing import Dict, Optional


@dataclass(frozen=True)
class DatasetLabels:
    """The ``ClassLabel`` columns of one config of a Hub dataset: column -> number of classes."""

    columns: Dict[str, int]
    config: str
    source: str


_HF = "huggingface/datasets"
_COMMIT_2021 = "040102f100964a33fd334e2695f1c493fa6b92db"


def _one(name: str, config: str, columns: Dict[str, int], commit: str) -> Dict[str, DatasetLabels]:
    return {config: DatasetLabels(columns, config, f"{_HF} datasets/{name}/dataset_infos.json at {commit[:7]}")}


# name -> config -> its class-label columns. A comment gives the features as the file lists them.
_TABLE: Dict[str, Dict[str, DatasetLabels]] = {
    # ner_tags: Sequence(ClassLabel(num_classes=13)); tokens, id are strings.
    "wnut_17": _one("wnut_17", "wnut_17", {"ner_tags": 13}, "0006d14cecbac8ac58265977ecdb3aea8cdd97c6"),
    # label: ClassLabel(num_classes=6): sadness, joy, love, anger, fear, surprise.
    "emotion": _one("emotion", "emotion", {"label": 6}, "02bcfa23e51349ce14e0cfae37571d1e5bcafcda"),
    # label: ClassLabel(names=[World, Sports, Business, Sci/Tech]).
    "ag_news": _one("ag_news", "default", {"label": 4}, _COMMIT_2021),
    # label: ClassLabel(names=[neg, pos]).
    "imdb": _one("imdb", "plain_text", {"label": 2}, _COMMIT_2021),
    "rotten_tomatoes": _one("rotten_tomatoes", "default", {"label": 2}, _COMMIT_2021),
    # label: ClassLabel(names=[1 star ... 5 stars]).
    "yelp_review_full": _one("yelp_review_full", "yelp_review_full", {"label": 5}, _COMMIT_2021),
    # label: ClassLabel of 14 DBpedia classes (Company ... WrittenWork).
    "dbpedia_14": _one("dbpedia_14", "dbpedia_14", {"label": 14}, _COMMIT_2021),
    # label: ClassLabel(names=[entailment, neutral, contradiction]).
    "snli": _one("snli", "plain_text", {"label": 3}, _COMMIT_2021),
    # pos_tags 47, chunk_tags 23, ner_tags 9: each a Sequence(ClassLabel).
    "conll2003": _one("conll2003", "conll2003", {"pos_tags": 47, "chunk_tags": 23, "ner_tags": 9},
                      "003f96e026e54e38d794686547e540e3790f224a"),
    # One config per task; stsb's label is a float32 Value (regression), no ClassLabel.
    "glue": {config: labels for name_config, columns in (
        ("cola", {"label": 2}), ("sst2", {"label": 2}), ("mrpc", {"label": 2}), ("qqp", {"label": 2}),
        ("stsb", {}), ("mnli", {"label": 3}), ("mnli_mismatched", {"label": 3}), ("mnli_matched", {"label": 3}),
        ("qnli", {"label": 2}), ("rte", {"label": 2}), ("wnli", {"label": 2}), ("ax", {"label": 3}))
        for config, labels in _one("glue", name_config, columns, _COMMIT_2021).items()},
}


def dataset_label_columns(name: str, config: Optional[str] = None) -> Optional[DatasetLabels]:
    """The class-label columns of the Hub dataset ``name`` with ``config`` (which a dataset of one config
    may leave out); None when the dataset or the config is not in the table."""
    configs = _TABLE.get(name)
    if not configs:
        return None
    if config is None:
        return next(iter(configs.values())) if len(configs) == 1 else None
    return configs.get(config)
