# provenance: search index id 51781910757 [imports; ModelManager.load and generate_tts cut down to the loading and the model call, a def line supplied for generate_tts without its annotations]
# query: padding="longest"
# rank: 9
# label: negative
# note: one text per call (nothing padded) and the TTS model gets attention_mask anyway
import os
import shutil
import zipfile
from datetime import datetime
import numpy as np
import torch
import torch.nn.functional as F
import soundfile as sf
import gradio as gr

import audiodit  # auto-registers AudioDiTConfig/AudioDiTModel
from audiodit import AudioDiTModel
from transformers import AutoTokenizer
from utils import normalize_text, normalize_mixed_text, load_audio, approx_duration_from_text, split_text_semantic


class ModelManager:
    def load(self, model_key: str) -> tuple[AudioDiTModel, AutoTokenizer]:
        model_dir = MODEL_DIRS.get(model_key)
        self.model = AudioDiTModel.from_pretrained(model_dir).to(self.device)
        self.model.vae.to_half()
        self.model.eval()
        self.tokenizer = AutoTokenizer.from_pretrained(self.model.config.text_encoder_model)
        self.current_model_key = model_key
        return self.model, self.tokenizer


def generate_tts(text, model_choice, nfe_steps, guidance_method, guidance_strength, seed, silence_duration, max_chars):
    try:
        model, tokenizer = model_manager.load(model_choice)
    except gr.Error:
        raise
    device = model_manager.device
    for para_idx, para in enumerate(paragraphs):
        chunks = split_text_semantic(para, max_chars=max_chars)
        for chunk_idx, chunk in enumerate(chunks):
            normalized_text = normalize_mixed_text(chunk)

            inputs = tokenizer([normalized_text], padding="longest", return_tensors="pt")

            with torch.no_grad():
                output = model(
                    input_ids=inputs.input_ids.to(device),
                    attention_mask=inputs.attention_mask.to(device),
                    prompt_audio=None,
                    duration=duration,
                    steps=nfe_steps,
                    cfg_strength=guidance_strength,
                    guidance_method=guidance_method,
                )
