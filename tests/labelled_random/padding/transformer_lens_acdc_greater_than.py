# provenance: search index id 55106826122 [imports, the model and tokenizer setup, the tokenization and pred()]
# query: padding=True).input_ids
# rank: 6
# label: negative
# note: the padded ids go to a TransformerLens HookedTransformer, not a Transformers model (a padding question for that library, outside this family)
import torch
from tqdm import tqdm
from datasets import load_from_disk
import json
import random
import argparse
import pickle
from scipy.stats import kendalltau
from transformer_lens.HookedTransformer import HookedTransformer
from acdc.TLACDCExperiment import TLACDCExperiment

args = parse_args()

model = HookedTransformer.from_pretrained(
    'gpt2',
    center_writing_weights=False,
    center_unembed=False,
    fold_ln=False,
    device=args.device,
)
model.set_use_hook_mlp_in(True)
model.set_use_split_qkv_input(True)
model.set_use_attn_result(True)
tokenizer = model.tokenizer
tokenizer.pad_token = tokenizer.eos_token

dataset = load_from_disk(args.dataset_path)
train_data = dataset["train"]
if args.max_train_examples < len(train_data):
    train_data = train_data.select(range(args.max_train_examples))

train_sentences = [train_data[i]['prefix'] for i in range(len(train_data))]
train_corr_sentences = [train_data[i]['corr_prefix'] for i in range(len(train_data))]
train_toks = tokenizer(train_sentences, return_tensors="pt", padding=True).input_ids
train_corr_toks = tokenizer(train_corr_sentences, return_tensors="pt", padding=True).input_ids

@torch.no_grad()
def pred(model, tokens, device, batch_size=32):
    logits = []
    for i in range(0, tokens.shape[0], batch_size):
        logits.append(model(tokens[i:i+batch_size].to(device)).cpu())
    return torch.cat(logits, dim=0)

train_pred = pred(model, train_toks, args.device)
