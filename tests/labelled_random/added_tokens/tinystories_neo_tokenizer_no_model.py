# provenance: search index id 31361082500
# query: add_special_tokens(
# rank: 5
# label: negative
# note: [BEGIN]/[END]/[PAD]/[UNK] are new to the GPT-Neo (TinyStories) tokenizer, but no model is in the file: the ids are remapped to a custom 10k vocabulary (neo_tok_ids_to_ts) before any model sees them
from transformers import AutoTokenizer
from unidecode import unidecode
import torch
import os
import numpy as np
import re
from typing import Union, List
from tqdm import tqdm


current_file = os.path.abspath(__file__)
current_dir = os.path.dirname(current_file)
neo_tokenizer = AutoTokenizer.from_pretrained(
    "roneneldan/TinyStories",
    padding=True,
    truncation=True,
    add_special_tokens=True,
    max_length=2048,
)
neo_tokenizer.model_max_length = 2048
neo_tokenizer.add_special_tokens(
    {
        "bos_token": "[BEGIN]",
        "eos_token": "[END]",
        "pad_token": "[PAD]",
        "unk_token": "[UNK]",
    },
)
neo_tok_ids_to_ts = torch.load(f"{current_dir}/neo_tok_ids_to_ts.pt")
ts_tok_ids_to_neo = torch.load(f"{current_dir}/ts_tok_ids_to_neo.pt")
