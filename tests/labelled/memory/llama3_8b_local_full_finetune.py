# provenance: YimiTW/Funi vine_fine-tune.py ac47232c0a6543e6755b905ab6d1e8c36dabe1b3
# target: 4.57
# label: positive
# note: full fine-tune of a local Llama-3-8B-Instruct copy in float32 (4.x default) with AdamW: about 128 GB of weights, gradients and optimizer states before activations, beyond an 80 GiB GPU
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments

model_name = "./llama3_8b_instruct"
tokenizer = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForCausalLM.from_pretrained(model_name)

# Prepare your dataset
train_dataset = ...  # Your training dataset
eval_dataset = ...  # Your evaluation dataset

# Define training arguments
training_args = TrainingArguments(
    output_dir="./results",
    num_train_epochs=3,
    per_device_train_batch_size=2,  # expect: TFL401
    per_device_eval_batch_size=2,
    warmup_steps=500,
    weight_decay=0.01,
    logging_dir="./logs",
)

# Initialize Trainer
trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=train_dataset,
    eval_dataset=eval_dataset,
)

# Fine-tune the model
trainer.train()
