# provenance: search index id 16514051779 [execute_oft's inputs and loss, chunks; the OFT layer and weight handling left out]
# query: padding=True, truncation=True)["input_ids"]
# rank: 2
# label: negative
# note: the padded prompt ids taken alone only count each prompt's tokens; the model gets the whole padded encoding (**tokens, mask included) with its pad labels set to -100
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def execute_oft(model: AutoModelForCausalLM, tok: AutoTokenizer, requests, batch_size=1, device="cuda"):
    texts = [r["prompt"] for r in requests]
    targets = [r["target_new"] for r in requests]
    mask_token = -100
    for txt, tgt in zip(chunks(texts, batch_size), chunks(targets, batch_size)):
        full_prompt = [f"{p} {l}" for p, l in zip(txt, tgt)]
        prompt_ids = tok(list(txt), return_tensors="pt", padding=True, truncation=True)["input_ids"]
        num_prompt_toks = [int((i != tok.pad_token_id).sum()) for i in prompt_ids]
        tokens = tok(full_prompt, return_tensors="pt", padding=True, truncation=True)
        tokens["labels"] = tokens["input_ids"].clone()
        num_pad_toks = [int((i == tok.pad_token_id).sum()) for i in tokens["labels"]]
        for i in range(len(txt)):
            tokens["labels"][i][num_pad_toks[i]:num_pad_toks[i]+num_prompt_toks[i]] = mask_token
        tokens["labels"][tokens["input_ids"] == tok.pad_token_id] = mask_token
        tokens = tokens.to(device)
        pred = model(**tokens)
        pred.loss.backward()


def chunks(arr, n):
    chunk = []
    for a in arr:
        chunk.append(a)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if len(chunk) > 0:
        yield chunk
