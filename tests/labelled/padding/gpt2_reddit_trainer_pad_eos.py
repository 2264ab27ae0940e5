# provenance: search index id 34299154724
# label: negative
# note: GPT-2 gets pad = eos before padding, and the padded examples keep their attention_mask, which Trainer passes to the model
from transformers import GPT2Tokenizer, GPT2LMHeadModel
from datasets import Dataset, DatasetDict

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")

# Ensure tokenizer has padding token
tokenizer.pad_token = tokenizer.eos_token

dataset = DatasetDict({
    "train": Dataset.from_dict({"text": train_texts}),
    "validation": Dataset.from_dict({"text": val_texts}),
})

def tokenize_function(examples):
    tokenized = tokenizer(examples["text"], padding="max_length", truncation=True, max_length=50)
    tokenized["labels"] = tokenized["input_ids"].copy()
    return tokenized

tokenized_datasets = dataset.map(tokenize_function, batched=True)
