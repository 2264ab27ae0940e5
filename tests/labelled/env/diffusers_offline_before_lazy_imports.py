# provenance: search index id 56061567663
# label: negative
# note: the offline flags are set at module top; diffusers, torch and huggingface_hub are only imported lazily inside functions, after them
from __future__ import annotations

import gc
import os
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"


def _torch():
    import torch  # noqa: PLC0415  (lazy on purpose)

    return torch


def device() -> str:
    try:
        return "cuda" if _torch().cuda.is_available() else "cpu"
    except Exception:
        return "cpu"


def is_downloaded(model_id: str) -> bool:
    try:
        from huggingface_hub.constants import HF_HUB_CACHE  # PLC0415

        folder = "models--" + model_id.replace("/", "--")
        return (Path(HF_HUB_CACHE) / folder).is_dir()
    except Exception:
        return False


def _load(model_id: str):
    torch = _torch()
    dtype = torch.float16 if device() == "cuda" else torch.float32
    from diffusers import AutoPipelineForText2Image  # PLC0415

    return AutoPipelineForText2Image.from_pretrained(model_id, torch_dtype=dtype, local_files_only=True)
