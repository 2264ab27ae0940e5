"""Full fine-tuning of an 8B model, written against transformers 4.x's TrainingArguments.

- `evaluation_strategy` was renamed `eval_strategy` (and 5.x no longer accepts the old name);
- a per-device batch of 16 at 2,048 tokens cannot fit a single 80 GiB GPU for a full fine-tune.
"""
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments

CHECKPOINT = "meta-llama/Llama-3.1-8B"

tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained(CHECKPOINT, torch_dtype="bfloat16")

raw = load_dataset("json", data_files={"train": "train.jsonl", "validation": "valid.jsonl"})
tokenized = raw.map(lambda batch: tokenizer(batch["text"], truncation=True, max_length=2048,
                                            padding="max_length"), batched=True)

args = TrainingArguments(
    output_dir="llama-sft",
    per_device_train_batch_size=16,
    num_train_epochs=1,
    learning_rate=2e-5,
    bf16=True,
    evaluation_strategy="epoch",
)
trainer = Trainer(model=model, args=args, train_dataset=tokenized["train"], eval_dataset=tokenized["validation"])
trainer.train()
