# provenance: shimakimi/ollama train.py 04746a0c99fdb6c2eb8c15c03f35058ea4ed6a2d
# target: 4.57
# label: positive
# note: full fine-tune of Llama-2-7b loaded in float32 (4.x default) with AdamW: weights, gradients and Adam states alone are about 108 GB, beyond an 80 GiB GPU at any batch size
from transformers import AutoModelForCausalLM, AutoTokenizer, TrainingArguments, Trainer
from datasets import load_dataset
import torch

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")

dataset = load_dataset("wikitext", "wikitext-2-raw-v1")

training_args = TrainingArguments(
    output_dir="./results",
    num_train_epochs=3,
    per_device_train_batch_size=4,  # expect: TFL401
    save_steps=10_000,
    save_total_limit=2, 
)

trainer = Trainer(
    model=model,
    tokenizer=tokenizer,
    args=training_args,
    train_dataset=dataset["train"],
)

trainer.train()
