# provenance: search index id 28071821068
# query: load_dataset("emotion")
# rank: 6
# label: negative
# note: the book's emotion walk-through: num_labels = 6 for the six emotion labels, given to the head the Trainer fine-tunes
import json

import numpy as np
import torch
import torch.nn.functional as F
from datasets import load_dataset
from transformers import AutoTokenizer

model_ckpt = "distilbert-base-uncased"
tokenizer = AutoTokenizer.from_pretrained(model_ckpt)

def tokenize(batch):
    return tokenizer(batch["text"], padding=True, truncation=True)


emotions = load_dataset("emotion")
emotions_encoded = emotions.map(tokenize, batched=True, batch_size=None)

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

## 2. Fine tuning!
# %%
from transformers import AutoModelForSequenceClassification

# %%
num_labels = 6
model = AutoModelForSequenceClassification.from_pretrained(
    model_ckpt, num_labels=num_labels
).to(device)
print(model)

# %%
from transformers import Trainer, TrainingArguments

# %%
batch_size = 64
logging_steps = len(emotions_encoded["train"]) // batch_size
# %%
model_name = f"{model_ckpt}-finetuned-emotion"
# %%
training_args = TrainingArguments(
    output_dir=model_name,
    num_train_epochs=2,
    learning_rate=2e-5,
    per_device_train_batch_size=batch_size,
    per_device_eval_batch_size=batch_size,
    weight_decay=0.01,
    evaluation_strategy="epoch",
    disable_tqdm=False,
    logging_steps=logging_steps,
    push_to_hub=False,
    log_level="error",
)
# %%
from transformers import Trainer

# %%
trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=emotions_encoded["train"],
    eval_dataset=emotions_encoded["validation"],
    tokenizer=tokenizer,
)
# %%
trainer.train()
