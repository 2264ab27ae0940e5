# provenance: search index id 71608400097 [imports, the model loading and generation loop of main()]
# query: padding="longest"
# rank: 8
# label: negative
# note: batches padded to the longest go to generate as **encoded, mask included
from __future__ import annotations

import argparse
from datetime import datetime, timezone
import hashlib
import importlib.util
import json
import os
from pathlib import Path
import sys
import time

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models/indictrans2-en-indic-dist-200M"
LANGUAGES = {"hi": "hin_Deva", "ta": "tam_Taml"}
PARAMETERS = {"num_beams": 5, "num_return_sequences": 1, "do_sample": False,
              "min_length": 0, "max_length": 256, "use_cache": True}


def main(argv=None):
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    tokenizer = AutoTokenizer.from_pretrained(str(MODEL), trust_remote_code=True, local_files_only=True)
    model = AutoModelForSeq2SeqLM.from_pretrained(
        str(MODEL), trust_remote_code=True, local_files_only=True,
        torch_dtype=torch.float32, attn_implementation="eager").eval()
    with args.output.open("a", encoding="utf-8", newline="\n") as output:
        for lang, tag in LANGUAGES.items():
            selected = [row for row in pending if row["target_lang"] == lang]
            for offset in range(0, len(selected), args.batch_size):
                batch = selected[offset:offset + args.batch_size]
                batch_started = time.perf_counter()
                prepared = processor.preprocess_batch([row["text"] for row in batch],
                    src_lang="eng_Latn", tgt_lang=tag, show_progress_bar=False)
                encoded = tokenizer(prepared, truncation=False, padding="longest", return_tensors="pt")
                if encoded["input_ids"].shape[1] > 256:
                    raise ValueError("Input exceeds model context; refusing silent truncation")
                with torch.inference_mode():
                    generated = model.generate(**encoded, **PARAMETERS)
                raw = tokenizer.batch_decode(generated, skip_special_tokens=True, clean_up_tokenization_spaces=True)
