# provenance: search index id 37371476
# query: tokenizer.add_tokens(
# rank: 6
# label: negative
# note: "[PAD]", "[EOPS]" are new to the (local) GPT-2 tokenizer, and model.resize_token_embeddings(len(tokenizer)) follows the GPT2Model load
import json
import csv
import torch
import transformers
import numpy as np
import tqdm
import os

from cobert import match, aggregate, fuse, dot_product_loss, train_epoch, evaluate_epoch
from dataset import PersonaChatTorchDataset, clf, tokenize
from util import logger

with open('config.json', 'r') as config:
    config  = json.loads(config.read())

model_path = config['model_path']
padding_side = config['padding_side']
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

tokenizer = transformers.GPT2Tokenizer.from_pretrained(model_path, padding_side=padding_side, local_files_only=True)
tokenizer.add_special_tokens({'pad_token': '[PAD]'})
tokenizer.add_tokens({'end_of_masage_token': '[EOM]', 'end_of_masage_token': '[EOPS]'}, special_tokens=True)
tokenizer.end_of_masage_token = '[EOM]'
tokenizer.end_of_persona_sentence_token = '[EOPS]'
model = transformers.GPT2Model.from_pretrained(model_path, local_files_only=True)
model.resize_token_embeddings(len(tokenizer))
model.config.pad_token_id = tokenizer.pad_token_id
model.to(device)
models = [model]
