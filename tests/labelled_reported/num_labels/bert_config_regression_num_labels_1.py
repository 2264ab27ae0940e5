# provenance: https://github.com/huggingface/transformers/issues/16600 [the reporter's code block, its last line's trailing comment cut]
# thread: https://github.com/huggingface/transformers/issues/16600
# query: forgot to pass num_labels to from_pretrained
# rank: 1
# label: negative
# note: a regression set-up (num_labels=1) whose config also receives id2label=None; the failure is that id2label=None overrides the count in the config, not a label id past the head, and the head comes from `config=`, which holds the count the code asks for
from os import PathLike
from typing import Dict, Optional, Union

from transformers import BertConfig, AutoModelForSequenceClassification


def model_init(model_name_or_path: Union[str, PathLike],
               num_labels: int,
               label2id: Optional[Dict[str, int]] = None,
               id2label: Optional[Dict[int, str]] = None):
    config = BertConfig.from_pretrained(model_name_or_path,
                                        num_labels=num_labels,
                                        label2id=label2id,
                                        id2label=id2label)

    # If you do not include this, you'll get an error
    # config.num_labels = num_labels

    return AutoModelForSequenceClassification.from_pretrained(model_name_or_path, config=config)


if __name__ == "__main__":
    model_init("bert-base-cased", 1)
