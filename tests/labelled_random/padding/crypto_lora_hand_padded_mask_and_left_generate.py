# provenance: search index id 70093309273 [train_local_lora's tokenization and Trainer, evaluate_local_lora's generation; the config class, loaders and metrics shortened]
# query: += [tokenizer.pad_token_id]
# rank: 7
# label: negative
# note: the rows padded by hand carry an attention_mask built beside them for Trainer; evaluation pads prompts on the left and passes the mask to generate
import torch
from datasets import Dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments


def train_local_lora(base_model, rows, output_dir, max_seq_length=2048):
    tokenizer = AutoTokenizer.from_pretrained(base_model, use_fast=True)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(base_model)

    def tokenize(row):
        messages = row["messages"]
        full_ids = tokenizer.apply_chat_template(messages, tokenize=True, add_generation_prompt=False)
        prompt_ids = tokenizer.apply_chat_template(messages[:-1], tokenize=True, add_generation_prompt=True)
        completion_ids = list(full_ids[len(prompt_ids):])[-max_seq_length:]
        prompt_budget = max(max_seq_length - len(completion_ids), 0)
        kept_prompt_ids = list(prompt_ids[-prompt_budget:]) if prompt_budget else []
        input_ids = kept_prompt_ids + completion_ids
        labels = ([-100] * len(kept_prompt_ids)) + completion_ids
        padding = max_seq_length - len(input_ids)
        input_ids += [tokenizer.pad_token_id] * padding
        labels += [-100] * padding
        attention_mask = ([1] * (max_seq_length - padding)) + ([0] * padding)
        return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}

    dataset = Dataset.from_list(rows)
    train_dataset = dataset.map(tokenize, remove_columns=dataset.column_names)
    training_args = TrainingArguments(output_dir=output_dir, num_train_epochs=3, remove_unused_columns=False)
    trainer = Trainer(model=model, args=training_args, train_dataset=train_dataset, processing_class=tokenizer)
    trainer.train()


def evaluate_local_lora(base_model, rows, max_seq_length=2048):
    tokenizer = AutoTokenizer.from_pretrained(base_model, use_fast=True)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    model = AutoModelForCausalLM.from_pretrained(base_model)
    model.eval()
    with torch.no_grad():
        prompt_texts = [
            tokenizer.apply_chat_template(row["messages"][:-1], tokenize=False, add_generation_prompt=True)
            for row in rows
        ]
        encoded = tokenizer(prompt_texts, padding=True, truncation=True, max_length=max_seq_length, return_tensors="pt")
        input_ids = encoded["input_ids"]
        attention_mask = encoded["attention_mask"]
        output = model.generate(input_ids=input_ids, attention_mask=attention_mask, max_new_tokens=24,
                                do_sample=False, pad_token_id=tokenizer.pad_token_id)
    return tokenizer.batch_decode(output[:, input_ids.shape[1]:], skip_special_tokens=True)
