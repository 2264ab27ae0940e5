# provenance: search index id 14668928157
# query: add_special_tokens({'pad_token'
# rank: 2
# label: negative
# note: the "added" pad token is the tokenizer's own eos token: nothing new enters the vocabulary
import pandas as pd
from datasets import load_dataset, Dataset, DatasetDict, concatenate_datasets
from transformers import AutoTokenizer, AutoModelForCausalLM, TrainingArguments, Trainer
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
import torch
import os
import numpy as np

MODEL_ID = "openai/gpt-oss-20b" 
OUTPUT_DIR = "./gpt_oss_gec_finetuned"
MAX_SEQ_LENGTH = 512 


def tokenize_data(examples):
    return tokenizer(
        examples['text'], 
        truncation=True, 
        max_length=MAX_SEQ_LENGTH,
        padding="max_length"
    )


def run_fine_tuning(train_dataset, eval_dataset):
    print("--- Initializing Tokenizer and Model ---")
    global tokenizer
    # Using AutoTokenizer loads the correct vocabulary for your specific GPT-OSS base model
    tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
    
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
        # Add the pad token to the model's vocabulary to avoid errors
        tokenizer.add_special_tokens({'pad_token': tokenizer.eos_token}) 

    model = AutoModelForCausalLM.from_pretrained(
        MODEL_ID,
        device_map="auto",
        load_in_4bit=True,
        torch_dtype=torch.bfloat16
    )
    model = prepare_model_for_kbit_training(model)
    
    lora_config = LoraConfig(
        r=16, 
        lora_alpha=32,
        lora_dropout=0.05,
        bias="none",
        task_type="CAUSAL_LM",
    )
    model = get_peft_model(model, lora_config)

    training_args = TrainingArguments(
        output_dir=OUTPUT_DIR,
        num_train_epochs=3, 
        per_device_train_batch_size=2, 
        gradient_accumulation_steps=16, # Simulates a batch size of 32
        learning_rate=2e-4,
        bf16=True, 
    )

    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=train_dataset,
        eval_dataset=eval_dataset,
        tokenizer=tokenizer,
    )

    trainer.train()
