# provenance: search index id 41866770938
# query: ForSequenceClassification.from_pretrained(
# rank: 1
# label: negative
# note: IMDB is binary (label 0/1) and the DistilBERT head gets num_labels=2
import torch
import numpy as np
from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    TrainingArguments,
    Trainer,
    DataCollatorWithPadding
)
from sklearn.metrics import accuracy_score, f1_score

def load_data():
    """Load and prepare the dataset for fine-tuning."""
    dataset = load_dataset("imdb", split="train[:1000]")
    dataset = dataset.train_test_split(test_size=0.2)
    return dataset

def preprocess_data(dataset, tokenizer):
    def tokenize_function(examples):
        return tokenizer(examples["text"], truncation=True, padding="max_length", max_length=128)
    tokenized_datasets = dataset.map(tokenize_function, batched=True)
    tokenized_datasets = tokenized_datasets.remove_columns(["text"])
    tokenized_datasets = tokenized_datasets.rename_column("label", "labels")
    tokenized_datasets.set_format("torch")
    return tokenized_datasets

def train_model(tokenized_datasets, tokenizer, model):
    training_args = TrainingArguments(
        output_dir="./results",
        num_train_epochs=3,
        per_device_train_batch_size=16,
    )
    data_collator = DataCollatorWithPadding(tokenizer=tokenizer)
    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=tokenized_datasets["train"],
        eval_dataset=tokenized_datasets["test"],
        tokenizer=tokenizer,
        data_collator=data_collator,
    )
    trainer.train()
    return trainer

if __name__ == "__main__":
    # Load the pretrained model and tokenizer
    model_name = "distilbert-base-uncased"
    print(f"Loading base model: {model_name}")
    
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=2)
    
    # Load and preprocess the dataset
    dataset = load_data()
    tokenized_datasets = preprocess_data(dataset, tokenizer)
    
    # Train the model
    trainer = train_model(tokenized_datasets, tokenizer, model)
