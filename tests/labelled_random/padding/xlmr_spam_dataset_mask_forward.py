# provenance: search index id 34354361381 [imports, SpamDataset less its loaders, test_model, create_model, main]
# query: pad_to_max_length
# rank: 4
# label: negative
# note: items padded to max_len keep attention_mask and model.forward receives it
import csv
import os
import pandas as pd
from argparse import ArgumentParser
from typing import List, Tuple, Dict, Any, Callable
import torch
import torch.nn as nn
from sklearn.metrics import precision_recall_fscore_support, accuracy_score, confusion_matrix
from torch.utils.data import Dataset
from torch.utils.data.dataloader import DataLoader
from transformers import XLMRobertaTokenizer, XLMRobertaModel, XLMRobertaConfig, XLMRobertaForSequenceClassification
from pathlib import Path


class SpamDataset(Dataset):
    def __init__(self, sentences: List[str], labels: List[int], tokenizer: XLMRobertaTokenizer, max_len: int = 128):
        if len(sentences) != len(labels):
            raise RuntimeError("Sentences and labels should have the same number of elements.")
        self.tokenizer = tokenizer
        self.sentences = sentences
        self.labels = labels
        self.max_len = max_len

    def __getitem__(self, index: int):
        inputs = self.tokenizer(self.sentences[index], truncation=True, pad_to_max_length=True, max_length=self.max_len)
        ids = inputs["input_ids"]
        mask = inputs["attention_mask"]
        return {
            "input_ids": torch.tensor(ids, dtype=torch.long).squeeze(),
            "attention_mask": torch.tensor(mask, dtype=torch.long).squeeze(),
            "labels": torch.tensor(self.labels[index], dtype=torch.long)
        }

    def __len__(self):
        return len(self.sentences)


def test_model(model: nn.Module, device: torch.device, data_loader: DataLoader) -> Tuple[List[int], List[int]]:
    model.eval()

    labels_list = []
    preds_list = []

    with torch.no_grad():
        for batch in data_loader:
            ids, mask, labels = batch["input_ids"].to(device), batch["attention_mask"].to(device), batch["labels"].to(
                device)
            ret_dict = model.forward(ids, attention_mask=mask, labels=labels, return_dict=True)
            _, preds = torch.max(ret_dict['logits'], dim=1)

            labels_list.extend(labels.cpu().numpy().tolist())
            preds_list.extend(preds.cpu().numpy().tolist())

    return labels_list, preds_list


def create_model(scope: Dict[str, Any]) -> Tuple[XLMRobertaForSequenceClassification, XLMRobertaTokenizer]:
    device = scope["devices"][0]
    model_name = "xlm-roberta-base"
    config = XLMRobertaConfig.from_pretrained(model_name)
    config.num_labels = 2  # spam, ham

    tokenizer = XLMRobertaTokenizer.from_pretrained(model_name)
    model = XLMRobertaForSequenceClassification.from_pretrained(model_name, config=config)
    model_checkpoint = torch.load(scope['model_path'])
    model.load_state_dict(model_checkpoint)
    model.to(device)
    model.eval()
    return model, tokenizer


def main(scope):
    device = scope["devices"][0]
    model, tokenizer = create_model(scope)

    test_dataset = SpamDataset.load_manually(scope['test_dir'], tokenizer, scope['max_len'])
    test_loader = DataLoader(test_dataset, batch_size=scope['batch_size'], shuffle=False, num_workers=2)
    print(valid_epoch(model, device, test_loader))
