# provenance: search index id 54568348180 [imports, _resolve_device, _ClipEngine]
# query: padding=True
# rank: 4
# label: negative
# note: the padded texts reach CLIP's text_model with attention_mask=pp.get("attention_mask"), and the full model with **pp
from __future__ import annotations

import asyncio
import base64
import io
import json
import logging
import os
import threading
from typing import Any, ClassVar

import numpy as np

from app.components import (
    BaseCanvasNode,
    BaseNodeSet,
    ConfigField,
    NodeUIConfig,
    PortDef,
    conda_env_python,
)

log = logging.getLogger("agentcanvas.model_clip")

_MODEL_ID_DEFAULT = "openai/clip-vit-base-patch32"


def _resolve_device() -> Any:
    import torch

    want = (os.environ.get("CLIP_DEVICE", "") or "auto").strip()
    if want == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(want)


class _ClipEngine:

    _instances: ClassVar[dict] = {}
    _lock = threading.Lock()

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id
        self.device = None
        self.model = None
        self.processor = None
        self._loaded = False
        self._load_failed = False
        self._infer_lock = threading.Lock()

    @classmethod
    def get(cls, model_id: str) -> "_ClipEngine":
        with cls._lock:
            if model_id not in cls._instances:
                cls._instances[model_id] = cls(model_id)
            return cls._instances[model_id]

    def _ensure(self) -> bool:
        if self._loaded:
            return True
        if self._load_failed:
            return False
        with self._lock:
            if self._loaded:
                return True
            if self._load_failed:
                return False
            try:
                import torch  # noqa: F401
                from transformers import CLIPModel, CLIPProcessor

                self.device = _resolve_device()
                model = CLIPModel.from_pretrained(self.model_id).to(self.device)
                model.eval()
                for p in model.parameters():
                    p.requires_grad = False
                self.model = model
                self.processor = CLIPProcessor.from_pretrained(self.model_id)
            except Exception as exc:
                log.warning("CLIP load failed (%s): %s", self.model_id, exc)
                self._load_failed = True
                return False
            self._loaded = True
            log.info("CLIP ready (%s, device=%s)", self.model_id, self.device)
            return True

    def encode_image(self, images: list) -> "np.ndarray | None":
        if not self._ensure():
            return None
        import torch

        with self._infer_lock:
            pp = self.processor(images=images, return_tensors="pt")
            pixel_values = pp["pixel_values"].to(self.device)
            with torch.no_grad():
                vision_out = self.model.vision_model(pixel_values=pixel_values)
                feats = self.model.visual_projection(vision_out.pooler_output)
                feats = feats / feats.norm(p=2, dim=-1, keepdim=True)
            return feats.detach().cpu().numpy().astype(np.float32)

    def encode_text(self, texts: list) -> "np.ndarray | None":
        if not self._ensure():
            return None
        import torch

        with self._infer_lock:
            pp = self.processor(
                text=texts, return_tensors="pt", padding=True, truncation=True)
            pp = {k: v.to(self.device) for k, v in pp.items()}
            with torch.no_grad():
                text_out = self.model.text_model(
                    input_ids=pp["input_ids"],
                    attention_mask=pp.get("attention_mask"),
                )
                feats = self.model.text_projection(text_out.pooler_output)
                feats = feats / feats.norm(p=2, dim=-1, keepdim=True)
            return feats.detach().cpu().numpy().astype(np.float32)

    def classify(self, images: list, labels: list) -> "dict | None":
        if not self._ensure():
            return None
        import torch

        with self._infer_lock:
            pp = self.processor(
                text=labels, images=images, return_tensors="pt",
                padding=True, truncation=True)
            pp = {k: v.to(self.device) for k, v in pp.items()}
            with torch.no_grad():
                out = self.model(**pp)
                logits = out.logits_per_image  # (N_img, N_label), logit_scale-scaled
                probs = logits.softmax(dim=-1)
            return {
                "logits": logits.detach().cpu().numpy().astype(np.float32),
                "probs": probs.detach().cpu().numpy().astype(np.float32),
            }
