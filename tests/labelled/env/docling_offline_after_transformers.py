# provenance: search index id 54597293898
# label: positive
# note: offline mode is switched on after `from transformers import AutoTokenizer` ran in the same function: huggingface_hub already read HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE, so later loads still reach the network
from __future__ import annotations

import logging
import os

logger = logging.getLogger(__name__)


def ensure_models_cached(model_name: str) -> None:
    """Download tokenizer and Docling models if not cached, then enable offline mode."""
    from docling.document_converter import DocumentConverter
    from transformers import AutoTokenizer

    # 1. Cache tokenizer
    AutoTokenizer.from_pretrained(model_name)
    logger.info("Tokenizer '%s' cached", model_name)

    # 2. Cache Docling layout/TableFormer models (ONNX backend via docling-onnx-models)
    DocumentConverter()

    # 3. Enable offline mode so no further network requests happen
    os.environ["HF_HUB_OFFLINE"] = "1"  # expect: TFL602
    os.environ["TRANSFORMERS_OFFLINE"] = "1"  # expect: TFL602
    logger.info("HuggingFace offline mode enabled")
