# provenance: search index id 12988908478
# label: positive
# note: model and tokenizer are parameters; the padded input_ids reach model() without attention_mask, so padded rows are scored with their pads
import json

import torch


def to_tokens_and_probs(model, tokenizer, input_texts: list[str], as_log_probs: bool = False) -> list[
    list[tuple[str, float]]]:
    input_ids = tokenizer(input_texts, padding=True, return_tensors="pt").input_ids
    outputs = model(input_ids)  # expect: TFL101
    if as_log_probs:
        probs = torch.log_softmax(outputs.logits, dim=-1).detach()
    else:
        probs = torch.softmax(outputs.logits, dim=-1).detach()
    probs = probs[:, :-1, :]
    input_ids = input_ids[:, 1:]
    gen_probs = torch.gather(probs, 2, input_ids[:, :, None]).squeeze(-1)
    return gen_probs
