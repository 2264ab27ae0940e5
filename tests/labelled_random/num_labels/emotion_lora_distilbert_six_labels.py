# provenance: search index id 23553410307
# query: load_dataset("emotion")
# rank: 9
# label: negative
# note: the emotion dataset has six labels and the DistilBERT head gets num_labels=6
from transformers import AutoTokenizer, AutoModelForSequenceClassification, Trainer, TrainingArguments
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
import numpy as np
from sklearn.metrics import accuracy_score

# Define model and tokenizer names
model_name = "distilbert-base-uncased"  # Use the pre-trained DistilBERT model
tokenizer = AutoTokenizer.from_pretrained(model_name)

# Load the Emotion dataset from Hugging Face
dataset = load_dataset("emotion")

def preprocess_function(examples):
    return tokenizer(examples['text'], truncation=True, padding='max_length', max_length=128)

# Apply the preprocessing function to the dataset
encoded_dataset = dataset.map(preprocess_function, batched=True)

# Split the dataset into train and test sets
train_dataset = encoded_dataset["train"]
test_dataset = encoded_dataset["test"]

# Rename the 'label' column to 'labels' and set the format for training
train_dataset = train_dataset.rename_column("label", "labels")
train_dataset.set_format("torch", columns=["input_ids", "attention_mask", "labels"])
test_dataset = test_dataset.rename_column("label", "labels")
test_dataset.set_format("torch", columns=["input_ids", "attention_mask", "labels"])

# Load the pre-trained DistilBERT model for sequence classification
model = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=6)

# Create a LoRA configuration for Parameter-Efficient Fine-Tuning
lora_config = LoraConfig(
    r=8,  # Rank of the low-rank matrices
    lora_alpha=16,  # Scaling factor for the LoRA updates
    target_modules=["q_lin", "v_lin", "k_lin", "out_lin"],  # Target specific linear layers in DistilBERT
    lora_dropout=0.1,  # Dropout probability for the LoRA layers
    bias="none",  # No bias term for the LoRA layers
    task_type="SEQ_CLS"  # Sequence classification task
)

# Apply LoRA to the pre-trained model
lora_model = get_peft_model(model, lora_config)

# Define training arguments
training_args = TrainingArguments(
    output_dir="./lora-distilbert-emotion",  # Output directory for the trained model
    evaluation_strategy="epoch",  # Evaluate the model at the end of each epoch
    learning_rate=2e-5,  # Learning rate for the optimizer
    per_device_train_batch_size=16,  # Batch size for training
    num_train_epochs=1,  # Number of training epochs
)

# Create a Trainer instance for fine-tuning
trainer = Trainer(
    model=lora_model,  # Use the LoRA-adapted model
    args=training_args,  # Training arguments
    train_dataset=train_dataset,  # Training dataset
    eval_dataset=test_dataset,  # Evaluation dataset
)

# Train the model
trainer.train()
