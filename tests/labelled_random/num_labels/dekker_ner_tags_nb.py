# provenance: search index id 47216964850
# query: ForTokenClassification.from_pretrained(
# rank: 3
# label: negative
# note: the head gets num_labels=train_set.tags_nb and the dataset's own tag_to_id maps
from typing import Dict, List, Optional
import os, copy, shutil
from transformers import BertForTokenClassification  # type: ignore
from conivel.datas.dekker import DekkerDataset
from conivel.train import train_ner_model


def main(kfolds, ner_epochs_nb, batch_size, ner_lr, _run):
    for fold_i, (train_set, test_set) in enumerate(kfolds):
        model = BertForTokenClassification.from_pretrained(
            "bert-base-cased",
            num_labels=train_set.tags_nb,
            label2id=train_set.tag_to_id,
            id2label={v: k for k, v in train_set.tag_to_id.items()},
        )

        model = train_ner_model(
            model,
            train_set,
            train_set,
            _run=_run,
            epochs_nb=ner_epochs_nb,
            batch_size=batch_size,
            learning_rate=ner_lr,
        )
