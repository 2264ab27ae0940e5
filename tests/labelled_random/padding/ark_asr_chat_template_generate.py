# provenance: search index id 58801162182 [imports, ArkAsrAdapter.load and _window]
# query: padding="longest"
# rank: 4
# label: negative
# note: one conversation per call (nothing to pad against), and generate gets the whole processor output (**inp)
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, List, Union

from pipeline.adapters.base import Adapter, AdapterResult, ErrorRange, Word
from pipeline.capabilities import Capabilities
from pipeline.chunking import transcribe_windows


class ArkAsrAdapter(Adapter):
    def load(self) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoProcessor, AutoTokenizer

        device = "cuda" if str(self.device).startswith("cuda") else "cpu"
        self._dtype = torch.float16 if device == "cuda" else torch.float32
        self.processor = AutoProcessor.from_pretrained(self.model_id, trust_remote_code=True)
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_id, trust_remote_code=True)
        self.model = AutoModelForCausalLM.from_pretrained(
            self.model_id, trust_remote_code=True, torch_dtype=self._dtype, attn_implementation="sdpa",
        ).to(device).eval()

    def _window(self, path: str, start: float, end: float) -> List[Word]:
        import tempfile
        import torch
        import soundfile as sf
        from pipeline.adapters.granite41plus import load_audio_16k

        audio = load_audio_16k(path, start, end - start)
        with tempfile.NamedTemporaryFile(suffix=".wav", delete=False) as fh:
            tmp = fh.name
        sf.write(tmp, audio, 16000, subtype="PCM_16")
        conv = [{"role": "user", "content": [{"type": "audio", "path": tmp},
                                              {"type": "text", "text": PROMPT}]}]
        inp = self.processor.apply_chat_template(
            conv, add_generation_prompt=True, return_tensors="pt", sampling_rate=16000,
            audio_padding="longest", text_kwargs={"padding": "longest"}, audio_max_length=30 * 16000,
        ).to(self.model.device)
        if "audios" in inp:
            inp["audios"] = inp["audios"].to(dtype=self._dtype)      # only the audio tensor
        with torch.inference_mode():
            out = self.model.generate(**inp, do_sample=False, max_new_tokens=256,
                                      pad_token_id=self.tokenizer.pad_token_id,
                                      eos_token_id=self.tokenizer.eos_token_id,
                                      bad_words_ids=self.bad_words_ids)
        text = self.tokenizer.batch_decode(out[:, inp.input_ids.shape[1]:], skip_special_tokens=True)[0].strip()
        Path(tmp).unlink(missing_ok=True)
        return [Word(text=t, start=None, end=None) for t in text.split()]
