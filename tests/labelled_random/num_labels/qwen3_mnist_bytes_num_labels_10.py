# provenance: search index id 6761294951
# query: num_labels
# rank: 1
# label: negative
# note: MNIST digits (ten classes) with NUM_LABELS = 10 passed to both the PEFT and the plain sequence-classification head
import os
import random
import json
import torch
import numpy as np
from datasets import load_dataset
from transformers import (
    AutoTokenizer,
    AutoModelForSequenceClassification,
    Trainer, TrainingArguments,
    DataCollatorWithPadding,
)
from sklearn.metrics import accuracy_score, precision_recall_fscore_support
from peft import get_peft_model, LoraConfig, TaskType, PeftModel, AutoPeftModelForSequenceClassification
from utils import rename_column, rename_column_byte_input, rename_column_hex

# ========================
# Configuration
# ========================
BASE_MODEL_NAME    = "/root/autodl-fs/models/Qwen3-8B"
PEFT_MODEL_PATH    = "/root/autodl-tmp/MLLM/trained_models/Qwen3-8B-lora-mnist10_jpeg_GRAD"
DATASET_PATH       = "/root/autodl-tmp/MLLM/datasets/mnist/mnist_jpeg.jsonl"
MAX_LENGTH         = 600
BATCH_SIZE         = 2
GRAD_ACC_STEPS     = 16
NUM_TRAIN_EPOCHS   = 3
NUM_LABELS         = 10
EVAL_ACCUMULATION_STEPS = 10
PEFT_ENABLED       = True
LOAD_FROM_PEFT     = True
REPORT_TO_WANDB    = True

# ========================
# Load and preprocess dataset
# ========================
ds = load_dataset("json",
    data_files=DATASET_PATH,
    split="train"
)

ds = ds.train_test_split(test_size=0.1, seed=42)
train_ds = ds["train"]
val_ds   = ds["test"]

tokenizer = AutoTokenizer.from_pretrained(BASE_MODEL_NAME)

# ========================
# Load model 
# ========================
if LOAD_FROM_PEFT:
    model = AutoPeftModelForSequenceClassification.from_pretrained(
        PEFT_MODEL_PATH,
        num_labels=NUM_LABELS,
        is_trainable=True,
        device_map="auto",
        torch_dtype="auto"
    )
else:
    model = AutoModelForSequenceClassification.from_pretrained(
        BASE_MODEL_NAME, 
        num_labels=NUM_LABELS, 
        device_map="auto", 
        torch_dtype="auto"
        )
    if PEFT_ENABLED:
        lora_cfg = LoraConfig(
            r=64,
            lora_alpha=128,
            target_modules=["q_proj", "v_proj"],
            lora_dropout=0.05,
            bias="none",
            task_type=TaskType.SEQ_CLS,
        )
        model = get_peft_model(model, lora_cfg)

train_ds = train_ds.rename_column("label", "labels")
val_ds   = val_ds.rename_column("label", "labels")

data_collator = DataCollatorWithPadding(tokenizer)

training_args = TrainingArguments(
    output_dir=f"autodl-tmp/MLLM/checkpoints/{os.path.basename(BASE_MODEL_NAME)}-lora",
    per_device_train_batch_size=BATCH_SIZE,
    num_train_epochs=NUM_TRAIN_EPOCHS,
    bf16=True,    
)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=train_ds,
    eval_dataset=val_ds,
    data_collator=data_collator,
)

# Train
trainer.train()
