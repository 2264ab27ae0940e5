"""Complete several prompts at once with a decoder-only model.

GPT-2's tokenizer has no pad token (padding raises ValueError), pads on the right by default (the
short prompt continues after its pad tokens), and the call passes no attention mask.
"""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

CHECKPOINT = "openai-community/gpt2"

prompts = ["The capital of France is", "Once upon a time, in a small village by the sea, there lived"]

tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
model = AutoModelForCausalLM.from_pretrained(CHECKPOINT)

inputs = tokenizer(prompts, padding=True, return_tensors="pt")
with torch.no_grad():
    generated = model.generate(inputs.input_ids, max_new_tokens=20, do_sample=False)

for text in tokenizer.batch_decode(generated, skip_special_tokens=True):
    print(text)
