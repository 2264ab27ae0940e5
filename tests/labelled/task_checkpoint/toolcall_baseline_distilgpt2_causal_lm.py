# provenance: search index id 26396222386
# label: negative
# note: distilgpt2 is model_type gpt2 (not distilbert, whatever its name says): AutoModelForCausalLM loads GPT2LMHeadModel
"""
01_baseline.py - Show that base distilgpt2 can't output tool calls
"""

from transformers import AutoModelForCausalLM, AutoTokenizer
import torch

print("Loading distilgpt2...")
model = AutoModelForCausalLM.from_pretrained("distilgpt2")
tokenizer = AutoTokenizer.from_pretrained("distilgpt2")
tokenizer.pad_token = tokenizer.eos_token


def genrate_response(prompt: str, max_new_tokens: int = 50) -> str:
    full_prompt = f"User request: {prompt}\nTool call JSON: "
    inputs = tokenizer(full_prompt, return_tensors="pt")

    with torch.no_grad():
        outputs = model.generate(
            inputs.input_ids,
            max_new_tokens=max_new_tokens,
            do_sample=True,
            temperature=0.7,
            pad_token_id=tokenizer.eos_token_id,
        )
    return tokenizer.decode(outputs[0], skip_special_tokens=True)
