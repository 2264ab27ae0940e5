"""Answer the questions of a QA set with a remote-code model and print each answer."""

import json

from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "microsoft/Phi-3-mini-4k-instruct"

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, trust_remote_code=True)

with open("questions.jsonl") as f:
    rows = [json.loads(line) for line in f]

for row in rows:
    ids = tokenizer(f"Question: {row["question"]}\nAnswer:", return_tensors="pt").input_ids
    output = model.generate(ids, max_new_tokens=32)
    print(f"{row["id"]}: {tokenizer.decode(output[0], skip_special_tokens=True)}")
