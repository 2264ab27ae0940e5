# provenance: search index id 60898694153
# query: ForSequenceClassification.from_pretrained(
# rank: 10
# label: negative
# note: the label maps are built from the data's own label column and the head gets num_labels=len(labels) with both maps
import pandas as pd
from datasets import Dataset, DatasetDict
from sklearn.model_selection import train_test_split

df = pd.read_csv("srilanka_transactions.csv")

# Create label mapping
labels = sorted(df['label'].unique().tolist())
label2id = {label: i for i, label in enumerate(labels)}
id2label = {i: label for label, i in label2id.items()}
num_labels = len(labels)

print(f"\nLabel mapping: {label2id}")

# Convert labels to integers
df['label_id'] = df['label'].map(label2id)

# Split into train/test
train_df, test_df = train_test_split(df, test_size=0.2, stratify=df['label'], random_state=42)

train_dataset = Dataset.from_pandas(train_df[['description', 'label_id']].rename(columns={'label_id': 'label'}))
test_dataset = Dataset.from_pandas(test_df[['description', 'label_id']].rename(columns={'label_id': 'label'}))

dataset = DatasetDict({'train': train_dataset, 'test': test_dataset})

# %% [Cell 4] Load pretrained model and tokenizer
from transformers import AutoTokenizer, AutoModelForSequenceClassification

model_name = "distilbert-base-uncased"

tokenizer = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForSequenceClassification.from_pretrained(
    model_name,
    num_labels=num_labels,
    id2label=id2label,
    label2id=label2id,
)

# %% [Cell 6] Set up training
from transformers import TrainingArguments, Trainer
import numpy as np

training_args = TrainingArguments(
    output_dir="./results",
    num_train_epochs=15,           # More epochs for small dataset
    per_device_train_batch_size=16,
    report_to="none",
)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=dataset["train"],
    eval_dataset=dataset["test"],
)

# %% [Cell 7] Train!
trainer.train()
