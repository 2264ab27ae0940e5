# provenance: search index id 71649466450 [imports, ModelLoader, PredictWrapper]
# query: padding=True
# rank: 6
# label: negative
# note: the padded batch reaches the lexicon-BERT model with attention_mask=enc["attention_mask"]
import sys
import re
import json
import time
import warnings
import argparse
import textwrap
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.patches as mpatches
from matplotlib.colors import TwoSlopeNorm
import matplotlib.gridspec as gridspec

import torch
import torch.nn.functional as F

warnings.filterwarnings("ignore")

ROOT    = Path(__file__).resolve().parent
OUTDIR  = ROOT / "results" / "interpretability"
OUTDIR.mkdir(parents=True, exist_ok=True)

sys.path.insert(0, str(ROOT))

try:
    from train_exp3_lexicon import (
        LexiconBERTModel,
        LexiconExtractor,
        TURKISH_LEXICON,
        NRC_CATS,
        MODEL_NAME,
        NUM_LABELS,
        LEXICON_DIM,
        EMOTIONS,
        load_lexicon_bert_weights,
    )
    _IMPORTS_OK = True
except Exception as e:
    print(f"[UYARI] train_exp3_lexicon import hatasi: {e}")
    _IMPORTS_OK = False

try:
    from transformers import AutoTokenizer
    _TRANSFORMERS_OK = True
except ImportError:
    _TRANSFORMERS_OK = False
    print("[UYARI] transformers yuklu degil — pip install transformers")

try:
    import shap
    _SHAP_OK = True
except ImportError:
    _SHAP_OK = False


class ModelLoader:

    def __init__(self):
        self.device    = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model     = None
        self.tokenizer = None
        self.extractor = None
        self._loaded   = False

    def load(self) -> bool:
        if not (_IMPORTS_OK and _TRANSFORMERS_OK):
            print("[HATA] Gerekli paketler eksik.")
            return False

        self.tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
        self.extractor = LexiconExtractor()

        self.model = LexiconBERTModel(
            bert_model_name=MODEL_NAME,
            num_labels=NUM_LABELS,
            lexicon_dim=LEXICON_DIM,
        )

        self.model.eval()
        self.model.to(self.device)
        self._loaded = True
        return True


class PredictWrapper:

    def __init__(self, loader: ModelLoader, batch_size: int = 16):
        self.loader     = loader
        self.batch_size = batch_size

    def __call__(self, texts) -> np.ndarray:
        if isinstance(texts, np.ndarray):
            texts = texts.tolist()
        texts = [str(t) for t in texts]

        all_probs = []
        for i in range(0, len(texts), self.batch_size):
            batch = texts[i : i + self.batch_size]
            probs = self._forward_batch(batch)
            all_probs.append(probs)

        return np.vstack(all_probs)

    def _forward_batch(self, texts: List[str]) -> np.ndarray:
        device    = self.loader.device
        tokenizer = self.loader.tokenizer
        extractor = self.loader.extractor
        model     = self.loader.model

        # BERT tokenization
        enc = tokenizer(
            texts,
            return_tensors="pt",
            truncation=True,
            max_length=128,
            padding=True,
        )
        enc = {k: v.to(device) for k, v in enc.items()}

        lex_list = [extractor.extract(t) for t in texts]
        lex_tensor = torch.tensor(
            np.stack(lex_list), dtype=torch.float32
        ).to(device)

        with torch.no_grad():
            out = model(
                input_ids=enc["input_ids"],
                attention_mask=enc["attention_mask"],
                token_type_ids=enc.get("token_type_ids"),
                lexicon_features=lex_tensor,
            )
        return F.softmax(out.logits, dim=-1).cpu().numpy()
