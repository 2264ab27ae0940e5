"""The label count a Hub dataset brings to a Trainer or a DataLoader loop (TFL702's evidence
``hub_datasets.trained_datasets``): its knowledge table, the chains of names, splits and Dataset methods it follows, and the look-alikes where
the labels the head sees are not the dataset's classes."""

import ast
import textwrap

import pytest

from tf_lint.analysis import Facts
from tf_lint.analysis.hub_datasets import trained_datasets
from tf_lint.knowledge.dataset_labels import dataset_label_columns

HEADER = """
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification, AutoTokenizer, Trainer
from helpers import preprocess
tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")
model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased")
"""


def _trained(body):
    tree = ast.parse(textwrap.dedent(HEADER) + textwrap.dedent(body))
    return [(t.dataset, t.column, t.count) for t in trained_datasets(Facts(tree))]


def test_table_entries_and_their_sources():
    emotion = dataset_label_columns("emotion")
    assert emotion.columns == {"label": 6} and "datasets/emotion/dataset_infos.json" in emotion.source
    assert dataset_label_columns("conll2003").columns == {"pos_tags": 47, "chunk_tags": 23, "ner_tags": 9}
    assert dataset_label_columns("imdb", "plain_text").columns == {"label": 2}
    assert dataset_label_columns("glue", "mnli").columns == {"label": 3}
    assert dataset_label_columns("glue", "stsb").columns == {}


@pytest.mark.parametrize("name,config", [("dair-ai/emotion", None), ("emotion", "unsplit"), ("sst2", None),
                                         ("glue", None), ("glue", "boolq")])
def test_table_knows_only_what_it_read(name, config):
    assert dataset_label_columns(name, config) is None


POSITIVES = {
    "label column, tokenised and split": """
        ds = load_dataset("emotion")
        def tok(batch):
            return tokenizer(batch["text"], truncation=True)
        enc = ds.map(tok, batched=True)
        Trainer(model=model, train_dataset=enc["train"])
    """,
    "a lambda, a subset, a shuffle, positional arguments": """
        enc = load_dataset("emotion", split="train").map(lambda b: tokenizer(b["text"]), batched=True)
        small = enc.shuffle(seed=42).select(range(100))
        Trainer(model, None, None, small)
    """,
    "renamed to labels, rebound names": """
        ds = load_dataset("emotion")
        ds = ds.rename_column("label", "labels")
        Trainer(model=model, eval_dataset=ds["validation"])
    """,
}


@pytest.mark.parametrize("body", POSITIVES.values(), ids=POSITIVES.keys())
def test_label_column_reaches_the_trainer(body):
    assert _trained(body) == [("emotion", "label", 6)]


def test_map_copying_tags_into_labels():
    body = """
        wnut = load_dataset("wnut_17")
        def align(examples):
            enc = tokenizer(examples["tokens"], is_split_into_words=True)
            out = []
            for i, tags in enumerate(examples[f"ner_tags"]):
                row = []
                for word in enc.word_ids(batch_index=i):
                    row.append(-100 if word is None else tags[word])
                out.append(row)
            enc["labels"] = out
            return enc
        Trainer(model=model, train_dataset=wnut.map(align, batched=True)["train"])
    """
    # ``tags[word]`` sits in a conditional expression's branch: moved, but not known to be only moved.
    assert _trained(body) == []
    copied = body.replace("row.append(-100 if word is None else tags[word])",
                          "row.append(-100) if word is None else row.append(tags[word])")
    assert copied != body
    assert _trained(copied) == [("wnut_17", "ner_tags", 13)]


LOOK_ALIKES = {
    "labels computed by a comparison": """
        ds = load_dataset("emotion")
        enc = ds.map(lambda b: {"label": [int(x > 2) for x in b["label"]]}, batched=True)
        Trainer(model=model, train_dataset=enc["train"])
    """,
    "a map by a function of another module": """
        enc = load_dataset("emotion").map(preprocess, batched=True)
        Trainer(model=model, train_dataset=enc["train"])
    """,
    "local data files": """
        ds = load_dataset("emotion", data_files={"train": "train.csv"})
        Trainer(model=model, train_dataset=ds["train"])
    """,
    "a dataset not in the table": """
        ds = load_dataset("tweet_eval", "emotion")
        Trainer(model=model, train_dataset=ds["train"])
    """,
    "the label column removed": """
        ds = load_dataset("emotion").remove_columns(["label"])
        Trainer(model=model, train_dataset=ds["train"])
    """,
    "another column renamed to labels": """
        ds = load_dataset("emotion").rename_column("text", "labels")
        Trainer(model=model, train_dataset=ds["train"])
    """,
    "a method tf-lint does not know": """
        ds = load_dataset("emotion").class_encode_column("label")
        Trainer(model=model, train_dataset=ds["train"])
    """,
    "no model tf-lint knows": """
        ds = load_dataset("emotion")
        Trainer(model=build(), train_dataset=ds["train"])
    """,
    "a map writing labels from two class columns": """
        ds = load_dataset("conll2003")
        enc = ds.map(lambda b: {"labels": b["ner_tags"] + b["pos_tags"]})
        Trainer(model=model, train_dataset=enc["train"])
    """,
}


@pytest.mark.parametrize("body", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_labels_not_known(body):
    assert _trained(body) == []


LOOPS = {
    "for batch in loader: model(**batch)": """
        enc = load_dataset("emotion").map(lambda b: tokenizer(b["text"], padding="max_length"), batched=True)
        enc = enc.rename_column("label", "labels")
        enc.set_format("torch")
        loader = DataLoader(enc["train"], batch_size=8, shuffle=True)
        for batch in loader:
            loss = model(**batch).loss
    """,
    "moved to the device, enumerate, tqdm": """
        enc = load_dataset("emotion").map(lambda b: tokenizer(b["text"], padding="max_length"), batched=True)
        loader = DataLoader(dataset=enc["train"], batch_size=8)
        for step, batch in enumerate(tqdm(loader)):
            batch = {k: v.to("cpu") for k, v in batch.items()}
            out = model(input_ids=batch["input_ids"], labels=batch["label"])
    """,
}


@pytest.mark.parametrize("body", LOOPS.values(), ids=LOOPS.keys())
def test_dataloader_batches_reach_the_model(body):
    header = "from torch.utils.data import DataLoader\nfrom tqdm import tqdm\n"
    assert _trained(header + textwrap.dedent(body)) == [("emotion", "label", 6)]


LOOP_LOOK_ALIKES = {
    "the step, not the batch": """
        loader = DataLoader(load_dataset("emotion")["train"])
        for step, batch in enumerate(loader):
            model(**step)
    """,
    "a loader over another dataset": """
        loader = DataLoader(my_rows)
        for batch in loader:
            model(**batch)
    """,
    "a batch rebuilt from other values": """
        loader = DataLoader(load_dataset("emotion")["train"])
        for batch in loader:
            batch = tokenizer(batch["text"], return_tensors="pt")
            model(**batch)
    """,
}


@pytest.mark.parametrize("body", LOOP_LOOK_ALIKES.values(), ids=LOOP_LOOK_ALIKES.keys())
def test_dataloader_look_alikes(body):
    header = "from torch.utils.data import DataLoader\n"
    assert _trained(header + textwrap.dedent(body)) == []
