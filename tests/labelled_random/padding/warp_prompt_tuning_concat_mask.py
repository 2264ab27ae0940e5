# provenance: search index id 27644133152 [imports, the tokenizer and model setup, validate(), the training step]
# query: padding=True).input_ids
# rank: 5
# label: negative
# note: the padded features keep their attention_mask, extended over the prompt slots, and the model gets **features; the padded label ids are labels
from datasets import load_dataset

from torch.utils.data import DataLoader
from transformers import AutoModelForMaskedLM, AutoTokenizer, AutoModel
import tqdm
import logging
import math
import pandas as pd
import argparse
import random

import numpy as np
import torch
import torch.nn as nn

import copy
import json
import sys
sys.path.append("../")
from utils import set_seed
from models.modeling_roberta import WARPPromptedRobertaForMaskedLM, WARPPromptedRobertaForSequenceClassification

tokenizer = AutoTokenizer.from_pretrained(args.backbone_model)

mask_id = tokenizer.convert_tokens_to_ids("<mask>")

device = torch.device("cuda" if torch.cuda.is_available() and not args.no_cuda else "cpu")

model = WARPPromptedRobertaForMaskedLM(
                                         pretrained_backbone_path = args.backbone_model,                 
                                         n_prompts = args.n_prompts, 
                                         seed_token_id_for_prompts_embeddings = mask_id,
                                         pretrained_prompts_path = args.pretrained_prompts_path
                                        )

model.to(device)

middle_string = " <mask> "

def validate():
    model.eval()
    preds = []
    with torch.no_grad():
        for _ in tqdm.tqdm(range(0, valid_dataset.shape[0], args.eval_batch_size)):
            exs = list(range(_, _+args.eval_batch_size))
            if exs[-1] >= valid_dataset.shape[0]:
                exs = list(range(_, valid_dataset.shape[0]))

            valid_features = tokenizer([valid_dataset.premise.iloc[i] + "?" + middle_string + valid_dataset.hypothesis.iloc[i] for i in exs], return_tensors='pt', truncation=True, padding=True)
            valid_features["input_ids"] = torch.cat([torch.full((valid_features["input_ids"].shape[0], args.n_prompts), 0), valid_features['input_ids']], 1)
            valid_features["input_ids"] = valid_features["input_ids"].to(device)
            valid_features['attention_mask'] = torch.cat([torch.full((valid_features["input_ids"].shape[0], args.n_prompts), 1), valid_features['attention_mask']], 1)
            valid_features['attention_mask'] = valid_features['attention_mask'].to(device)

            outputs = model(**valid_features)

for step in tqdm.tqdm(range(250000)):
    exs = random.sample(range(0, dataset.shape[0]), args.train_batch_size)
    train_features = tokenizer([dataset.premise.iloc[i] + "?" + middle_string +  dataset.hypothesis.iloc[i] for i in exs], return_tensors='pt', truncation=True, padding=True)
    
    labels = tokenizer([dataset.premise.iloc[i] + "?" + f" {dataset.gold_label.iloc[i]} " +  dataset.hypothesis.iloc[i] for i in exs], return_tensors='pt', truncation=True, padding=True).input_ids
    labels = torch.cat([torch.full((labels.shape[0], args.n_prompts), 0), labels], 1)

    train_features["input_ids"] = torch.cat([torch.full((train_features["input_ids"].shape[0], args.n_prompts), 0), train_features['input_ids']], 1)
    train_features["input_ids"] = train_features["input_ids"].to(device)
    train_features['attention_mask'] = torch.cat([torch.full((train_features["input_ids"].shape[0], args.n_prompts), 1), train_features['attention_mask']], 1)
    train_features['attention_mask'] = train_features['attention_mask'].to(device)
    train_features['labels'] = labels
    train_features['labels'] = train_features['labels'].to(device)

    try:
        outputs = model(**train_features)
    except:
        print(f"{exs}")
        print(f"{train_features['input_ids'].shape}, {train_features['attention_mask'].shape}, {train_features['labels'].shape}")
