# provenance: search index id 5933690922
# query: add_special_tokens({'pad_token'
# rank: 3
# label: negative
# note: "<PAD>" is added only when the tokenizer has no pad token, and the same branch resizes the base model before the adapters are loaded
import re
import torch
import os
from get_datasets import get_batch_iterator
from transformers import AutoModelForCausalLM, AutoTokenizer
from utils import pad_to_length, all_gather_if_needed
from rouge_score import rouge_scorer
from peft import PeftModel
import numpy as np
import argparse
import yaml
from eval_model import evaluate

parser = argparse.ArgumentParser()
parser.add_argument('--model_name', type=str, default='mistralai/Mistral-7B-v0.1')
parser.add_argument('--adapter_path', type=str, default=['mistralai/Mistral-7B-v0.1'], nargs='+',
                    help='Paths to adapter models')
args = parser.parse_args()

model_yaml_path = os.path.join('config', 'model', f"{args.model_name}.yaml")
with open(model_yaml_path, 'r') as file:
    model_config = yaml.safe_load(file)
    load_path = model_config.get('name_or_path')
    policy_dtype = getattr(torch, model_config.get('policy_dtype', 'bfloat16'))

base_model = AutoModelForCausalLM.from_pretrained(
        load_path,
        torch_dtype=policy_dtype,
        device_map='auto',
)
tokenizer = AutoTokenizer.from_pretrained(load_path)
if tokenizer.pad_token_id is None:
    tokenizer.add_special_tokens({'pad_token': '<PAD>'})
    base_model.config.pad_token_id = tokenizer.pad_token_id
    base_model.resize_token_embeddings(len(tokenizer))

model = PeftModel.from_pretrained(
    base_model, 
    args.adapter_path[0], 
    adapter_name="adapter_0"
)
