# provenance: search index id 71645917466 [imports, TinyDiffusion.__init__, _encode]
# query: padding="max_length"
# rank: 10
# label: negative
# note: one prompt padded to 77 for an ONNX Runtime session (not a Transformers model); the mask is fed when the graph takes one
import os
import threading
import time
import urllib.request
import json
import logging
import platform
import sys
import tkinter as tk
from tkinter import ttk, messagebox, filedialog

import numpy as np
from PIL import Image, ImageTk


class TinyDiffusion:
    def __init__(self, progress=None):
        import onnxruntime as ort
        from transformers import CLIPTokenizer

        self.progress = progress
        logger.info("ONNX Runtime %s | providers=%s", ort.__version__, ort.get_available_providers())
        download_model(progress)

        self.ort = ort
        self.tokenizer = CLIPTokenizer.from_pretrained(MODEL_DIR)
        self.text = self._load_session("tiny-sd/text_encoder/model.onnx", "text_encoder")
        self.unet = self._load_session("tiny-sd/unet/model.onnx", "unet")
        self.vae = self._load_session("tiny-sd/vae_decoder_tiny/model.onnx", "vae_decoder_tiny")
        self.scheduler = DDIMLite(os.path.join(MODEL_DIR, "tiny-sd", "scheduler", "scheduler_config.json"))

    def _encode(self, prompt):
        tok = self.tokenizer(
            prompt, padding="max_length", max_length=77, truncation=True,
            return_tensors="np", return_attention_mask=True,
        )
        feed = {}
        for x in self.text.get_inputs():
            n = x.name.lower()
            if "input_ids" in n:
                feed[x.name] = tok["input_ids"].astype(np.int64)
            elif "attention_mask" in n and "attention_mask" in tok:
                feed[x.name] = tok["attention_mask"].astype(np.int64)
        missing = [x.name for x in self.text.get_inputs() if x.name not in feed]
        if missing:
            raise RuntimeError(f"Text encoder input(s) not mapped: {missing}")
        return self.text.run(None, feed)[0].astype(np.float32)
