# provenance: search index id 7807565576 [imports, BertClassificationModel, generate_dataloaders, eval_classification]
# query: DataCollatorWithPadding
# rank: 6
# label: negative
# note: DataCollatorWithPadding batches; every call passes attention_mask on to BERT
import datasets
from datasets import load_dataset
import argparse
import transformers
from transformers import AutoConfig, AutoTokenizer, BertModel, DataCollatorWithPadding
from transformers import BertForSequenceClassification
import evaluate
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchmetrics import MeanAbsolutePercentageError
from tqdm import tqdm
import pandas as pd
import matplotlib.pyplot as plt
from accelerate import Accelerator
from torch.utils.tensorboard import SummaryWriter
import os
import numpy as np
from datetime import datetime
import time


class BertClassificationModel(nn.Module):
    def __init__(self, config, model_name, hidden_dim, num_classes):
        super().__init__()
        self.config = config
        self.bert = BertModel.from_pretrained(model_name)
        # Fix the weights of the pretrained model
        if not FLAG_BERT_TUNING:
            for param in self.bert.parameters():
                param.requires_grad = False

        # The output layer that takes the [CLS] representation and gives an output
        self.cls = nn.Linear(config.hidden_size, hidden_dim)
        self.relu = nn.ReLU()
        if FLAG_VICUNA_DATA_ONLY:
            self.fc1 = nn.Linear(hidden_dim, hidden_dim)
        else:
            self.fc1 = nn.Linear(hidden_dim + num_models, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, num_classes)
        self.logsoftmax = nn.LogSoftmax(dim=-1)

    def forward(self, input_ids, attention_mask, model_name=None):
        outputs = self.bert(input_ids=input_ids, attention_mask=attention_mask)
        # Obtain the representations of [CLS] heads
        # outputs.last_hidden_state: [batch_size, sequence_size, hidden_size]
        logits = outputs.last_hidden_state[:,0,:]
        output = self.relu(self.cls(logits))
        if FLAG_VICUNA_DATA_ONLY:
            output = self.relu(self.fc1(output))
        else:
            output = self.relu(self.fc1(torch.cat((output, model_name), dim=-1)))
        output = self.logsoftmax(self.fc2(output))
        return output


def generate_dataloaders(dataset, train_batch_size, test_batch_size, tokenizer):
    n_total_samples = len(dataset)
    train_validationtest = dataset.train_test_split(test_size=0.4, shuffle=False)
    validation_test = train_validationtest['test'].train_test_split(test_size=0.5, shuffle=False)
    train_dataset = train_validationtest['train']
    validation_dataset = validation_test['train']
    test_dataset = validation_test['test']

    data_collator = DataCollatorWithPadding(tokenizer=tokenizer)
    train_dataloader = DataLoader(train_dataset, shuffle=False, batch_size=train_batch_size, collate_fn=data_collator)
    validation_dataloader = DataLoader(validation_dataset, shuffle=True, batch_size=train_batch_size, collate_fn=data_collator)
    weights = []
    return train_dataloader, validation_dataloader, test_dataset, weights


def eval_classification(model, dataloader, device):
    accuracy_metric = evaluate.load("accuracy")
    model.eval()
    labels = []
    predictions = []
    for batch in dataloader:
        with torch.no_grad():
            input_ids = batch['input_ids'].to(device)
            attention_mask = batch['attention_mask'].to(device)
            if FLAG_VICUNA_DATA_ONLY:
                output = model(input_ids=input_ids, attention_mask=attention_mask)
            else:
                model_name = batch['model'].to(device)
                output = model(input_ids=input_ids, attention_mask=attention_mask, model_name=model_name)
            label = batch['labels'].to(device)
            prediction = torch.argmax(output, dim=-1)
            labels.extend(label)
            predictions.extend(prediction)
    metric = accuracy_metric.compute(references=labels, predictions=predictions)
    return metric
