# provenance: search index id 71654060135
# query: add_special_tokens(
# rank: 8
# label: negative
# note: "<padding_token>" is new to Llama-3-8B's vocabulary, and base.resize_token_embeddings(len(self.tokenizer)) runs right after the base model is loaded
from __future__ import annotations

import os

from ._backends import PerTurnBatchRewriteDefense, gpu_dtype

STYLEREMIX_BASE_MODEL = "meta-llama/Meta-Llama-3-8B"


class _StyleRemixBackend:
    def __init__(self, base_model, adapters, sliders, load_in_4bit, max_new_tokens, batch_size):
        import torch
        from peft import PeftModel
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self._torch = torch
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size

        self.device = "cuda" if torch.cuda.is_available() else "cpu"

        # A dedicated pad token is added (Llama-3 ships none) and base embeddings resized to match.
        self.tokenizer = AutoTokenizer.from_pretrained(
            base_model, add_bos_token=True, add_eos_token=False, padding_side="left"
        )
        self.tokenizer.add_special_tokens({"pad_token": "<padding_token>"})

        load_kwargs = {}
        if load_in_4bit and self.device == "cuda":
            from transformers import BitsAndBytesConfig
            load_kwargs["quantization_config"] = BitsAndBytesConfig(
                load_in_4bit=True, bnb_4bit_compute_dtype=gpu_dtype(torch), bnb_4bit_quant_type="nf4",
            )
        else:
            load_kwargs["torch_dtype"] = gpu_dtype(torch)
        base = AutoModelForCausalLM.from_pretrained(base_model, **load_kwargs)
        base.resize_token_embeddings(len(self.tokenizer))
        if not load_in_4bit or self.device != "cuda":
            base = base.to(self.device)

        # Load only the adapters the configured sliders use, then merge into one weighted "cat"
        # adapter that stays active for every prompt.
        first = self._adapter_names[0]
        model = PeftModel.from_pretrained(base, adapters[first], adapter_name=first)
        for name in self._adapter_names[1:]:
            model.load_adapter(adapters[name], adapter_name=name)
        model.eval()
        self.model = model

    def rewrite_batch(self, texts: list[str]) -> list[str]:
        results = []
        for i in range(0, len(texts), self.batch_size):
            chunk = texts[i:i + self.batch_size]
            prompts = [f"### Original: {t}\n ### Rewrite:" for t in chunk]
            inputs = self.tokenizer(
                prompts, return_tensors="pt", max_length=2048, truncation=True, padding=True,
            ).to(self.model.device)
            input_length = inputs.input_ids.shape[1]
            with self._torch.no_grad():
                outputs = self.model.generate(
                    **inputs, max_new_tokens=self.max_new_tokens, do_sample=False,
                    pad_token_id=self.tokenizer.pad_token_id,
                )
            for row in outputs[:, input_length:]:
                results.append(self.tokenizer.decode(row, skip_special_tokens=True).strip())
        return results
