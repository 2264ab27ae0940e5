# provenance: search index id 7861150271 [imports, DataCollatorSpeechSeq2SeqWithPadding, the model loading and trainer of main(); a Hub token in the file is not copied]
# query: tokenizer.pad(
# rank: 9
# label: negative
# note: speech-to-text: only the labels are padded by tokenizer.pad (to -100); the encoder gets log-mel features
import os
import re
import torch
import functools
import json
import itertools
import torch.multiprocessing as mp
from datasets import load_dataset, DatasetDict, Dataset, Audio
from dataclasses import dataclass
import math
from typing import Any, Dict, List, Union
from transformers import (
    Seq2SeqTrainingArguments,
    Seq2SeqTrainer,
    WhisperConfig,
    WhisperModel,
    WhisperForConditionalGeneration,
    WhisperProcessor,
    WhisperTokenizerFast,
)


@dataclass
class DataCollatorSpeechSeq2SeqWithPadding:
    processor: Any
    forward_attention_mask: bool

    def __call__(self, features: List[Dict[str, Union[List[int], torch.Tensor]]]) -> Dict[str, torch.Tensor]:
        # split inputs and labels since they have to be of different lengths and need different padding methods
        # first treat the audio inputs by simply returning torch tensors
        input_features = [{"input_features": feature["input_features"]} for feature in features]
        batch = self.processor.feature_extractor.pad(input_features, return_tensors="pt")

        if self.forward_attention_mask:
            batch["attention_mask"] = torch.LongTensor([feature["attention_mask"] for feature in features])
        
        # get the tokenized label sequences
        label_features = [{"input_ids": feature["labels"]} for feature in features]
        # pad the labels to max length
        labels_batch = self.processor.tokenizer.pad(label_features, return_tensors="pt")

        # replace padding with -100 to ignore loss correctly
        labels = labels_batch["input_ids"].masked_fill(labels_batch.attention_mask.ne(1), -100)

        # if bos token is appended in previous tokenization step,
        # cut bos token here as it's append later anyways
        if (labels[:, 0] == self.processor.tokenizer.bos_token_id).all().cpu().item():
            labels = labels[:, 1:]

        batch["labels"] = labels

        return batch

def main():
    model_name = "openai/whisper-small"
    language = "Bengali"
    task = "transcribe"  # transcribe or translate
    apply_spec_augment = True
    predict_with_generate = True
    processor = WhisperProcessor.from_pretrained(model_name, language=language, task=task)
    data_collator = DataCollatorSpeechSeq2SeqWithPadding(processor=processor, forward_attention_mask=apply_spec_augment)
    model = WhisperForConditionalGeneration.from_pretrained(model_name)
    training_args = Seq2SeqTrainingArguments(
        output_dir="./checkpoint/whisper-small-900hr-pre-processing-gpu",
        predict_with_generate=predict_with_generate,
    )
    trainer = Seq2SeqTrainer(
        args=training_args,
        model=model,
        train_dataset=dataset_our["train"],
        eval_dataset=dataset_our["test"],
        data_collator=data_collator,
        compute_metrics=compute_metrics,
    )
