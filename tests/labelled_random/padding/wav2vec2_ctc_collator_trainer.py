# provenance: search index id 126867206 [imports, DataCollatorCTCWithPadding, train_model less some TrainingArguments options and the Trainer's tokenizer= argument]
# query: tokenizer.pad(
# rank: 3
# label: negative
# note: only the CTC labels are padded with tokenizer.pad (to -100); the model's input is audio padded by the feature extractor, no token batch goes in without a mask
import json
import torch
import torchaudio
import re
from pathlib import Path
from datasets import DatasetDict, load_dataset, concatenate_datasets, Value
from transformers import (
    Wav2Vec2ForCTC,
    Wav2Vec2Processor,
    TrainingArguments,
    Trainer
)
import evaluate
import argparse as arparse

MODEL_NAME = "jonatasgrosman/wav2vec2-large-xlsr-53-english"
BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "data"

processor = None 


class DataCollatorCTCWithPadding:
    """
    Custom data collator for Wav2Vec2 that handles padding and batching.
    """
    def __init__(self, processor, padding=True):
        self.processor = processor
        self.padding = padding

    def __call__(self, features):
        input_features = [{"input_values": f["input_values"]} for f in features]
        label_features = [{"input_ids": f["labels"]} for f in features]

        batch = self.processor.feature_extractor.pad(
            input_features,
            padding=True,
            return_tensors="pt"
        )

        labels_batch = self.processor.tokenizer.pad(
            label_features,
            padding=True,
            return_tensors="pt"
        )

        labels = labels_batch["input_ids"].masked_fill(
            labels_batch["input_ids"] == self.processor.tokenizer.pad_token_id,
            -100
        )
        batch["labels"] = labels
        return batch


def train_model(language, language_code):
    """
    Train the Wav2Vec2 model for the specified language.
    """
    global processor
    processor = Wav2Vec2Processor.from_pretrained(BASE_DIR/ "model/processor")

    dataset = load_and_merge(language_code)
    dataset = dataset.map(speech_file_to_array_fn)
    dataset = dataset.map(prepare_dataset)

    model = Wav2Vec2ForCTC.from_pretrained(MODEL_NAME,
                                           vocab_size =len(processor.tokenizer),
                                           ignore_mismatched_sizes=True
                                           )

    training_args = TrainingArguments(
        output_dir=BASE_DIR / f"model/{language_code}_wav2vec2",
        group_by_length=True,
        per_device_train_batch_size=8,
        num_train_epochs=10,
        fp16=torch.cuda.is_available(),
        save_strategy="epoch",
        learning_rate=1e-4,
        report_to="none"
    )

    trainer = Trainer(
        model=model,
        args=training_args,
        data_collator=DataCollatorCTCWithPadding(processor=processor),
        compute_metrics=compute_metrics,
        train_dataset=dataset["train"],
        eval_dataset=dataset["test"],
    )
