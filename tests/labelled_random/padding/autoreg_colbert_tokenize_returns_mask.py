# provenance: search index id 52717288466 [imports, tokenize, evaluate]
# query: padding="max_length"
# rank: 4
# label: negative
# note: the helper returns ids and mask together and every encode call gets both
import argparse
import random
import sys
from pathlib import Path

import torch
import torch.nn.functional as F
from datasets import Dataset, load_dataset
from torch.optim import AdamW
from transformers import AutoTokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from setretrieval.train.autoreg_colbert_model import AutoRegColBERT


def tokenize(tokenizer, texts, max_len, device):
    enc = tokenizer(
        texts,
        max_length=max_len,
        padding="max_length",
        truncation=True,
        return_tensors="pt",
    )
    return enc["input_ids"].to(device), enc["attention_mask"].to(device)


@torch.no_grad()
def evaluate(model, tokenizer, dataset, args, device, n_eval: int = 200):
    """Triplet accuracy: fraction of pairs where score(q, pos) > score(q, neg)."""
    model.eval()
    correct = total = 0
    for i in range(0, min(n_eval, len(dataset)), args.batch_size):
        b = dataset[i : i + args.batch_size]
        q_ids, q_mask = tokenize(tokenizer, b["query"],    args.query_len, device)
        p_ids, p_mask = tokenize(tokenizer, b["positive"], args.doc_len,   device)
        n_ids, n_mask = tokenize(tokenizer, b["negative"], args.doc_len,   device)

        q_embs        = model.encode_query(q_ids, q_mask)
        p_embs, _     = model.encode_doc_with_rollout(p_ids, p_mask)
        n_embs, _     = model.encode_doc_with_rollout(n_ids, n_mask)

        B  = q_embs.size(0)
        ps = colbert_scores(q_embs, p_embs, q_mask)[range(B), range(B)]
        ns = colbert_scores(q_embs, n_embs, q_mask)[range(B), range(B)]
        correct += (ps > ns).sum().item()
        total   += B

    print(f"  Eval acc = {correct}/{total} = {correct / max(total, 1):.3f}", flush=True)
    model.train()
