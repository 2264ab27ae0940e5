# provenance: search index id 15655594186 [PromptPipeline, Agent, generate, the module-level set-up and the two sample generations; PPO storage, losses and the main loop left out; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding=True)['input_ids']
# rank: 3
# label: positive
# note: three prompts left-padded with EOS as pad keep only their input_ids and go through the helper to GPT-2's generate with attention_mask=None: GPT-2 has no pad id of its own (pad = EOS), so generate attends to the pads of the shorter prompts; the expectation is where the padded ids meet the model
from dataclasses import dataclass
from typing import List

import transformers
from transformers import DataCollatorWithPadding
from transformers import pipeline, AutoTokenizer

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from omegaconf import DictConfig


class PromptPipeline():
    def __init__(self, prompts: List[str], max_prompt_length: int, tokenizer):
        super().__init__()
        prompts = tokenizer(prompts).input_ids
        self.tokenizer = tokenizer
        self.prompts = [prompt[-max_prompt_length:] for prompt in prompts]
        self.prompts = [{"input_ids": prompt, "attention_mask": [1] * len(prompt)} for prompt in self.prompts]

    def __getitem__(self, ix: int):
        return self.prompts[ix]

    def __len__(self) -> int:
        return len(self.prompts)

    def create_loader(self, batch_size: int, shuffle=False) -> DataLoader:
        collate_fn = DataCollatorWithPadding(self.tokenizer)
        return DataLoader(self, batch_size=batch_size, collate_fn=collate_fn, shuffle=shuffle)


class Agent(nn.Module):
    def __init__(self, model_path, num_layers_unfrozen=0):
        super().__init__()
        self.base_model = transformers.AutoModelForCausalLM.from_pretrained(model_path, cache_dir="./models")
        self.logit_head = self.base_model.get_output_embeddings()
        n_embd = self.base_model.lm_head.in_features
        self.value_head = nn.Sequential(nn.Linear(n_embd, n_embd*2), nn.ReLU(), nn.Linear(n_embd*2, 1))

    def generate(self, input_ids, **x):
        return self.base_model.generate(input_ids, **x)

    def forward(self, input_ids, attention_mask, position_ids):
        transformer_outputs = self.base_model.transformer(input_ids=input_ids,
                                                          attention_mask=attention_mask,
                                                          position_ids=position_ids)
        last_hidden_state = transformer_outputs.last_hidden_state
        lm_logits = self.logit_head(last_hidden_state)
        value = self.value_head(last_hidden_state).squeeze(-1)
        return lm_logits, value


def generate(model, tokenizer, input_ids, attention_mask=None, **kwargs):
    generate_kwargs = dict(
        config.method.gen_kwargs,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.eos_token_id)
    kwargs = dict(generate_kwargs, **kwargs)
    with torch.no_grad():
        generated_results = model.generate(input_ids=input_ids, attention_mask=attention_mask, **kwargs)
    return generated_results


config = DictConfig({
    'train': {'seq_length': 1024, 'model_device': 'cuda:0'},
    'model': {'model_path': 'lvwerra/gpt2-imdb', 'tokenizer_path': 'lvwerra/gpt2-imdb', 'num_layers_unfrozen': 1},
    'method': {'gen_kwargs': {'max_new_tokens': 60, 'top_k': 0, 'top_p': 1.0, 'do_sample': True}}})

tokenizer = AutoTokenizer.from_pretrained(config.model.tokenizer_path)
tokenizer.pad_token = tokenizer.eos_token
tokenizer.pad_token_ida = tokenizer.eos_token_id
tokenizer.padding_side = "left"

model = Agent(config.model.model_path, config.model.num_layers_unfrozen).to(config.train.model_device)

input_ids = tokenizer.batch_encode_plus(
    ["my feeling about the movie", "this is", "I can tell with certainty"],
    return_tensors='pt',
    padding=True)['input_ids']

model_device = next(model.parameters()).device
output_ids = generate(model, tokenizer, input_ids.to(model_device), max_new_tokens=config.method.gen_kwargs["max_new_tokens"])  # expect: TFL102

generated_text = tokenizer.batch_decode(output_ids, skip_special_tokens=True)

input_ids = tokenizer.batch_encode_plus(
    ["my feeling about the movie", "this is", "I can tell with certainty"],
    return_tensors='pt',
    padding=True)['input_ids']

model_device = next(model.parameters()).device
output_ids = generate(  # expect: TFL102
    model,
    tokenizer,
    input_ids.to(model_device),
)
generated_text = tokenizer.batch_decode(output_ids, skip_special_tokens=True)
