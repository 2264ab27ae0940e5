# provenance: search index id 15742913353
# query: load_dataset("emotion")
# rank: 10
# label: negative
# note: num_labels = 6 for the emotion dataset's six ClassLabel names; predictions index the same six names
from datasets import load_dataset
import numpy as np
import torch
from transformers import AutoTokenizer, AutoModel
from transformers import AutoModelForSequenceClassification
from sklearn.metrics import accuracy_score, f1_score

emotions = load_dataset("emotion")

def label_int2str(row):
    return emotions["train"].features["label"].int2str(row)

model_ckpt = "distilbert-base-uncased"
tokenizer = AutoTokenizer.from_pretrained(model_ckpt)

def tokenize(batch):
    return tokenizer(batch["text"], padding=True, truncation=True)

emotions_encoded = emotions.map(tokenize, batched=True, batch_size=None)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
labels = emotions["train"].features["label"].names

# 微调Transformers
num_labels = 6
model = (AutoModelForSequenceClassification.from_pretrained(model_ckpt, num_labels=num_labels).to(device))

from transformers import Trainer, TrainingArguments

batch_size = 64
model_name = f"{model_ckpt}-finetuned-emotion"
training_args = TrainingArguments(output_dir=model_name, num_train_epochs=2, learning_rate=2e-5,
                                  per_device_train_batch_size=batch_size, per_device_eval_batch_size=batch_size,
                                  weight_decay=0.01, evaluation_strategy="epoch", disable_tqdm=False,
                                  push_to_hub=True, log_level="error")
trainer = Trainer(model=model, args=training_args,
                  train_dataset=emotions_encoded["train"], eval_dataset=emotions_encoded["validation"],
                  tokenizer=tokenizer)
trainer.train()
preds_output = trainer.predict(emotions_encoded["validation"])
y_preds = np.argmax(preds_output.predictions, axis=1)
