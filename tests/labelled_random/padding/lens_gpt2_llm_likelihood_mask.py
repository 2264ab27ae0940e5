# provenance: search index id 10895228912 [imports, module-level models, compute_llm_likelihood]
# query: padding=True).input_ids
# rank: 9
# label: negative
# note: the pad id is set to eos before padding, and GPT-2 gets the concatenated prompt and answer masks; the padded tag ids are only repeat counts
from model import Lens, LensDataset, LensProcessor
import requests
from PIL import Image
from scipy.special import rel_entr
from transformers import Trainer, TrainingArguments, CLIPProcessor, CLIPModel, GPT2LMHeadModel, GPT2TokenizerFast
import torch
import numpy as np
from utils import create_prompt_sample, create_dataloader, create_sampler
import torch.nn.functional as F
from torch.utils.data import DataLoader
from datasets import Dataset, load_dataset
import wandb
import matplotlib.pyplot
from argparse import ArgumentParser, ArgumentDefaultsHelpFormatter
import pandas as pd
from evaluate import load

device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
lens_model = Lens()
processor = LensProcessor()
llm_model = GPT2LMHeadModel.from_pretrained("gpt2")
tokenizer = GPT2TokenizerFast.from_pretrained("gpt2", padding=True)
IGNORE_INDEX = -100

def compute_llm_likelihood(samples, labels, gamma=1.0):
    bsz, k = np.array(samples["tags"]).shape
    all_prompts, all_labels = [], []
    for i in range(bsz):
        for j in range(k):
            prompt = create_prompt_sample(
                samples, i, desc_idx=j, mode=f"tags_only_single",
                question_prompt=samples["questions"][i]
            )
            all_prompts.append(prompt)
            all_labels.append(labels[i])
    tokenizer.pad_token_id = tokenizer.eos_token_id
    prompt_tokens = tokenizer(all_prompts, return_tensors="pt", padding=True)
    label_tokens = tokenizer(all_labels, return_tensors="pt", padding=True)

    reader_tok, reader_mask = prompt_tokens.input_ids, prompt_tokens.attention_mask
    answer_tok, answer_mask = label_tokens.input_ids, label_tokens.attention_mask

    retrieved_tags = tokenizer(samples["tags"], return_tensors="pt", padding=True).input_ids
    repeat_answer_tok = torch.repeat_interleave(answer_tok[:, None], retrieved_tags, dim=1).view(-1, answer_tok.shape[-1])
    repeat_answer_mask = torch.repeat_interleave(answer_mask[:, None], retrieved_tags, dim=1).view(-1, answer_mask.shape[-1])
    reader_tok = reader_tok.reshape(-1, reader_tok.shape[-1])
    reader_mask = reader_mask.reshape(-1, reader_mask.shape[-1])

    lsr_input_ids = torch.cat((reader_tok, repeat_answer_tok), dim=-1)
    lsr_attention_mask = torch.cat((reader_mask, repeat_answer_mask), dim=-1)

    with torch.autocast("cuda", dtype=torch.bfloat16):
        with torch.inference_mode():
            lsr_logits = llm_model(
                input_ids=lsr_input_ids[:, :-1],
                attention_mask=lsr_attention_mask[:, :-1],
                use_cache=False,
            ).logits
