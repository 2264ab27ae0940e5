# provenance: search index id 365420433 [imports, preprocess_function less its fallback separators, the model, tokenizer, collator and generation loop; argument parsing, pruning, terminators, the CSV reading and the result report left out]
# query: pad_to_max_length=True)["input_ids"]
# rank: 5
# label: negative
# note: padding on the left, pad = eos when missing, and generate gets the collator's attention_mask
import os
import pandas as pd
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorWithPadding
from peft import AutoPeftModelForCausalLM
import argparse
from datasets import Dataset
import torch
from torch.utils.data import DataLoader
import torch.nn.utils.prune as prune

def preprocess_function(examples):
    row_split = examples[header_name].split(tokenizer.eos_token)
    user = row_split[0].split('\n')[-1].strip()
    assistant_gt = row_split[1].split('\n')[-1].strip()
    
    messages = [{"role": "user", "content": user}]
    inputs = tokenizer.apply_chat_template(
        messages,
        add_generation_prompt=True,
        tokenize=False,
    )
    
    model_inputs = tokenizer(inputs, max_length=128, truncation=True, padding='max_length', pad_to_max_length=True)
    model_inputs["labels"] = tokenizer(assistant_gt, max_length=64, truncation=True, padding='max_length', pad_to_max_length=True)["input_ids"]
    
    return model_inputs

tokenizer = AutoTokenizer.from_pretrained(MODEL, trust_remote_code=True, padding_side='left')
model = AutoModelForCausalLM.from_pretrained(
    MODEL,
    torch_dtype="auto",
    device_map="auto",
    trust_remote_code=True,
)

if tokenizer.pad_token is None:
    tokenizer.pad_token = tokenizer.eos_token

dataset = Dataset.from_pandas(data)
tokenized_dataset = dataset.map(preprocess_function, remove_columns=dataset.column_names)

data_collator = DataCollatorWithPadding(tokenizer=tokenizer, padding='max_length', max_length=128, return_tensors="pt")

dataloader = DataLoader(tokenized_dataset, batch_size=batch_size, collate_fn=data_collator)

model.eval()

for batch in dataloader:
    with torch.no_grad():
        batch = {k: v.to(model.device) for k, v in batch.items()}
        
        outputs = model.generate(
            input_ids=batch["input_ids"],
            attention_mask=batch["attention_mask"],
            max_new_tokens=64,
            do_sample=False,
            eos_token_id=terminators,
            repetition_penalty=1.5,
        )
