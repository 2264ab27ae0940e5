# provenance: search index id 8559769298
# query: ForSequenceClassification.from_pretrained(
# rank: 5
# label: negative
# note: two labels (NORMAL, SARCASTIC) and the head gets num_labels=2 with both maps
from pathlib import Path

import evaluate
import numpy as np
from clearml import Dataset, Task
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import (AutoModelForSequenceClassification, AutoTokenizer,
                          DataCollatorWithPadding, Trainer, TrainingArguments)

from utils import plot_confusion_matrix


class SarcasmTrainer:
    def __init__(self):
        self.accuracy = evaluate.load("accuracy")
        self.id2label = {0: "NORMAL", 1: "SARCASTIC"}
        self.label2id = {"NORMAL": 0, "SARCASTIC": 1}

        self.tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")
        self.model = AutoModelForSequenceClassification.from_pretrained(
            "distilbert-base-uncased", num_labels=2, id2label=self.id2label, label2id=self.label2id
        )
        self.model.to('cuda')

        self.trainer = None
