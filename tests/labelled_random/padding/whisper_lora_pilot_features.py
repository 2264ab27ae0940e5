# provenance: search index id 71633343836 [imports, step2_one_batch_smoke_test]
# query: DataCollatorWithPadding
# rank: 5
# label: negative
# note: the hit is a project's WhisperDataCollatorWithPadding (another file); Whisper's encoder takes log-mel input_features, no token padding reaches it without a mask
import gc
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset
from transformers import WhisperForConditionalGeneration, WhisperProcessor, get_cosine_schedule_with_warmup
from peft import PeftModel

# Add project root to sys.path
sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..")))

from asr.audio import load_audio
from asr.model import detect_hardware
from asr.normalization import normalize_vietnamese_text
from evaluation.metrics import compute_levenshtein_cer, compute_levenshtein_wer
from research.checkpoint import load_lora_checkpoint, save_lora_checkpoint
from research.collator import WhisperDataCollatorWithPadding
from research.lora import build_whisper_lora_model, count_parameters, verify_freeze_integrity
from research.quarantine import DataContaminationError, QuarantineEnforcer


def step2_one_batch_smoke_test(
    peft_model: nn.Module,
    processor: WhisperProcessor,
    train_dataset: Dataset,
    device: str,
) -> Dict[str, Any]:
    collator = WhisperDataCollatorWithPadding(processor=processor)
    loader = DataLoader(train_dataset, batch_size=2, shuffle=False, collate_fn=collator)
    batch = next(iter(loader))

    target_dtype = torch.float16 if device.startswith("cuda") else torch.float32
    peft_model.to(device)
    peft_model.train()

    optimizer = torch.optim.AdamW(peft_model.parameters(), lr=1e-4)

    input_features = batch["input_features"].to(device, dtype=target_dtype)
    labels = batch["labels"].to(device)

    if torch.cuda.is_available():
        torch.cuda.reset_peak_memory_stats()

    t0 = time.perf_counter()

    # Forward
    outputs = peft_model(input_features=input_features, labels=labels)
    loss = outputs.loss
    loss_val = float(loss.detach().item())
    assert torch.isfinite(loss).item(), "Smoke test loss is non-finite!"
