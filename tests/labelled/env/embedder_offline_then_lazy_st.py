# provenance: search index id 70103936598
# label: negative
# note: the flags are set at module top and again just before the lazy `from sentence_transformers import ...`; no Hugging Face import precedes them
from __future__ import annotations

import os
import logging
from typing import List, Union
import numpy as np

os.environ["TQDM_DISABLE"] = "1"
os.environ["HF_HUB_DISABLE_SYMLINKS_WARNING"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

logger = logging.getLogger("Phase7_Embedder")
_model_instance = None


def get_embedding_model():
    """Lazy load local sentence transformer model."""
    global _model_instance
    if _model_instance is None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from sentence_transformers import SentenceTransformer
        _model_instance = SentenceTransformer("all-MiniLM-L6-v2")
    return _model_instance
