# provenance: search index id 47465661751 [the model, preprocessing, mini-batch and Trainer; the callback and prints trimmed; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding="max_length").input_ids
# rank: 1
# label: negative
# note: only the padded labels are taken as ids alone (their pads set to -100); the mapped inputs keep their attention_mask, which the mini-batch and Trainer pass on
import torch
from datasets import load_dataset
from transformers import AutoTokenizer, AutoModelForSeq2SeqLM, DataCollatorForSeq2Seq, Trainer, TrainingArguments
from peft import LoraConfig, get_peft_model

dataset = load_dataset("json", data_files={"train": "data/train.jsonl", "validation": "data/validation.jsonl"})

model_name = "google/flan-t5-base"
tokenizer = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForSeq2SeqLM.from_pretrained(model_name, device_map="auto")
model = get_peft_model(model, LoraConfig(r=8, lora_alpha=32, target_modules=["q", "v"], task_type="SEQ_2_SEQ_LM"))


def preprocess(example):
    inputs = [f"Normalizza il testo seguente: {x}" for x in example["input"]]
    targets = example["output"]
    model_inputs = tokenizer(inputs, max_length=512, truncation=True, padding="max_length")
    labels = tokenizer(targets, max_length=512, truncation=True, padding="max_length").input_ids
    model_inputs["labels"] = [
        [(l if l != tokenizer.pad_token_id else -100) for l in label]
        for label in labels
    ]
    return model_inputs


tokenized = dataset.map(preprocess, batched=True)
data_collator = DataCollatorForSeq2Seq(tokenizer, model=model)
training_args = TrainingArguments(output_dir="./flan-t5-lora-normalisation", per_device_train_batch_size=4, num_train_epochs=5)

mini_batch_raw = tokenized["train"][:2]
mini_batch = {
    "input_ids": torch.tensor(mini_batch_raw["input_ids"]).to(model.device),
    "attention_mask": torch.tensor(mini_batch_raw["attention_mask"]).to(model.device),
    "labels": torch.tensor(mini_batch_raw["labels"]).to(model.device),
}
outputs = model(**mini_batch)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=tokenized["train"],
    eval_dataset=tokenized["validation"],
    tokenizer=tokenizer,
    data_collator=data_collator,
)
trainer.train()
