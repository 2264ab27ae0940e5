# provenance: search index id 71621096801
# query: num_labels
# rank: 7
# label: negative
# note: num_labels = len(label_mapping) read from the label file the data was encoded with, passed to the DistilBERT head
from pathlib import Path
import json
import numpy as np

import evaluate
import pandas as pd

from datasets import Dataset

from transformers import (
    DistilBertTokenizerFast,
    DistilBertForSequenceClassification,
    TrainingArguments,
    Trainer,
    DataCollatorWithPadding,
)

from sklearn.utils.class_weight import compute_class_weight

import torch

DATA_DIR = Path("dataset/processed")

TRAIN_FILE = DATA_DIR / "train.csv"
VAL_FILE = DATA_DIR / "validation.csv"

LABEL_FILE = DATA_DIR / "label_mapping.json"

MODEL_DIR = Path("models/distilbert_clipboard")
MODEL_DIR.mkdir(parents=True, exist_ok=True)

train_df = pd.read_csv(TRAIN_FILE)

val_df = pd.read_csv(VAL_FILE)

with open(LABEL_FILE) as f:
    label_mapping = json.load(f)

num_labels = len(label_mapping)

print("Labels:", label_mapping)

train_ds = Dataset.from_pandas(
    train_df[["text", "label_id"]]
)

val_ds = Dataset.from_pandas(
    val_df[["text", "label_id"]]
)

MODEL_NAME = "distilbert-base-uncased"

tokenizer = DistilBertTokenizerFast.from_pretrained(
    MODEL_NAME
)

def tokenize(batch):

    return tokenizer(
        batch["text"],
        truncation=True,
        padding=False,
        max_length=128,
    )

train_ds = train_ds.map(tokenize, batched=True)

val_ds = val_ds.map(tokenize, batched=True)

train_ds = train_ds.rename_column(
    "label_id",
    "labels"
)

val_ds = val_ds.rename_column(
    "label_id",
    "labels"
)

train_ds.set_format("torch")

val_ds.set_format("torch")

model = DistilBertForSequenceClassification.from_pretrained(
    MODEL_NAME,
    num_labels=num_labels,
)

training_args = TrainingArguments(

    output_dir=str(MODEL_DIR),

    eval_strategy="epoch",

    save_strategy="epoch",

    num_train_epochs=4,
)

trainer = Trainer(

    model=model,

    args=training_args,

    train_dataset=train_ds,

    eval_dataset=val_ds,


    data_collator=DataCollatorWithPadding(
        tokenizer
    ),
)

trainer.train()
