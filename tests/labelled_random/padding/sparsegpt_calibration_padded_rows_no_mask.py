# provenance: search index id 38818222891 [SparseGPTQuantizer: calibration data, activation capture and quantize_model; the weight quantization left out]
# query: padding="max_length").input_ids
# rank: 10
# label: positive
# note: each calibration line is padded (pad = EOS) to the full context and run through the causal LM without a mask; the hooks keep the layer inputs of every position, so the Hessians are computed mostly over pad positions (the decoder-only case of the rule: the code reads the padded positions)
import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM, AutoTokenizer
from dataclasses import dataclass


@dataclass
class QuantizationConfig:
    sparsity: float = 0.5
    percdamp: float = 0.01
    nsamples: int = 128
    model_seqlen: int = 2048


class SparseGPTQuantizer:
    def __init__(self, config: QuantizationConfig):
        self.config = config
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    def _get_calibration_data(self, tokenizer, dataset_name="wikitext", subset="wikitext-2-raw-v1"):
        from datasets import load_dataset
        dataset = load_dataset(dataset_name, subset, split="train")
        samples = []
        max_len = min(self.config.model_seqlen, tokenizer.model_max_length)
        for i in range(self.config.nsamples * 2):
            if len(samples) >= self.config.nsamples:
                break
            txt = dataset[i]["text"]
            if txt.strip():
                ids = tokenizer(txt, return_tensors="pt", truncation=True, max_length=max_len, padding="max_length").input_ids
                if ids.shape[1] > 10:
                    samples.append(ids.to(self.device))
        return samples

    def _prepare_model(self, model):
        if hasattr(model, "model"):
            return model.model.layers
        return model.transformer.h

    def _capture_activations(self, model, layers, samples):
        acts = {i: [] for i in range(len(layers))}
        hooks = []
        for idx, l in enumerate(layers):
            def save_inp(i):
                def hook(mod, inp, out):
                    acts[i].append(inp[0].detach())
                return hook
            hooks.append(l.register_forward_hook(save_inp(idx)))
        for x in samples:
            with torch.no_grad():
                _ = model(x)  # expect: TFL101
        for h in hooks:
            h.remove()
        for k in acts:
            acts[k] = torch.cat(acts[k], dim=0)
        return acts

    def _apply_sparsegpt(self, model, layers, samples):
        activations = self._capture_activations(model, layers, samples)
        for lid, layer in enumerate(layers):
            inps = activations[lid]
            H = (inps.T @ inps) / inps.shape[0]

    def quantize_model(self, model_path: str, output_path: str):
        model = AutoModelForCausalLM.from_pretrained(model_path, torch_dtype=torch.float16).to(self.device)
        tokenizer = AutoTokenizer.from_pretrained(model_path)
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        samples = self._get_calibration_data(tokenizer)
        layers = self._prepare_model(model)
        model.eval()
        with torch.no_grad():
            self._apply_sparsegpt(model, layers, samples)
        model.save_pretrained(output_path)
