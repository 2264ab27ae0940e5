# provenance: search index id 48149747890 [imports, load_text_model, batch_generate]
# query: padding=True
# rank: 1
# label: negative
# note: the tokenizer pads on the left (padding_side set after loading) and generate receives the whole encoding (**toks), mask included
from __future__ import annotations
from typing import List, Tuple
import os, torch
from transformers import AutoTokenizer, AutoModelForCausalLM, BitsAndBytesConfig
from tqdm import tqdm

def load_text_model(model_id: str, max_input_tokens: int = 2048, hf_token: str = "") -> Tuple[object, object, str]:
    token = hf_token or None
    tok = AutoTokenizer.from_pretrained(model_id, use_fast=True, token=token)
    if tok.pad_token is None and tok.eos_token is not None:
        tok.pad_token = tok.eos_token
    if tok.pad_token_id is None and tok.eos_token_id is not None:
        tok.pad_token_id = tok.eos_token_id
    tok.padding_side = "left"

    use_4bit = False
    if os.environ.get("USE_BNB", "0") not in ("0", "false", "False"):
        if _have_bnb():
            try:
                compute_dtype = torch.float16 if torch.cuda.is_available() else torch.float32
                qcfg = BitsAndBytesConfig(
                    load_in_4bit=True,
                    bnb_4bit_quant_type="nf4",
                    bnb_4bit_compute_dtype=compute_dtype,
                    bnb_4bit_use_double_quant=True,
                )
                mdl = AutoModelForCausalLM.from_pretrained(
                    model_id,
                    device_map="auto",
                    torch_dtype=compute_dtype,
                    low_cpu_mem_usage=True,
                    quantization_config=qcfg,
                    token=token,
                )
                use_4bit = True
            except Exception as e:
                print(f"[WARN] 4-bit path failed ({e}); falling back to fp16/fp32.")

    if not use_4bit:
        mdl = AutoModelForCausalLM.from_pretrained(
            model_id,
            device_map="auto",
            torch_dtype=torch.float16 if torch.cuda.is_available() else torch.float32,
            low_cpu_mem_usage=True,
            token=token,
        )
    return tok, mdl, ("4bit" if use_4bit else ("fp16" if torch.cuda.is_available() else "fp32"))

def batch_generate(tok, mdl, prompts: List[str], *, max_input_tokens: int = 2048, max_new_tokens: int = 6, batch_size: int = 4) -> List[str]:
    outs: List[str] = []
    total = (len(prompts) + batch_size - 1) // batch_size
    for i in tqdm(range(0, len(prompts), batch_size), desc="Generating", total=total, leave=True):
        batch = prompts[i:i+batch_size]
        toks = tok(batch, return_tensors="pt", padding=True, truncation=True, max_length=max_input_tokens).to(mdl.device)
        with torch.no_grad():
            gen = mdl.generate(
                **toks,
                max_new_tokens=max_new_tokens,
                do_sample=False,
                pad_token_id=tok.pad_token_id,
                eos_token_id=tok.eos_token_id
            )
        in_len = toks["input_ids"].shape[1]
        for j in range(len(batch)):
            outs.append(tok.decode(gen[j][in_len:], skip_special_tokens=True).strip())
    return outs
