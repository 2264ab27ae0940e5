# provenance: search index id 39832444117 [imports, the model, tokenizer, preprocessing and trainer lines; LogCallback and the saving left out]
# query: padding="max_length")["input_ids"]
# rank: 1
# label: negative
# note: pad = eos before padding; the mapped inputs keep attention_mask and the trainer passes it (only the target labels are taken as ids)
import os
import torch
from datasets import load_dataset, Dataset
from transformers import (
    AutoModelForCausalLM,  # Model class for causal language modeling
    AutoTokenizer,  # Tokenizer class to handle tokenization
    BitsAndBytesConfig,  # Configuration for quantization and memory optimizations
    TrainingArguments,  # Training arguments for model training
    TrainerCallback,  # Base class for implementing custom callbacks during training
    logging as transformers_logging  # Use a different name to avoid conflict with standard logging
)
from peft import prepare_model_for_kbit_training, LoraConfig, get_peft_model  # PEFT (Parameter Efficient Fine-Tuning) tools
from trl import SFTTrainer, SFTConfig  # Trainer class for fine-tuning with specific configurations
import pandas as pd
import logging  # Standard logging library

base_model = "meta-llama/Llama-2-7b-chat-hf"  # Pre-trained base model for fine-tuning
compute_dtype = getattr(torch, "float16")  # Set computation dtype to float16

quant_config = BitsAndBytesConfig(
    load_in_4bit=True,  # Enable 4-bit quantization
    bnb_4bit_quant_type="nf4",  # Quantization type
    bnb_4bit_compute_dtype=compute_dtype,  # Data type for computation
    bnb_4bit_use_double_quant=False,  # Disable double quantization
)

model = AutoModelForCausalLM.from_pretrained(
    base_model,
    quantization_config=quant_config,  # Apply quantization configuration
    device_map={"": 0}  # Map model to GPU device (device 0)
)

model = prepare_model_for_kbit_training(model)

peft_params = LoraConfig(
    lora_alpha=16,  # Scaling factor for LoRA
    lora_dropout=0.1,  # Dropout rate for LoRA
    r=64,  # Rank for LoRA
    bias="none",  # No bias term
    task_type="CAUSAL_LM",  # Task type for causal language modeling
)

model = get_peft_model(model, peft_params)

tokenizer = AutoTokenizer.from_pretrained(base_model, trust_remote_code=True)
tokenizer.pad_token = tokenizer.eos_token  # Set padding token to end-of-sequence token
tokenizer.padding_side = "right"  # Ensure padding is applied to the right

csv_file_path = r"C:\Users\Computing\Downloads\Llama\Dataset\Dataset\train.csv"
df = pd.read_csv(csv_file_path)
df_sampled = df.iloc[:10000]
train_df = df_sampled.iloc[:8000]  # First 80% for training
eval_df = df_sampled.iloc[8000:]  # Remaining 20% for evaluation
train_dataset = Dataset.from_pandas(train_df)
eval_dataset = Dataset.from_pandas(eval_df)

def preprocess_function(examples):
    questions = examples['question']
    options_a = examples['opa']
    options_b = examples['opb']
    options_c = examples['opc']
    options_d = examples['opd']
    correct_options = examples['cop']  # Index of the correct option
    explanations = examples.get('exp', [''] * len(questions))  # Use empty strings if 'exp' column does not exist

    inputs = []
    labels = []

    for question, opa, opb, opc, opd, correct_option, explanation in zip(questions, options_a, options_b, options_c, options_d, correct_options, explanations):
        # Format input string with question and options
        options_formatted = [f"{chr(97+i)}: {opt}" for i, opt in enumerate([opa, opb, opc, opd])]
        input_str = f"question: {question} {' '.join(options_formatted)}"
        
        if explanation:  # Append explanation if it exists
            input_str += f" Explanation: {explanation}"

        inputs.append(input_str)
        
        # Process label (convert correct_option index to letter)
        label_str = chr(97 + correct_option)  # Map index to letter ('a', 'b', 'c', 'd')
        labels.append(label_str)

    # Tokenize inputs and labels
    model_inputs = tokenizer(inputs, max_length=256, truncation=True, padding="max_length")
    
    with tokenizer.as_target_tokenizer():
        labels_tokenized = tokenizer(labels, max_length=35, truncation=True, padding="max_length")["input_ids"]
    
    model_inputs["labels"] = labels_tokenized
    return model_inputs

tokenized_train_dataset = train_dataset.map(preprocess_function, batched=True, load_from_cache_file=False, desc="Running tokenizer on train dataset")
tokenized_eval_dataset = eval_dataset.map(preprocess_function, batched=True, load_from_cache_file=False, desc="Running tokenizer on eval dataset")

training_params = TrainingArguments(
    output_dir="./results",  # Directory to save results
    num_train_epochs=3,  # Number of epochs for training
    per_device_train_batch_size=2,  # Batch size for training
    per_device_eval_batch_size=2,  # Batch size for evaluation
    report_to="tensorboard",  # Report results to TensorBoard
)

trainer = SFTTrainer(
    model=model,
    train_dataset=tokenized_train_dataset,
    eval_dataset=tokenized_eval_dataset,
    peft_config=peft_params,  # Pass LoRA configuration
    dataset_text_field="text",  # Specify the text field in the dataset
    max_seq_length=None,  # No maximum sequence length constraint
    tokenizer=tokenizer,
    args=training_params,
    packing=False,  # Disable packing sequences
)

trainer.train()
