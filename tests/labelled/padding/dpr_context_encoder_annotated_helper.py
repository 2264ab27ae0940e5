# provenance: search index id 33316707735 [lines 1-46]
# label: positive
# note: titles and texts padded to the longest pair go into the DPR context encoder (an annotated parameter) as input_ids alone
from typing import List

import numpy as np
import torch
from transformers import DPRContextEncoder, DPRContextEncoderTokenizerFast, DPRQuestionEncoderTokenizer, \
    DPRQuestionEncoder, DPRQuestionEncoderTokenizerFast


def encode(doc_batch: List, ctx_encoder: DPRContextEncoder,
           ctx_tokenizer: DPRContextEncoderTokenizerFast,
           device: str) -> np.ndarray:
    documents = {"title": [doci['title'] for doci in doc_batch], 'text': [doci['text'] for doci in doc_batch]}
    """Compute the DPR embeddings of document passages"""
    input_ids = ctx_tokenizer(
        documents["title"], documents["text"], truncation=True, padding="longest", return_tensors="pt"
    )["input_ids"]
    embeddings = ctx_encoder(input_ids.to(device=device), return_dict=True).pooler_output  # expect: TFL101
    return embeddings.detach().cpu().to(dtype=torch.float16).numpy()
